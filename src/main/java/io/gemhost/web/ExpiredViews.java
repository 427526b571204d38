package io.gemhost.web;

import jakarta.faces.FacesException;
import jakarta.faces.application.ViewExpiredException;
import jakarta.faces.context.ExceptionHandler;
import jakarta.faces.context.ExceptionHandlerFactory;
import jakarta.faces.context.ExceptionHandlerWrapper;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.ExceptionQueuedEvent;
import jakarta.faces.event.PhaseId;
import java.io.IOException;
import java.util.Iterator;

/**
 * A form posted with an unknown view state (a forged cross-site request, or a page left open
 * past its session) changes nothing: the browser is sent back to a fresh copy of the page.
 */
public class ExpiredViews extends ExceptionHandlerFactory {

    public ExpiredViews(ExceptionHandlerFactory wrapped) {
        super(wrapped);
    }

    @Override
    public ExceptionHandler getExceptionHandler() {
        return new Handler(getWrapped().getExceptionHandler());
    }

    static class Handler extends ExceptionHandlerWrapper {

        Handler(ExceptionHandler wrapped) {
            super(wrapped);
        }

        @Override
        public void handle() throws FacesException {
            Iterator<ExceptionQueuedEvent> events = getUnhandledExceptionQueuedEvents().iterator();
            while (events.hasNext()) {
                var context = events.next().getContext();
                // an expired view, or one that cannot be restored from a forged state (e.g. "stateless")
                if (context.getException() instanceof ViewExpiredException || context.getPhaseId() == PhaseId.RESTORE_VIEW) {
                    events.remove();
                    FacesContext faces = FacesContext.getCurrentInstance();
                    try {
                        var request = Pages.request();
                        String uri = request.getRequestURI();
                        faces.getExternalContext().redirect(uri.endsWith(".xhtml") ? uri.substring(0, uri.length() - 6) : uri);
                    } catch (IOException e) {
                        throw new FacesException(e);
                    }
                    faces.responseComplete();
                }
            }
            getWrapped().handle();
        }
    }
}

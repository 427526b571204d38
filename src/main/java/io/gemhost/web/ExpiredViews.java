package io.gemhost.web;

import io.gemhost.account.NotSignedInException;
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
 * Every view is stateless, so a form posted with a view state other than "stateless" (one a
 * client made up; a forged cross-site post never gets this far: SessionCheck refuses a form
 * without its browser's token) changes nothing: the browser is sent back to a fresh copy of the
 * page, on this site. An action asked of a session that is not signed in sends the browser to
 * sign in.
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
                String target = null;
                if (notSignedIn(context.getException())) {
                    target = "/sign_in"; // the page guard let through a session that is not signed in: refuse all the same
                } else if (context.getException() instanceof ViewExpiredException || context.getPhaseId() == PhaseId.RESTORE_VIEW) {
                    // an expired view, or one that cannot be restored from a forged state (e.g. "stateless"):
                    // a fresh copy of the same page, named by the view the container mapped, never by the raw URI
                    String view = Pages.request().getServletPath();
                    target = SafeRedirect.sitePath(view.endsWith(".xhtml") ? view.substring(0, view.length() - 6) : view).orElse("/");
                }
                if (target != null) {
                    events.remove();
                    FacesContext faces = FacesContext.getCurrentInstance();
                    try {
                        faces.getExternalContext().redirect(Pages.request().getContextPath() + target);
                    } catch (IOException e) {
                        throw new FacesException(e);
                    }
                    faces.responseComplete();
                }
            }
            getWrapped().handle();
        }

        private static boolean notSignedIn(Throwable e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof NotSignedInException) {
                    return true;
                }
            }
            return false;
        }
    }
}

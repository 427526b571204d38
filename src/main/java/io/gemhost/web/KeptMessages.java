package io.gemhost.web;

import io.gemhost.account.CurrentUser;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.PhaseEvent;
import jakarta.faces.event.PhaseId;
import jakarta.faces.event.PhaseListener;
import java.util.Iterator;

/**
 * The messages of a page that redirected, shown by the page it redirected to, on whichever node
 * that request lands: Pages.redirect keeps them in the browser's row (not in a node's Faces flash),
 * and this listener adds them back before the next page renders (docs/ARCHITECTURE.md,
 * "Stateless nodes"). Registered in faces-config.xml.
 */
public class KeptMessages implements PhaseListener {

    private static final long serialVersionUID = 1L;
    private static final char FIELD = '\u001f';
    private static final char RECORD = '\u001e';
    /** The row's column holds at most this much; a page never has more to say. */
    static final int MAX = 4000;

    @Override
    public PhaseId getPhaseId() {
        return PhaseId.RENDER_RESPONSE;
    }

    @Override
    public void beforePhase(PhaseEvent event) {
        String kept = user().takeMessages();
        if (kept == null) {
            return;
        }
        FacesContext faces = event.getFacesContext();
        for (String record : kept.split(String.valueOf(RECORD))) {
            String[] f = record.split(String.valueOf(FIELD), 3);
            if (f.length == 3) {
                FacesMessage.Severity severity = f[0].equals("E") ? FacesMessage.SEVERITY_ERROR
                        : f[0].equals("W") ? FacesMessage.SEVERITY_WARN : FacesMessage.SEVERITY_INFO;
                faces.addMessage(f[1].isEmpty() ? null : f[1], new FacesMessage(severity, f[2], null));
            }
        }
    }

    @Override
    public void afterPhase(PhaseEvent event) {
    }

    /** Keeps this request's messages for the next page this browser renders. */
    static void keep(FacesContext faces) {
        StringBuilder out = new StringBuilder();
        for (Iterator<String> ids = faces.getClientIdsWithMessages(); ids.hasNext();) {
            String id = ids.next();
            for (Iterator<FacesMessage> messages = faces.getMessages(id); messages.hasNext();) {
                FacesMessage m = messages.next();
                String severity = m.getSeverity() == FacesMessage.SEVERITY_ERROR || m.getSeverity() == FacesMessage.SEVERITY_FATAL ? "E"
                        : m.getSeverity() == FacesMessage.SEVERITY_WARN ? "W" : "I";
                String record = severity + FIELD + (id == null ? "" : id) + FIELD
                        + java.util.Objects.toString(m.getSummary(), "").replace(FIELD, ' ').replace(RECORD, ' ');
                if (out.length() + record.length() + 1 > MAX) {
                    break;
                }
                out.append(out.length() == 0 ? "" : String.valueOf(RECORD)).append(record);
            }
        }
        if (out.length() > 0) {
            user().keepMessages(out.toString());
        }
    }

    private static CurrentUser user() {
        return CDI.current().select(CurrentUser.class).get();
    }
}

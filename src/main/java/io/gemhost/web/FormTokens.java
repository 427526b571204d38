package io.gemhost.web;

import io.gemhost.account.CurrentUser;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.faces.component.UIComponent;
import jakarta.faces.component.UIComponentBase;
import jakarta.faces.component.html.HtmlForm;
import jakarta.faces.context.FacesContext;
import jakarta.faces.context.ResponseWriter;
import jakarta.faces.event.SystemEvent;
import jakarta.faces.event.SystemEventListener;
import java.io.IOException;

/**
 * The synchronizer token of every form (docs/SECURITY.md, "Forms"): each {@code h:form}, as it
 * enters a view, gets one more child that writes the browser's form token into a hidden field
 * ({@value SessionCheck#FORM_TOKEN}); SessionCheck refuses a POST without it. Registered in
 * faces-config.xml for PostAddToViewEvent on HtmlForm, so no page has to ask for it.
 */
public class FormTokens implements SystemEventListener {

    @Override
    public boolean isListenerForSource(Object source) {
        return source instanceof HtmlForm;
    }

    @Override
    public void processEvent(SystemEvent event) {
        UIComponent form = (UIComponent) event.getSource();
        for (UIComponent child : form.getChildren()) {
            if (child instanceof Field) {
                return;
            }
        }
        form.getChildren().add(new Field());
    }

    /** The hidden field; it renders itself and keeps no state. */
    public static class Field extends UIComponentBase {

        public Field() {
            setId(SessionCheck.FORM_TOKEN);
            setTransient(true);
            setRendererType(null);
        }

        @Override
        public String getFamily() {
            return "io.gemhost.FormToken";
        }

        @Override
        public void encodeBegin(FacesContext context) throws IOException {
            String token = CDI.current().select(CurrentUser.class).get().getFormToken();
            if (token == null) {
                return;
            }
            ResponseWriter out = context.getResponseWriter();
            out.startElement("input", this);
            out.writeAttribute("type", "hidden", null);
            out.writeAttribute("name", SessionCheck.FORM_TOKEN, null);
            out.writeAttribute("value", token, null);
            out.endElement("input");
        }
    }
}

package io.gemhost.web;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** multifactor_auth/recovery.xhtml: the fresh recovery codes, shown once, with a download. */
@Named("recovery")
@RequestScoped
public class RecoveryBacking {

    @Inject
    FreshRecoveryCodes freshCodes;

    private List<String> codes;

    @PostConstruct
    void take() {
        codes = freshCodes.take();
    }

    public List<String> getCodes() {
        return codes;
    }

    /** The codes as a text file, built into the page so no URL ever serves them. */
    public String getDownload() {
        String text = "gemhost recovery codes\r\nEach code works once in place of a one-time code.\r\n\r\n"
                + String.join("\r\n", codes) + "\r\n";
        return "data:text/plain;charset=utf-8," + URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

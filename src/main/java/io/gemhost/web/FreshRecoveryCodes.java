package io.gemhost.web;

import jakarta.enterprise.context.SessionScoped;
import java.io.Serializable;
import java.util.List;

/** Recovery codes just made, held only until the recovery page has shown them once. */
@SessionScoped
public class FreshRecoveryCodes implements Serializable {

    private static final long serialVersionUID = 1L;
    private List<String> codes = List.of();

    public void hold(List<String> codes) {
        this.codes = List.copyOf(codes);
    }

    public List<String> take() {
        List<String> taken = codes;
        codes = List.of();
        return taken;
    }
}

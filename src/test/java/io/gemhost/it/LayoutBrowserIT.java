package io.gemhost.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gemhost.it.Users.User;
import io.gemhost.web.PageGuard;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;

/**
 * Every page of the page table at a phone's width (390 px, as a phone renders it) and at 1280 px:
 * no page scrolls sideways, no control sticks out of the screen (or out of a box that would hide
 * it), and no recovery code breaks across two lines. The pages are seen as someone who uses them:
 * an operator with MFA on and a security key, signed in with both factors; the sign-in pages
 * signed out and half-way through the second step. Each page is also checked with axe-core: no
 * serious or critical WCAG 2.1 AA violation. Screenshots of the main pages at both widths
 * go to target/screenshots.
 */
@ExtendWith(Gemhost.class)
class LayoutBrowserIT {

    static final int PHONE = 390;
    static final int DESKTOP = 1280;

    /** Whatever of the page sticks out at the current width: one line each, empty when nothing does. */
    static final String OVERFLOW = """
            const width = document.documentElement.clientWidth;
            const found = [];
            if (document.documentElement.scrollWidth > width) {
              found.push('the page scrolls sideways: ' + document.documentElement.scrollWidth + ' > ' + width);
            }
            const name = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + ' "' + (e.innerText || e.value || '').trim().slice(0, 40) + '"';
            document.querySelectorAll('a, button, input, select, textarea, summary, code, img, h1, h2, p, label').forEach(e => {
              const r = e.getBoundingClientRect();
              if (r.width === 0 || r.height === 0) return;
              if (r.left < -0.5 || r.right > width + 0.5) { found.push(name(e) + ' is outside the screen: ' + r.left + '..' + r.right); return; }
              const card = e.parentElement && e.parentElement.closest('.card, main');
              if (card) {
                const c = card.getBoundingClientRect();
                const cs = getComputedStyle(card);
                const left = c.left + parseFloat(cs.borderLeftWidth) + parseFloat(cs.paddingLeft);
                const right = c.right - parseFloat(cs.borderRightWidth) - parseFloat(cs.paddingRight);
                if (r.left < left - 0.5 || r.right > right + 0.5) found.push(name(e) + ' sticks out of its ' + name(card).split(' ')[0] + ': ' + r.left + '..' + r.right + ' not in ' + left + '..' + right);
              }
              for (let box = e.parentElement; box && box !== document.body; box = box.parentElement) {
                const style = getComputedStyle(box);
                if (style.overflowX !== 'visible') {
                  const b = box.getBoundingClientRect();
                  if (r.left < b.left - 0.5 || r.right > b.right + 0.5) found.push(name(e) + ' is cut off by ' + name(box));
                  break;
                }
              }
            });
            document.querySelectorAll('#recovery-codes code').forEach(code => {
              const lines = code.getClientRects().length;
              const li = code.parentElement.getBoundingClientRect();
              const r = code.getBoundingClientRect();
              const lineHeight = parseFloat(getComputedStyle(code).lineHeight) || 24;
              if (lines > 1 || r.height > 2 * lineHeight) found.push('recovery code ' + code.innerText + ' spans two lines');
              if (r.right > li.right + 0.5) found.push('recovery code ' + code.innerText + ' overflows its column');
            });
            return found;""";

    @Test
    void noPageScrollsSidewaysOrCutsAControlOffAtPhoneAndDesktopWidths() throws Exception {
        User user = new User(OPERATOR, "layout" + Long.toString(System.nanoTime(), 36), "layout password 1");
        List<String> problems = new ArrayList<>();
        TreeSet<String> seen = new TreeSet<>();
        try (Chrome chrome = new Chrome(Gemhost.url())) {
            VirtualAuthenticator key = chrome.driver.addVirtualAuthenticator(SecurityKeysBrowserIT.authenticator(true));
            // signed out
            for (String page : List.of("/", "/sign_up", "/sign_in", "/password/new", "/password/edit", "/email/confirm",
                    "/sign_in/device", PageGuard.VALUED.get(0).exampleUrl())) {
                check(chrome, page, problems, seen);
            }
            screenshots(chrome, "/sign_in", "sign-in");

            // an operator: confirmed email, the authenticator app, a security key
            SecurityKeysBrowserIT.signUp(chrome, user);
            chrome.open(Users.mailedLink(new Browser(), user.email(), AccountLifecycleIT.CONFIRM));
            chrome.press("Confirm email address");
            chrome.open("/totp/new");
            check(chrome, "/totp/new", problems, seen);
            Authenticator app = Authenticator.of(chrome.driver.findElement(By.id("totp-key")).getText(), Gemhost.url(), user.email());
            chrome.type("OTP code", app.next());
            chrome.press("Enable");
            assertEquals("/multifactor_auth/recovery", chrome.path(), chrome.text());
            check(chrome, "/multifactor_auth/recovery", problems, seen);
            screenshots(chrome, null, "recovery-codes");
            chrome.link("Continue");
            chrome.open("/profile/security_devices");
            chrome.type("Nickname", "Desk key");
            chrome.press("Register device");
            check(chrome, "/profile/security_devices", problems, seen); // the step that asks the current factor
            chrome.type(SecurityKeysBrowserIT.CURRENT, app.next());
            chrome.clickAndWait(By.id("register-device"));
            assertTrue(SecurityKeysBrowserIT.devices(chrome).contains("Desk key"), chrome.text());

            // half-way through the second step, then signed in with both factors
            chrome.press("Sign out");
            SecurityKeysBrowserIT.signInWithPassword(chrome, user);
            check(chrome, "/sign_in/otp", problems, seen);
            screenshots(chrome, null, "sign-in-otp");
            chrome.type("OTP code", app.next());
            chrome.press("Verify");
            assertEquals("/profile/edit", chrome.path(), chrome.text());
            for (var entry : PageGuard.PAGES.entrySet()) {
                if (entry.getValue() == PageGuard.Access.SIGNED_IN || entry.getValue() == PageGuard.Access.OPERATOR) {
                    String page = entry.getKey().equals(PageGuard.VALUED.get(1).page()) ? PageGuard.VALUED.get(1).exampleUrl() : entry.getKey();
                    check(chrome, page, problems, seen);
                }
            }
            screenshots(chrome, "/profile/edit", "profile");
            screenshots(chrome, "/profile/security_devices", "security-devices");
            screenshots(chrome, "/profile/security_log", "security-log");
            screenshots(chrome, "/profile/api_keys", "api-keys");
            chrome.driver.removeVirtualAuthenticator(key);
        }
        TreeSet<String> missing = new TreeSet<>(PageGuard.PAGES.keySet());
        PageGuard.VALUED.forEach(v -> missing.remove(v.page()));
        missing.removeAll(seen);
        assertEquals(new TreeSet<String>(), missing, "every page of the page table is looked at");
        assertEquals(List.of(), problems, String.join("\n", problems));
    }

    static final String OPERATOR = "layout-operator@gemhost.test";

    /** Opens a page (unless it is open already) and notes what sticks out at both widths. */
    @SuppressWarnings("unchecked")
    static void check(Chrome chrome, String page, List<String> problems, TreeSet<String> seen) {
        if (!page.equals(chrome.path())) {
            chrome.open(page);
        }
        seen.add(page);
        for (int width : List.of(PHONE, DESKTOP)) {
            width(chrome, width);
            for (Object found : (List<Object>) chrome.driver.executeScript(OVERFLOW)) {
                problems.add(page + " at " + width + " px: " + found);
            }
        }
        width(chrome, DESKTOP);
        chrome.driver.executeScript(axe());
        chrome.driver.manage().timeouts().scriptTimeout(java.time.Duration.ofSeconds(60));
        for (Object found : (List<Object>) chrome.driver.executeAsyncScript(ACCESSIBILITY)) {
            problems.add(page + ": " + found);
        }
    }

    /** axe-core's serious and critical WCAG 2.1 A and AA violations on the open page. */
    static final String ACCESSIBILITY = """
            const done = arguments[arguments.length - 1];
            axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
              .then(result => done(result.passes.length === 0 ? ['axe checked nothing'] : result.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => 'axe ' + v.impact + ' ' + v.id + ' (' + v.help + '): ' + v.nodes.map(n => n.target.join(' ')).join(', '))))
              .catch(error => done(['axe failed: ' + error]));""";

    private static String axeSource;

    /** The axe-core script that mvn verify fetched from the npm registry (system property gemhost.axe). */
    static synchronized String axe() {
        if (axeSource == null) {
            try {
                axeSource = java.nio.file.Files.readString(java.nio.file.Path.of(System.getProperty("gemhost.axe", "target/axe-core/package/axe.min.js")));
            } catch (java.io.IOException e) {
                throw new IllegalStateException("axe-core is missing: mvn verify downloads it before the integration tests", e);
            }
        }
        return axeSource;
    }

    /** Renders at this width as a phone (390) or a desktop browser does. */
    static void width(Chrome chrome, int width) {
        chrome.driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of(
                "width", width, "height", width == PHONE ? 844 : 1000, "deviceScaleFactor", 1, "mobile", width == PHONE));
    }

    static void screenshots(Chrome chrome, String page, String name) throws Exception {
        if (page != null) {
            chrome.open(page);
        }
        chrome.driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        chrome.screenshot(name, DESKTOP);
        chrome.screenshot(name, PHONE);
    }
}

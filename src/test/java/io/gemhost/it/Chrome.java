package io.gemhost.it;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium driven by Debian's chromedriver, headless. A missing package fails the
 * test with its name: nothing is skipped silently.
 */
public final class Chrome implements AutoCloseable {

    public final ChromeDriver driver;
    private final String base;

    public Chrome(String base) throws Exception {
        this.base = base;
        File binary = new File("/usr/bin/chromium");
        File driverBinary = new File("/usr/bin/chromedriver");
        if (!binary.canExecute()) {
            throw new IllegalStateException("Chromium is missing: apt-get install -y chromium");
        }
        if (!driverBinary.canExecute()) {
            throw new IllegalStateException("chromedriver is missing: apt-get install -y chromium-driver");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(binary);
        Path profile = Files.createTempDirectory("chrome-profile");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--window-size=1280,1000", "--lang=en-US",
                // reach localhost over IPv4, from 127.0.0.1 as the tests' other clients do: Chromium would
                // otherwise come from ::1, another address, and the new-device check would hold its sign-ins
                "--host-resolver-rules=MAP localhost 127.0.0.1");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driverBinary)
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(2));
    }

    public void open(String path) {
        driver.get(base + path);
    }

    /** The input whose label has exactly this text, as a person finds it. */
    public WebElement field(String label) {
        WebElement l = driver.findElement(By.xpath("//label[normalize-space()='" + label + "']"));
        return driver.findElement(By.id(l.getAttribute("for")));
    }

    public void type(String label, String text) {
        WebElement input = field(label);
        input.clear();
        input.sendKeys(text);
    }

    public void press(String button) {
        navigating(() -> driver.findElement(By.xpath("//input[@type='submit' and @value='" + button + "'] | //button[normalize-space()='" + button + "']")).click());
    }

    /** Clicks an element that runs a script and stays on the page. */
    public void click(By element) {
        driver.findElement(element).click();
    }

    /** Clicks an element whose script ends by loading a new page (a security-key button that submits its form). */
    public void clickAndWait(By element) {
        navigating(() -> driver.findElement(element).click());
    }

    /** Waits until the script filled this field, and returns its value. */
    public String filled(String id) {
        return new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> {
            String value = d.findElement(By.id(id)).getDomProperty("value");
            return value == null || value.isEmpty() ? null : value;
        });
    }

    public void link(String text) {
        navigating(() -> driver.findElement(By.linkText(text)).click());
    }

    /**
     * Whether the old page's element is gone. Chromium reports a node of a replaced document either
     * as stale or, in a race while the new document loads, as "does not belong to the document".
     */
    private static boolean isGone(WebElement old) {
        try {
            old.isEnabled();
            return false;
        } catch (org.openqa.selenium.StaleElementReferenceException e) {
            return true;
        } catch (org.openqa.selenium.WebDriverException e) {
            if (e.getMessage() != null && e.getMessage().contains("does not belong to the document")) {
                return true;
            }
            throw e;
        }
    }

    /** Runs a click that loads a new page, and returns once that page has replaced the old one. */
    private void navigating(Runnable click) {
        WebElement old = driver.findElement(By.tagName("html"));
        click.run();
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> isGone(old));
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(
                d -> "complete".equals(((org.openqa.selenium.JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    public String path() {
        return java.net.URI.create(driver.getCurrentUrl()).getPath();
    }

    public String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    /** Saves a full-page screenshot at the given width under target/screenshots. */
    public Path screenshot(String name, int width) throws Exception {
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(width, 1000));
        long height = (Long) driver.executeScript("return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight);");
        long innerWidth = (Long) driver.executeScript("return window.innerWidth;");
        var shot = driver.executeCdpCommand("Page.captureScreenshot", java.util.Map.of("format", "png", "captureBeyondViewport", true,
                "clip", java.util.Map.of("x", 0, "y", 0, "width", innerWidth, "height", height, "scale", 1)));
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1000));
        Path dir = Path.of(System.getProperty("gemhost.screenshots", "target/screenshots"));
        Files.createDirectories(dir);
        Path file = dir.resolve(name + "-" + width + ".png");
        Files.write(file, java.util.Base64.getDecoder().decode((String) shot.get("data")));
        return file;
    }

    @Override
    public void close() {
        driver.quit();
    }
}

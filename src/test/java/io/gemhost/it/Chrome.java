package io.gemhost.it;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

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
                "--disable-sync", "--user-data-dir=" + profile, "--window-size=1280,1000", "--lang=en-US");
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
        driver.findElement(By.xpath("//input[@type='submit' and @value='" + button + "'] | //button[normalize-space()='" + button + "']")).click();
    }

    public void link(String text) {
        driver.findElement(By.linkText(text)).click();
    }

    public String path() {
        return java.net.URI.create(driver.getCurrentUrl()).getPath();
    }

    public String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    /** Saves a full-page screenshot at the given width under target/screenshots. */
    public Path screenshot(String name, int width) throws Exception {
        driver.manage().window().setSize(new Dimension(width, 1000));
        long height = (Long) driver.executeScript("return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight);");
        driver.manage().window().setSize(new Dimension(width, (int) Math.max(600, height + 40)));
        Path dir = Path.of(System.getProperty("gemhost.screenshots", "target/screenshots"));
        Files.createDirectories(dir);
        Path file = dir.resolve(name + "-" + width + ".png");
        Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        driver.manage().window().setSize(new Dimension(1280, 1000));
        return file;
    }

    @Override
    public void close() {
        driver.quit();
    }
}

package org.leadrelay.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through its own chromedriver. Both paths are given, so
 * Selenium Manager never runs, and it is told to stay offline should it ever be called: nothing is
 * downloaded. Where either program is missing, a test that needs it is skipped, not failed.
 */
final class Chromium {

    /** Debian's paths; {@code -Dleadrelay.browser.binary=...} and {@code -Dleadrelay.browser.driver=...} name others. */
    static final Path BROWSER = Path.of(System.getProperty("leadrelay.browser.binary", "/usr/bin/chromium"));
    static final Path DRIVER = Path.of(System.getProperty("leadrelay.browser.driver", "/usr/bin/chromedriver"));
    /** Where the console's screenshots live, for docs/console.md and the README. */
    static final Path SCREENSHOTS = Path.of("..", "docs", "console").toAbsolutePath().normalize();

    private Chromium() {
    }

    /** Skips the calling test class where chromium or chromedriver is not installed. */
    static void assumeInstalled() {
        Assumptions.assumeTrue(Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER),
                "browser tests need " + BROWSER + " and " + DRIVER + " (apt-get install chromium chromium-driver)");
    }

    /** A new browser, 1280x900, English; close it with {@link WebDriver#quit()}. */
    static WebDriver start() {
        System.setProperty("SE_OFFLINE", "true"); // handed to Selenium Manager as its environment: no download
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, DRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900", "--lang=en-US",
                "--hide-scrollbars");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return driver;
    }

    /** Waits up to {@code seconds}, polling every 200 ms. */
    static WebDriverWait waiting(WebDriver browser, int seconds) {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(seconds), Duration.ofMillis(200));
        return wait;
    }

    /**
     * Saves the page under a stable name in docs/console: the whole page down to {@code MOST_HEIGHT}
     * pixels at the window's width (Chromium's own capture, asked through chromedriver), so a
     * reader sees what is below the fold too.
     */
    static void screenshot(WebDriver browser, String name) {
        byte[] png;
        if (browser instanceof ChromeDriver chrome) {
            // typing in a field scrolls its table's frame sideways: show every table from its first column
            chrome.executeScript("document.querySelectorAll('.table-wrap').forEach(function (frame) { frame.scrollLeft = 0; });"
                    + "window.scrollTo(0, 0);");
            Number width = (Number) chrome.executeScript("return document.documentElement.clientWidth");
            Number height = (Number) chrome.executeScript("return Math.min(document.documentElement.scrollHeight, " + MOST_HEIGHT + ")");
            Map<String, Object> clip = Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1);
            Map<String, Object> shot = chrome.executeCdpCommand("Page.captureScreenshot",
                    Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
            png = Base64.getDecoder().decode((String) shot.get("data"));
        } else {
            png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        }
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name), png);
        } catch (IOException e) {
            throw new UncheckedIOException("could not save the screenshot " + name, e);
        }
    }

    private static final int MOST_HEIGHT = 1800;
}

package io.backprop.support;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.openqa.selenium.chrome.ChromeDriver;

/** Base of the tests that drive the web page in headless Chromium: one browser per class (it takes a second). */
@EnabledIfBrowser
public abstract class BrowserTests extends HttpApiTests {

    protected static ChromeDriver browser;

    @BeforeAll
    static void openBrowser() {
        browser = HeadlessChromium.start();
    }

    @AfterAll
    static void closeBrowser() {
        browser.quit();
    }
}

package io.backprop.support;

import java.nio.file.Files;

class BrowserCondition extends RequiredTool {

    BrowserCondition() {
        super("BACKPROP_REQUIRE_BROWSER");
    }

    @Override
    String missing() {
        return Files.isExecutable(HeadlessChromium.BROWSER) && Files.isExecutable(HeadlessChromium.DRIVER) ? null
                : "Chromium or ChromeDriver is missing (" + HeadlessChromium.BROWSER + ", " + HeadlessChromium.DRIVER
                        + "); install them with: apt-get install chromium chromium-driver";
    }
}

package io.backprop;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.backprop.support.ApiClient;
import io.backprop.support.BrowserTests;
import io.backprop.support.KeyedServiceTest;

/** The web page on a server that needs keys: it asks for one, uses it, and says what a key may not do. */
@KeyedServiceTest
class KeyedWebPageTests extends BrowserTests {


    private String newKey(String owner, String role) {
        return new ApiClient(port, KeyedServiceTest.ADMIN_KEY).create("/admin/keys", Map.of("owner", owner,
                "role", role)).get("key").asString();
    }

    @Test
    void thePageAsksForAKeyThenTrainsFollowsAndPredictsWithIt() {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        String owner = "page-" + UUID.randomUUID();
        browser.get("http://localhost:" + port + "/");

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("key-section")));
        assertThat(browser.findElement(By.id("key-message")).getText()).contains("needs an API key");
        browser.findElement(By.id("key-input")).sendKeys(newKey(owner, "trainer"));
        browser.findElement(By.cssSelector("#key-form button[type=submit]")).click();

        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("key-section")));
        browser.findElement(By.xpath("//button[text()='XOR, hidden layer']")).click();
        browser.findElement(By.cssSelector("#train-form button[type=submit]")).click();
        wait.until(ExpectedConditions.textMatches(By.id("model-status"), Pattern.compile("^SUCCEEDED")));
        var rows = browser.findElement(By.id("predict-rows"));
        rows.clear();
        rows.sendKeys("[[0,1],[1,1]]");
        browser.findElement(By.cssSelector("#predict-form button[type=submit]")).click();
        wait.until(ExpectedConditions.textMatches(By.id("prediction"), Pattern.compile("→ 1\\n.*→ 0")));
        // the key lives in the tab's session storage, never in the address
        assertThat(browser.getCurrentUrl()).doesNotContain("bp_");
        assertThat((String) browser.executeScript("return sessionStorage.getItem('backprop.key')")).startsWith("bp_");

        // a reader of the same owner sees the model but may not train: the page says so
        browser.findElement(By.id("forget-key")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("key-section")));
        browser.findElement(By.id("key-input")).sendKeys(newKey(owner, "reader"));
        browser.findElement(By.cssSelector("#key-form button[type=submit]")).click();
        wait.until(driver -> !driver.findElements(By.cssSelector("#models li")).isEmpty());
        browser.findElement(By.xpath("//button[text()='OR gate']")).click();
        browser.findElement(By.cssSelector("#train-form button[type=submit]")).click();
        wait.until(ExpectedConditions.textMatches(By.id("train-message"), Pattern.compile("reader key may not")));
    }

    @Test
    void aRevokedKeyIsAskedForAgain() {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        browser.get("http://localhost:" + port + "/");
        browser.executeScript("sessionStorage.setItem('backprop.key', 'bp_revoked-or-never-issued')");
        browser.navigate().refresh();

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("key-section")));
        assertThat(browser.findElement(By.id("key-message")).getText()).contains("refused this key");
        browser.executeScript("sessionStorage.clear()");
    }
}

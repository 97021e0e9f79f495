package io.backprop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.backprop.support.ServiceTest;
import io.backprop.support.BrowserTests;

/** The web page, driven in headless Chromium the way a person uses it. */
@ServiceTest
class WebPageTests extends BrowserTests {

    private WebDriverWait wait;

    @BeforeEach
    void waitUpToAMinute() {
        wait = new WebDriverWait(browser, Duration.ofSeconds(60));
    }

    @Test
    void xorExampleShouldTrainAndShowItsCurveBoundaryAndPredictions() throws Exception {
        browser.get("http://localhost:" + port + "/");

        browser.findElement(By.xpath("//button[text()='XOR, hidden layer']")).click();
        browser.findElement(By.cssSelector("#train-form button[type=submit]")).click();
        wait.until(ExpectedConditions.textMatches(By.id("model-status"), java.util.regex.Pattern.compile("^SUCCEEDED")));
        wait.until(driver -> count("boundary", 0) == 40 * 40);

        assertThat(browser.findElement(By.id("model-heading")).getText()).isEqualTo("XOR, hidden layer");
        assertThat(count("curve", 0)).as("learning-curve points").isGreaterThan(100);
        assertThat(count("boundary", 1) + count("boundary", 2)).as("training points on the boundary").isEqualTo(4);
        assertThat(browser.executeScript("return Chart.getChart('boundary').legend.legendItems"
                + ".map(item => item.text + ' ' + item.pointStyle)"))
                .as("a legend entry per class, each its own shape").isEqualTo(List.of("class 0 circle",
                        "class 1 triangle"));
        assertThat(browser.findElements(By.cssSelector("#metrics table.per-class tbody tr"))).hasSize(2);
        // inside the network: the two inputs, the three hidden units and the output, joined by 2·3 + 3·1 weights
        wait.until(driver -> driver.findElements(By.cssSelector("#units canvas")).size() == 6);
        assertThat(browser.findElements(By.cssSelector("#units .unit-row"))).hasSize(3);
        assertThat(browser.findElements(By.cssSelector("#units svg line"))).hasSize(9);
        assertThat(browser.findElement(By.id("units-figure")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.cssSelector("#metrics table.confusion")).getText()).contains("0", "1");
        wait.until(driver -> text("#models li .details").contains("cost"));
        assertThat(browser.findElement(By.id("boundary-figure")).isDisplayed()).isTrue();
        // the list is redrawn every 3 s: read it in one script rather than through a found element
        wait.until(driver -> "SUCCEEDED".equals(text("#models .badge")));

        var rows = browser.findElement(By.id("predict-rows"));
        rows.clear();
        rows.sendKeys("[[0,1],[1,1]]");
        browser.findElement(By.cssSelector("#predict-form button[type=submit]")).click();
        wait.until(ExpectedConditions.textMatches(By.id("prediction"), java.util.regex.Pattern.compile("→")));
        assertThat(browser.findElement(By.id("prediction")).getText().lines()).hasSize(2)
                .satisfiesExactly(first -> assertThat(first).endsWith("→ 1"), second -> assertThat(second).endsWith("→ 0"));

        Path screenshot = Path.of("target", "web-page.png");
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), screenshot, StandardCopyOption.REPLACE_EXISTING);
        assertThat(Files.size(screenshot)).isPositive();
    }

    @Test
    void formsShouldBeLabelledAndUsableFromTheKeyboard() {
        browser.get("http://localhost:" + port + "/");

        Long unlabelled = (Long) browser.executeScript("return [...document.querySelectorAll('textarea, input')]"
                + ".filter(field => !document.querySelector(`label[for='${field.id}']`)).length");
        assertThat(unlabelled).isZero();
        var orButton = browser.findElement(By.xpath("//button[text()='OR gate']"));
        orButton.sendKeys(Keys.ENTER);
        assertThat(browser.findElement(By.id("train-request")).getAttribute("value")).contains("\"weights\"");
        browser.findElement(By.id("train-request")).sendKeys(Keys.TAB);
        assertThat(browser.switchTo().activeElement().getText()).isEqualTo("Train");
    }

    @Test
    void invalidRequestShouldShowTheProblemNamingTheField() {
        browser.get("http://localhost:" + port + "/");
        var request = browser.findElement(By.id("train-request"));
        request.clear();
        request.sendKeys("{\"dataset\": {\"features\": [[0,0],[1]], \"targets\": [[0],[1]]}, "
                + "\"architecture\": {\"layers\": [{\"units\": 1}]}}");
        browser.findElement(By.cssSelector("#train-form button[type=submit]")).click();

        wait.until(ExpectedConditions.textMatches(By.id("train-message"), java.util.regex.Pattern.compile("dataset")));
        assertThat(browser.findElement(By.id("train-message")).getText()).contains("dataset.features[1]");
    }

    @Test
    void aDeleteThatFailsShouldLeaveTheModelShownWithTheProblem() {
        String id = api.train(io.backprop.support.ApiClient.xor(10));
        api.awaitSucceeded(id);
        browser.get("http://localhost:" + port + "/#/models/" + id);
        wait.until(ExpectedConditions.textMatches(By.id("model-status"), java.util.regex.Pattern.compile("^SUCCEEDED")));
        // someone else deletes it meanwhile: the page's own delete then fails with 404
        api.http().delete().uri("/models/" + id).exchange().expectStatus().isNoContent();

        browser.findElement(By.id("delete")).click();

        wait.until(ExpectedConditions.textMatches(By.id("model-status"), java.util.regex.Pattern.compile("Unable")));
        assertThat(browser.findElement(By.id("model")).isDisplayed()).isTrue();
        assertThat(browser.getCurrentUrl()).endsWith("#/models/" + id);
    }

    @Test
    void modelNamesAndStatusesShouldBeShownAsTextNeverAsMarkup() {
        String id = api.train(io.backprop.support.ApiClient.xor(10).replace("\"name\": \"xor\"",
                "\"name\": \"<img src=x onerror=alert(1)>\""));
        api.awaitSucceeded(id);
        browser.get("http://localhost:" + port + "/");

        wait.until(driver -> !driver.findElements(By.cssSelector("#models li")).isEmpty());

        assertThat(browser.findElements(By.cssSelector("#models img"))).isEmpty();
        assertThat(browser.findElement(By.id("models")).getText()).contains("<img src=x onerror=alert(1)>");
        api.http().delete().uri("/models/" + id).exchange().expectStatus().isNoContent();
    }

    @Test
    void theFirstVisitOffersAnExampleAndAFavicon() {
        browser.get("http://localhost:" + port + "/");

        assertThat(browser.findElement(By.id("train-request")).getAttribute("value")).contains("\"XOR, hidden layer\"");
        api.http().get().uri("/favicon.ico").exchange().expectStatus().isOk().expectBody(byte[].class)
                .value(icon -> assertThat(icon).startsWith(0, 0, 1, 0));
    }

    @Test
    void theCurveGrowsWhileTheJobTrains() {
        String id = api.train(io.backprop.support.ApiClient.LONG);
        browser.get("http://localhost:" + port + "/#/models/" + id);

        // points arrive while it is still running, read from the curve so far, not one line from epoch 0
        wait.until(driver -> count("curve", 0) > 20);
        // and every unit's picture, of the parameters as they are: 2 inputs, 64 and 64 hidden units, 1 output
        wait.until(driver -> driver.findElements(By.cssSelector("#units canvas")).size() == 131);
        assertThat(browser.findElement(By.id("model-status")).getText()).startsWith("RUNNING");
        api.post("/models/" + id + "/cancel", java.util.Map.of());
    }

    @Test
    void curvesOfModelsChosenInTheListAreDrawnTogether() {
        String first = api.train(io.backprop.support.ApiClient.xor(300));
        String second = api.train(io.backprop.support.ApiClient.xor(600));
        api.awaitSucceeded(first);
        api.awaitSucceeded(second);
        browser.get("http://localhost:" + port + "/#/models/" + first);
        wait.until(ExpectedConditions.textMatches(By.id("model-status"), java.util.regex.Pattern.compile("^SUCCEEDED")));

        for (String id : List.of(first, second)) {
            wait.until(ExpectedConditions.elementToBeClickable(By.id("compare-" + id)));
            browser.executeScript("document.getElementById(arguments[0]).click()", "compare-" + id);
        }

        wait.until(driver -> ((Number) browser.executeScript("return Chart.getChart('curve').data.datasets.length"))
                .intValue() == 4);
        for (int compared = 2; compared < 4; compared++) {
            assertThat(((Number) browser.executeScript("return Chart.getChart('curve').data.datasets[arguments[0]]"
                    + ".data.length", compared)).intValue()).as("points of compared curve %d", compared)
                    .isGreaterThan(100);
        }
    }

    /** The text of the first element matching {@code selector}, or "" when there is none. */
    private String text(String selector) {
        Object text = browser.executeScript("const e = document.querySelector(arguments[0]);"
                + "return e ? e.textContent : '';", selector);
        return String.valueOf(text);
    }

    /** Points in dataset {@code index} of the chart drawn on canvas {@code canvasId}. */
    private long count(String canvasId, int index) {
        Object count = browser.executeScript("const chart = Chart.getChart(arguments[0]);"
                + "return chart ? chart.data.datasets[arguments[1]].data.length : 0;", canvasId, index);
        return ((Number) count).longValue();
    }

    @Test
    void aSearchStartsFromTheRequestAndShowsItsTrialsSortableWithTheirCurves() {
        browser.get("http://localhost:" + port + "/");
        browser.findElement(By.xpath("//button[text()='XOR, hidden layer']")).click();

        browser.findElement(By.cssSelector("#search-form button[type=submit]")).click();

        wait.until(ExpectedConditions.textMatches(By.id("search-status"), java.util.regex.Pattern.compile(
                "^SUCCEEDED: 4 of 4")));
        wait.until(driver -> Long.valueOf(4).equals(browser.executeScript("const chart = Chart.getChart('trial-curves');"
                + "return chart.data.datasets.filter(d => d.data.length > 20).length")));
        assertThat(browser.findElements(By.cssSelector("#trials tbody tr"))).hasSize(4);
        assertThat(text("#trials thead")).contains("training.learningRate", "architecture.layers[0].units", "metric");
        browser.findElement(By.cssSelector("#trials button[data-sort=metric]")).click();
        List<Double> ascending = metrics();
        browser.findElement(By.cssSelector("#trials button[data-sort=metric]")).click();
        List<Double> descending = metrics();

        assertThat(ascending).hasSize(4).isSorted();
        List<Double> reversed = new java.util.ArrayList<>(ascending);
        java.util.Collections.reverse(reversed);
        assertThat(descending).containsExactlyElementsOf(reversed);
        // the best row, the lowest cost, is marked
        assertThat(Double.parseDouble(browser.findElement(By.cssSelector("#trials tr.best td:last-child")).getText()))
                .isEqualTo(ascending.get(0));
        // a trial opens as its model, which leads back to its search
        browser.findElement(By.cssSelector("#trials tr.best td:first-child a")).click();
        wait.until(ExpectedConditions.textMatches(By.id("model-status"), java.util.regex.Pattern.compile("^SUCCEEDED")));
        assertThat(browser.findElement(By.id("model-search-link")).getText()).startsWith("Trial ");
        browser.findElement(By.id("model-search-link")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("search")));
        assertThat(browser.findElement(By.id("model")).isDisplayed()).isFalse();
    }

    @Test
    void crossValidationIsShownBesideTheMetrics() {
        String id = api.train("""
                {"dataset": {"features": [[0,0],[0,1],[1,0],[1,1],[0.1,0],[0,0.9],[0.9,0.1],[1,0.9]],
                  "labels": ["a","b","b","a","a","b","b","a"]},
                 "architecture": {"layers": [{"units": 4, "activation": "tanh", "init": "xavier"},
                  {"units": 1, "activation": "sigmoid"}], "loss": "binary_cross_entropy"},
                 "training": {"epochs": 300, "learningRate": 0.5, "seed": 2, "crossValidation": {"folds": 2}}}""");
        api.awaitSucceeded(id);

        browser.get("http://localhost:" + port + "/#/models/" + id);

        wait.until(ExpectedConditions.textMatches(By.id("metrics"), java.util.regex.Pattern.compile("cross-valid")));
        assertThat(text("#metrics thead")).contains("2-fold cross-validation (mean ± std)");
        assertThat(browser.findElements(By.xpath("//div[@id='metrics']//tr[th='accuracy']/td[last()]")))
                .singleElement().satisfies(cell -> assertThat(cell.getText()).matches("[0-9.]+ ± [0-9.]+"));
    }

    @SuppressWarnings("unchecked")
    private List<Double> metrics() {
        return ((List<Object>) browser.executeScript("return [...document.querySelectorAll('#trials tbody tr')]"
                + ".map(row => Number(row.lastElementChild.textContent))")).stream()
                .map(value -> ((Number) value).doubleValue()).toList();
    }
}

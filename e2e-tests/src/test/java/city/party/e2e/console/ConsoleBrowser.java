package city.party.e2e.console;

import java.io.File;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import city.party.e2e.Browsers;
import city.party.e2e.Keycloak;
import city.party.e2e.Platform;
import city.party.e2e.Sleep;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One headless Chromium on the web console, with what the console's browser tests do again and
 * again: log in through Keycloak, wait for a page to finish loading, press "retry" when the
 * (two-core, everything-on-one-machine) platform answered a section with a 503, and leave a
 * screenshot of the whole page — also of the page a failing step was looking at.
 */
final class ConsoleBrowser implements AutoCloseable {

    static final String GATEWAY = Platform.GATEWAY;
    static final Path SCREENSHOTS = Path.of(System.getProperty("e2e.screenshots", "target/screenshots"));

    final WebDriver driver;
    final WebDriverWait wait;

    private ConsoleBrowser(WebDriver driver) {
        this.driver = driver;
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(90));
        // Vue re-renders lists and tables as answers arrive: an element found a moment ago may be
        // replaced before its text is read. A wait then looks again instead of failing at once
        // (CI failed on a picker's options replaced by the answer to the typed name).
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    }

    /** A desktop-sized window. */
    static ConsoleBrowser desktop() {
        return open("--window-size=1366,1000");
    }

    /**
     * A phone-sized window (390 × 844, as an iPhone 12–15). Set after the start: headless Chromium
     * keeps a window started narrower than 500 px at 500 px.
     */
    static ConsoleBrowser phone() {
        ConsoleBrowser browser = desktop();
        browser.driver.manage().window().setSize(new Dimension(390, 844));
        return browser;
    }

    /** Whether the page fits the window's width (no sideways scrolling). */
    int overflow() {
        Number width = (Number) ((JavascriptExecutor) driver)
                .executeScript("return document.documentElement.scrollWidth - window.innerWidth");
        return width.intValue();
    }

    private static ConsoleBrowser open(String size) {
        ChromeOptions options = new ChromeOptions();
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        return new ConsoleBrowser(Browsers.headlessChromium(options, size, "--hide-scrollbars"));
    }

    /** Opens a console page behind the login: Keycloak asks for the password, then sends the browser back there. */
    void logInAt(String path, String username, String password) {
        driver.get(GATEWAY + path);
        wait.until(ExpectedConditions.urlContains("/realms/party/protocol/openid-connect/auth"));
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("kc-login")).click();
        wait.until(ExpectedConditions.urlToBe(GATEWAY + path));
        wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-test=me]"), username));
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    WebElement visible(String css) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    /** A click on an element first scrolled to the middle of the window (tables scroll inside themselves). */
    void click(WebElement element) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block:'center'})", element);
        wait.until(ExpectedConditions.elementToBeClickable(element)).click();
    }

    /** The button labelled {@code label} inside {@code container}. */
    WebElement button(WebElement container, String label) {
        return container.findElements(By.tagName("button")).stream().filter(b -> b.getText().trim().equals(label))
                .findFirst().orElseThrow(() -> new AssertionError("no button " + label + " in " + container.getText()));
    }

    /**
     * Picks {@code label} in the Element Plus select whose input has {@code inputId}: a click on the
     * select's box (its input is too small to be clicked), then on the option (options live in the
     * body) — and checks the select shows it: while the list is still sliding open a click can land
     * on the neighbouring option.
     */
    void choose(String inputId, String label) {
        By box = By.xpath("//*[@id='" + inputId + "']/ancestor::div[contains(@class,'el-select__wrapper')]");
        By option = By.xpath("//li[contains(@class,'el-select-dropdown__item')][normalize-space()='" + label + "']");
        for (int attempt = 0; attempt < 3; attempt++) {
            click(driver.findElement(box));
            WebElement item = wait.until(d -> d.findElements(option).stream().filter(WebElement::isDisplayed)
                    .findFirst().orElse(null));
            Sleep.of(Duration.ofMillis(500)); // Element Plus's drop-down transition
            wait.ignoring(org.openqa.selenium.ElementClickInterceptedException.class).until(d -> {
                item.click();
                return true;
            });
            try {
                new WebDriverWait(driver, Duration.ofSeconds(5))
                        .until(d -> d.findElement(box).getText().trim().equals(label));
                return;
            }
            catch (org.openqa.selenium.TimeoutException wrongOption) {
                // another option was chosen, or the list is still open: choose again
            }
        }
        throw new AssertionError(label + " could not be chosen in #" + inputId + ": " + driver.findElement(box).getText());
    }


    /**
     * Waits until {@code done}; a page section that answered with an error (a busy platform: the
     * service's 503 in Chinese, with a retry button) is retried a few times meanwhile.
     */
    void untilRetrying(java.util.function.Function<WebDriver, Boolean> done) {
        untilRetrying("", done);
    }

    /** As {@link #untilRetrying(java.util.function.Function)}, retrying only errors inside {@code section} (a CSS selector). */
    void untilRetrying(String section, java.util.function.Function<WebDriver, Boolean> done) {
        By failed = By.cssSelector((section + " [data-test=error]").trim());
        for (int attempt = 0; attempt < 5; attempt++) {
            wait.until(d -> done.apply(d) || !d.findElements(failed).isEmpty());
            if (done.apply(driver)) {
                return;
            }
            retry(driver.findElement(failed));
        }
        wait.until(done::apply);
    }

    /**
     * Does {@code act} (a click that writes) until {@code done}. A busy platform answers now and then
     * with a 503: a write refused so (an error message, or the form's own problem alert, saying the
     * service is unavailable) is tried again, a section that could not reload afterwards is retried
     * with its button — as a person would. The form's alert stays until the next try clears it.
     */
    void actRetrying(Runnable act, java.util.function.Function<WebDriver, Boolean> done) {
        By unavailable = By.xpath("//*[contains(@class,'el-message--error')][contains(.,'暂时不可用')]");
        By refusedInForm = By.xpath("//*[@data-test='action-error'][contains(.,'暂时不可用')]");
        By failed = By.cssSelector("[data-test=error]");
        for (int attempt = 0; attempt < 3; attempt++) {
            act.run();
            for (int reload = 0; reload < 5; reload++) {
                wait.until(d -> done.apply(d) || !d.findElements(unavailable).isEmpty()
                        || !d.findElements(refusedInForm).isEmpty() || !d.findElements(failed).isEmpty());
                if (done.apply(driver)) {
                    return;
                }
                List<WebElement> errors = driver.findElements(failed);
                if (errors.isEmpty()) {
                    break;
                }
                retry(errors.get(0));
            }
            wait.until(ExpectedConditions.invisibilityOfElementLocated(unavailable));
        }
        wait.until(done::apply);
    }

    /** Presses a failed section's retry button and waits until that error is gone (the section reloads). */
    private void retry(WebElement error) {
        assertThat(error.getText()).contains("暂时不可用");
        error.findElement(By.tagName("button")).click();
        try {
            new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.stalenessOf(error));
        }
        catch (org.openqa.selenium.TimeoutException stillThere) {
            // answered with an error again at once; the caller looks again
        }
    }

    /** Waits until no section of the page is loading (not any [role=status]: a text field's character count is one). */
    void waitUntilLoaded() {
        wait.until(driver -> driver.findElements(By.cssSelector("[data-test=loading]")).isEmpty());
    }

    /** Waits until {@code shown} (a CSS selector) appears, retrying errors inside {@code section}. */
    void shownRetrying(String shown, String section) {
        untilRetrying(section, driver -> !driver.findElements(By.cssSelector(shown)).isEmpty());
    }

    /** On failure: a screenshot and the browser's console, so a red run says what the page showed. */
    void diagnose(String step, Runnable check) {
        try {
            check.run();
        }
        catch (RuntimeException | AssertionError e) {
            screenshot("failure-" + step);
            String console = driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
                    .map(Object::toString).collect(Collectors.joining("\n"));
            String cause = e.getClass().getSimpleName() + ": " + String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            throw new AssertionError(step + " failed (" + cause + ") at " + driver.getCurrentUrl() + "; page: " + text()
                    + "\nbrowser console:\n" + console, e);
        }
    }

    /** The whole page, not just the window: the window grows to the page's height for the shot. */
    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Dimension window = driver.manage().window().getSize();
            Number height = (Number) ((JavascriptExecutor) driver)
                    .executeScript("return document.documentElement.scrollHeight");
            int full = Math.min(4000, Math.max(window.getHeight(), height.intValue() + 140));
            driver.manage().window().setSize(new Dimension(window.getWidth(), full));
            File file = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            driver.manage().window().setSize(window);
            Files.copy(file.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }

    static HttpResponse<String> call(String method, String path, String token, String json, Map<String, String> headers) {
        return Platform.send(method, GATEWAY + path, token, json, headers);
    }

    /** A file the console links to (e.g. an attachment), fetched as it is, with a bearer token. */
    static HttpResponse<byte[]> download(String url, String token) {
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token).GET().build();
        try {
            return java.net.http.HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Password grant through the local realm's public CLI client (as the other e2e tests do). */
    static String token(String username, String password) {
        return Keycloak.passwordToken("platform-cli", username, password);
    }
}

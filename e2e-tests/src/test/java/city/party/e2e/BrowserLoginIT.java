package city.party.e2e;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The browser flow in a real headless Chromium: the gateway sends the user to Keycloak's login
 * page, the user logs in, lands back with nothing but a session cookie, calls the API through the
 * gateway, and logs out of both the gateway and Keycloak.
 */
class BrowserLoginIT {

    private WebDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void openBrowser() {
        browser = Browsers.headlessChromium(new ChromeOptions());
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private void logIn(String username, String password) {
        browser.get(Platform.GATEWAY + "/some-page");
        wait.until(ExpectedConditions.urlContains("/realms/party/protocol/openid-connect/auth"));
        assertThat(browser.getCurrentUrl()).contains("code_challenge_method=S256").contains("client_id=gateway");
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("kc-login")).click();
        wait.until(ExpectedConditions.urlContains(Platform.GATEWAY));
    }

    /** A same-origin fetch from the page, as the web console sends it; returns the HTTP status. */
    private Object browserWrite(String method, String path) {
        return ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const csrf = document.cookie.split('; ').find(c => c.startsWith('XSRF-TOKEN='))?.split('=')[1];
                fetch(arguments[1], { method: arguments[0], headers: { 'X-XSRF-TOKEN': csrf, 'Accept': 'application/json' } })
                    .then(r => done(r.status), e => done(String(e)));
                """, method, path);
    }

    private String apiMe() {
        browser.get(Platform.GATEWAY + "/api/me");
        return browser.findElement(By.tagName("body")).getText();
    }

    @Test
    void sessionSurvivesAGatewayRestart() {
        logIn("secretary-a", "secretary-pass");
        assertThat(apiMe()).contains("\"username\":\"secretary-a\"");
        // A write from the browser: the session carries her realm roles, the CSRF token comes from the cookie.
        assertThat(browserWrite("PUT", "/api/organizations/branch-a1/administrators/secretary-a")).isEqualTo(200L);
        assertThat(browserWrite("PUT", "/api/organizations/unit-b/administrators/secretary-a"))
                .as("outside her subtree").isEqualTo(404L);
        // Sessions (and the tokens behind them) live in Redis, not in the gateway's memory.
        Platform.restart("gateway");
        assertThat(apiMe()).contains("\"username\":\"secretary-a\"");
    }

    @Test
    void memberLogsInThroughKeycloakCallsTheApiAndLogsOut() {
        logIn("member-a", "member-pass");

        Cookie session = browser.manage().getCookieNamed("SESSION");
        assertThat(session).as("the gateway's session cookie").isNotNull();
        assertThat(session.isHttpOnly()).isTrue();
        // BFF: no token is ever handed to the browser.
        List<String> cookieNames = browser.manage().getCookies().stream().map(Cookie::getName).toList();
        assertThat(cookieNames).noneMatch(name -> name.toLowerCase().contains("token") && !name.equals("XSRF-TOKEN"));

        String me = apiMe();
        assertThat(me).contains("\"username\":\"member-a\"").contains("/city/unit-a/branch-a1");

        // Log out: a form POST with the CSRF token, as a frontend would send it.
        String csrf = browser.manage().getCookieNamed("XSRF-TOKEN").getValue();
        ((JavascriptExecutor) browser).executeScript("""
                const form = document.createElement('form');
                form.method = 'POST';
                form.action = '/logout';
                const input = document.createElement('input');
                input.type = 'hidden'; input.name = '_csrf'; input.value = arguments[0];
                form.appendChild(input);
                document.body.appendChild(form);
                form.submit();
                """, csrf);
        // Keycloak's session ends too: the next visit asks for the password again.
        wait.until(ExpectedConditions.urlContains("/realms/party/protocol/openid-connect/auth"));
        assertThat(browser.findElements(By.id("password"))).isNotEmpty();

        assertThat(apiMe()).contains("unauthorized");
    }
}

package city.party.e2e.abuse;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import city.party.e2e.Sleep;

/**
 * Byte-exact requests to the gateway: any method, any body, any content type, headers as given.
 * Answers that say "come back later" are waited out, since they are about the shared platform, not
 * the request: a 429 from the gateway's rate limit, a 503 (a service restarting or busy; twice at
 * most, so a request that always gets one is still reported) and a refused connection (the gateway
 * itself restarting; up to half a minute). Every other answer — or none — is returned as it came.
 */
final class RawHttp {

    /** An answer; {@code status} -1 when there was none (the connection failed or timed out). */
    record Answer(int status, String contentType, String body, String failure) {

        String excerpt(int max) {
            String text = failure != null ? failure : body.replaceAll("\\s+", " ");
            return text.length() <= max ? text : text.substring(0, max) + "…";
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();

    private RawHttp() {
    }

    /**
     * At most this many requests a second from these tests: half the gateway's per-caller rate, so
     * other tests calling as the same demo user on the shared platform are not refused meanwhile.
     */
    private static final int REQUESTS_PER_SECOND = 25;
    private static long nextStart;

    static Answer send(String method, String url, String bearerToken, String contentType, byte[] body,
            Map<String, String> headers) {
        int unavailable = 0;
        int refused = 0;
        for (int attempt = 0; ; attempt++) {
            pace();
            Answer answer = once(method, url, bearerToken, contentType, body, headers);
            if (answer.status() == 429 && attempt < 30) {
                Sleep.of(Duration.ofMillis(1000));
            }
            else if (answer.status() == 503 && unavailable++ < 2) {
                Sleep.of(Duration.ofMillis(5000));
            }
            else if (answer.status() == -1 && answer.failure().contains("ConnectException") && refused++ < 6) {
                Sleep.of(Duration.ofMillis(5000));
            }
            else {
                return answer;
            }
        }
    }

    private static Answer once(String method, String url, String bearerToken, String contentType, byte[] body,
            Map<String, String> headers) {
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(url));
        }
        catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the test built an invalid URI: " + url, e);
        }
        request.timeout(Duration.ofSeconds(40)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    new String(response.body(), StandardCharsets.UTF_8), null);
        }
        catch (IOException e) {
            return new Answer(-1, "", "", "no answer: " + e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void pace() {
        long wait;
        synchronized (RawHttp.class) {
            long now = System.nanoTime();
            nextStart = Math.max(nextStart, now) + 1_000_000_000L / REQUESTS_PER_SECOND;
            wait = nextStart - now - 1_000_000_000L / REQUESTS_PER_SECOND;
        }
        if (wait > 0) {
            Sleep.of(Duration.ofMillis(wait / 1_000_000));
        }
    }

}

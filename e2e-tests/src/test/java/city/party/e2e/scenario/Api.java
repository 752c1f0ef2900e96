package city.party.e2e.scenario;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

import city.party.e2e.Platform;
import city.party.e2e.Sleep;
import com.jayway.jsonpath.JsonPath;
import net.minidev.json.JSONValue;

/**
 * The scenario's HTTP calls: JSON in and out, a token that renews itself, and a client's patience —
 * a 503 (a service restarting, a circuit open) or 429 (rate limit) is retried after a pause, as a
 * city system would; every other answer is returned to the caller to check.
 */
public final class Api {

    private final String base;
    private final Supplier<String> token;

    public Api(String base, Supplier<String> token) {
        this.base = base;
        this.token = token;
    }

    public Answer get(String path) {
        return call("GET", path, null, Map.of());
    }

    public Answer post(String path, Object body) {
        return call("POST", path, body, Map.of());
    }

    public Answer post(String path, Object body, Map<String, String> headers) {
        return call("POST", path, body, headers);
    }

    public Answer put(String path, Object body, Map<String, String> headers) {
        return call("PUT", path, body, headers);
    }

    public Answer call(String method, String path, Object body, Map<String, String> headers) {
        String json = body == null ? null : body instanceof String text ? text : JSONValue.toJSONString(body);
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (true) {
            HttpResponse<String> response;
            try {
                response = Platform.send(method, base + path, token.get(), json, headers);
            }
            catch (IllegalStateException unreachable) {
                if (System.nanoTime() > deadline) {
                    throw unreachable;
                }
                Sleep.of(Duration.ofSeconds(1));
                continue;
            }
            int status = response.statusCode();
            if ((status == 503 || status == 429 || status == 502 || status == 504) && System.nanoTime() < deadline) {
                Sleep.of(Duration.ofMillis(status == 429 ? 200 : 1000));
                continue;
            }
            return new Answer(method + " " + path, status, response.body());
        }
    }


    /** An answer: its status, its body, and JsonPath reads of it. */
    public record Answer(String request, int status, String body) {

        public <T> T read(String path) {
            return JsonPath.read(body, path);
        }

        /** Fails with the request and the body unless the status is one of these. */
        public Answer expect(int... statuses) {
            for (int expected : statuses) {
                if (status == expected) {
                    return this;
                }
            }
            throw new AssertionError(request + " answered " + status + ": " + body);
        }
    }
}

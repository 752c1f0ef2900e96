package city.party.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** HTTP calls to the running platform, as another city system would make them. */
public final class Platform {

    public static final String GATEWAY = System.getProperty("e2e.gateway", "http://localhost:8080");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private Platform() {
    }

    /** Stops and starts one part with `./platform`, as an operator would during a rolling restart. */
    public static void restart(String part) {
        platform("down", part);
        platform("up", part);
    }

    /**
     * Kills one part outright (SIGKILL to its process group: no shutdown hooks, nothing flushed),
     * as a crash or an OOM kill would, and starts it again with {@code ./platform up}.
     */
    public static void crashAndRestart(String part) {
        java.io.File root = new java.io.File(System.getProperty("e2e.root", ".."));
        java.nio.file.Path pidFile = root.toPath().resolve(".platform/run/" + part + ".pid");
        try {
            String pid = java.nio.file.Files.readString(pidFile).trim();
            int exit = new ProcessBuilder("kill", "-KILL", "--", "-" + pid).inheritIO().start().waitFor();
            if (exit != 0) {
                throw new IllegalStateException("kill -KILL -" + pid + " (" + part + ") exited with " + exit);
            }
            // SIGKILL is delivered, not awaited: while the dying group still exists `./platform up`
            // takes the part for running and starts nothing
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (new ProcessBuilder("kill", "-0", "--", "-" + pid).start().waitFor() == 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(part + " (process group " + pid + ") survived SIGKILL for 30 s");
                }
                Thread.sleep(100);
            }
        }
        catch (IOException e) {
            throw new IllegalStateException("no running " + part + " to kill", e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        platform("up", part);
    }

    /** Runs {@code ./platform COMMAND PART} (never rebuilding), failing if it fails. */
    public static void platform(String command, String part) {
        java.io.File root = new java.io.File(System.getProperty("e2e.root", ".."));
        ProcessBuilder process = new ProcessBuilder("bash", "platform", command, part).directory(root)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.INHERIT);
        process.environment().put("PLATFORM_NO_BUILD", "1");
        // as platform-for-tests.sh starts it: a restarted honor-service keeps the tests' short notice day
        process.environment().putIfAbsent("HONOR_NOTICE_DAY_LENGTH", "20s");
        try {
            int exit = process.start().waitFor();
            if (exit != 0) {
                throw new IllegalStateException("./platform " + command + " " + part + " exited with " + exit);
            }
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static HttpResponse<String> get(String url, String bearerToken) {
        return send("GET", url, bearerToken, null);
    }

    public static HttpResponse<String> send(String method, String url, String bearerToken, String jsonBody) {
        return send(method, url, bearerToken, jsonBody, java.util.Map.of());
    }

    /** As {@link #send(String, String, String, String)}, with extra request headers (e.g. Idempotency-Key). */
    public static HttpResponse<String> send(String method, String url, String bearerToken, String jsonBody,
            java.util.Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json")
                .method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(jsonBody));
        if (jsonBody != null) {
            request.header("Content-Type", "application/json");
        }
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        headers.forEach(request::header);
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

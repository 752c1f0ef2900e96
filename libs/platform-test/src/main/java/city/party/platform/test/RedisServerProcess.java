package city.party.platform.test;

import java.io.File;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A throw-away {@code redis-server} (no persistence) for the tests of one JVM. */
final class RedisServerProcess {

    private RedisServerProcess() {
    }

    static String start() {
        String binary = findOnPath("redis-server");
        if (binary == null) {
            throw new IllegalStateException("redis-server is not installed: run `apt-get install redis-server` "
                    + "(./platform up and .ci/run install it), or provide a Docker engine");
        }
        try {
            int port = KafkaBrokerProcess.freePort();
            Path dir = Files.createTempDirectory("redis-test-");
            Process process = new ProcessBuilder(List.of(binary, "--bind", "127.0.0.1", "--port",
                    Integer.toString(port), "--save", "", "--appendonly", "no", "--dir", dir.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(new File(dir.toFile(), "redis.log"))).start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "redis-test-shutdown"));
            Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
            while (Instant.now().isBefore(deadline)) {
                try (Socket socket = new Socket("127.0.0.1", port)) {
                    return "redis://127.0.0.1:" + port;
                }
                catch (IOException notYet) {
                    Thread.sleep(100);
                }
            }
            throw new IllegalStateException("redis-server did not start; see " + dir.resolve("redis.log"));
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String findOnPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            File candidate = new File(dir, name);
            if (candidate.canExecute()) {
                return candidate.getPath();
            }
        }
        return null;
    }
}

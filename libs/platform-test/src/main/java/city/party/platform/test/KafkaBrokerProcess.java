package city.party.platform.test;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node KRaft Kafka broker in a child process, with fixed ports and a data folder
 * that survives {@link #stop()}/{@link #start()} — so a test can take Kafka away (gracefully or
 * with SIGKILL) and bring the same cluster back, as an outage would. Uses the Kafka server classes
 * already on the test classpath (spring-kafka-test depends on them).
 */
public final class KafkaBrokerProcess implements AutoCloseable {

    private final Path dataDir;
    private final int port;
    private final int controllerPort;
    private final Path config;
    private Process process;

    public KafkaBrokerProcess() {
        try {
            this.dataDir = Files.createTempDirectory("kafka-broker-");
            this.port = freePort();
            this.controllerPort = freePort();
            this.config = dataDir.resolve("server.properties");
            Files.writeString(config, String.join("\n",
                    "process.roles=broker,controller",
                    "node.id=1",
                    "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                    "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                    "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                    "controller.listener.names=CONTROLLER",
                    "inter.broker.listener.name=PLAINTEXT",
                    "log.dirs=" + dataDir.resolve("logs"),
                    "auto.create.topics.enable=false",
                    "offsets.topic.replication.factor=1",
                    "transaction.state.log.replication.factor=1",
                    "transaction.state.log.min.isr=1",
                    "share.coordinator.state.topic.replication.factor=1",
                    "share.coordinator.state.topic.min.isr=1",
                    "group.initial.rebalance.delay.ms=0",
                    "num.partitions=6", ""), StandardCharsets.UTF_8);
            run(List.of("kafka.tools.StorageTool", "format", "-t", randomClusterId(), "-c", config.toString()))
                    .waitFor(60, TimeUnit.SECONDS);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Starts the broker and waits until it accepts connections. */
    public synchronized KafkaBrokerProcess start() {
        if (process != null && process.isAlive()) {
            return this;
        }
        process = run(List.of("kafka.Kafka", config.toString()));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Kafka broker exited; see " + dataDir.resolve("broker.log"));
            }
            try (Socket socket = new Socket("127.0.0.1", port)) {
                return this;
            }
            catch (IOException notYet) {
                sleep(200);
            }
        }
        throw new IllegalStateException("Kafka broker did not listen on " + port + " within 90 s");
    }

    /** Stops the broker gracefully (SIGTERM) and waits for it to exit. */
    public synchronized void stop() {
        end(false);
    }

    /** Kills the broker (SIGKILL), as a crash would. */
    public synchronized void kill() {
        end(true);
    }

    private void end(boolean force) {
        if (process == null) {
            return;
        }
        if (force) {
            process.destroyForcibly();
        }
        else {
            process.destroy();
        }
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    @Override
    public void close() {
        kill();
    }

    private Process run(List<String> mainAndArgs) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-Xmx256m", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path")));
        command.addAll(mainAndArgs);
        try {
            return new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(new File(dataDir.toFile(), "broker.log")))
                    .start();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String randomClusterId() {
        while (true) {
            UUID uuid = UUID.randomUUID();
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(16);
            buffer.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
            String id = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(buffer.array());
            // one in 64 starts with '-', which the storage tool's argument parser takes for an option
            // (Kafka's own Uuid.randomUuid() skips those too)
            if (!id.startsWith("-")) {
                return id;
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

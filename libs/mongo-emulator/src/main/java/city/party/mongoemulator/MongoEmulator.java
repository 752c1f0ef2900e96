package city.party.mongoemulator;

import java.nio.file.Files;
import java.nio.file.Path;

import de.bwaldvogel.mongo.MongoServer;

/**
 * Serves the MongoDB wire protocol from an H2 file, so the real MongoDB driver of every service
 * talks to it and local data and indexes survive restarts. For local runs only: it has no
 * multi-document transactions and no {@code $text} search, and production uses real MongoDB.
 *
 * <pre>java -jar mongo-emulator.jar [--host 127.0.0.1] [--port 27017] [--file .platform/mongo/data.mv] [--cache-mb 192]</pre>
 */
public final class MongoEmulator {

    /**
     * H2's page cache, by its own estimate of the decoded pages' size — which is low: with 512 MB
     * the 2 GB heap ./platform gives the emulator ran out under a long benchmark.
     */
    static final int DEFAULT_CACHE_MB = 192;

    private MongoEmulator() {
    }

    public static void main(String[] args) throws Exception {
        String host = option(args, "--host", "127.0.0.1");
        int port = Integer.parseInt(option(args, "--port", "27017"));
        Path file = Path.of(option(args, "--file", "mongo-emulator.mv"));
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        int cacheMegabytes = Integer.parseInt(option(args, "--cache-mb", String.valueOf(DEFAULT_CACHE_MB)));
        MongoServer server = start(host, port, file, cacheMegabytes);
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdown, "mongo-emulator-shutdown"));
        System.out.println("MongoDB wire-protocol emulator listening on " + host + ":" + port + ", data in " + file);
        Thread.currentThread().join();
    }

    /**
     * Starts an emulator on an H2 file. Without an oplog: no service uses change streams, and the
     * oplog doubled the work of every write and grew the heap until a 100,000-member import spent its
     * time in garbage collection.
     */
    public static MongoServer start(String host, int port, Path file) {
        return start(host, port, file, DEFAULT_CACHE_MB);
    }

    static MongoServer start(String host, int port, Path file, int cacheMegabytes) {
        MongoServer server = new MongoServer(EmulatorBackend.open(file.toString(), cacheMegabytes));
        server.bind(host, port);
        return server;
    }

    static String option(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}

package city.party.platform.test;

import java.util.Map;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;

/**
 * The one place that decides which real infrastructure integration tests run against.
 *
 * <ul>
 * <li>With a Docker engine: Testcontainers — a real MongoDB and a real Kafka.</li>
 * <li>Without one (these machines): a real Kafka broker embedded in KRaft mode (spring-kafka-test)
 * and the MongoDB wire-protocol emulator (mongo-java-server, in memory, oplog enabled for change
 * streams). The emulator has no multi-document transactions and no {@code $text}; tests that need
 * those are annotated {@link RequiresRealMongo} and skipped here.</li>
 * </ul>
 * Force a choice with {@code -Dplatform.test.infrastructure=embedded|containers}. Everything is
 * started once per JVM and shared, as starting it costs seconds.
 */
public final class TestInfrastructure {

    private static final Logger log = LoggerFactory.getLogger(TestInfrastructure.class);

    private static Boolean containers;
    private static String mongoUri;
    private static MongoServer mongoServer;
    private static String kafkaBootstrap;
    private static String redisUrl;

    private TestInfrastructure() {
    }

    /** Whether real MongoDB and Kafka run in containers (a Docker engine is available). */
    public static synchronized boolean usesContainers() {
        if (containers == null) {
            String forced = System.getProperty("platform.test.infrastructure", "");
            containers = switch (forced) {
                case "containers" -> true;
                case "embedded" -> false;
                default -> DockerClientFactory.instance().isDockerAvailable();
            };
            log.info("integration tests use {}", containers ? "Testcontainers (real MongoDB and Kafka)"
                    : "an embedded KRaft Kafka broker and the MongoDB wire-protocol emulator");
        }
        return containers;
    }

    /** A MongoDB connection string (without database) shared by the tests of this JVM. */
    public static synchronized String mongoUri() {
        if (mongoUri == null) {
            if (usesContainers()) {
                MongoDBContainer mongo = new MongoDBContainer("mongo:8.0");
                mongo.start();
                mongoUri = mongo.getConnectionString();
            }
            else {
                mongoServer = new MongoServer(new MemoryBackend());
                mongoServer.enableOplog();
                mongoServer.bind("127.0.0.1", 0);
                mongoUri = "mongodb://127.0.0.1:" + mongoServer.getLocalAddress().getPort();
            }
        }
        return mongoUri;
    }

    /** The emulator, where one is used: tests stop it to see how a service behaves without MongoDB. */
    public static synchronized MongoServer emulatedMongo() {
        mongoUri();
        return mongoServer;
    }

    /** Bootstrap servers of a real Kafka broker shared by the tests of this JVM. */
    public static synchronized String kafkaBootstrapServers() {
        if (kafkaBootstrap == null) {
            if (usesContainers()) {
                KafkaContainer kafka = new KafkaContainer("apache/kafka:4.1.2");
                kafka.start();
                kafkaBootstrap = kafka.getBootstrapServers();
            }
            else {
                org.springframework.kafka.test.EmbeddedKafkaBroker broker = new EmbeddedKafkaKraftBroker(1, 6)
                        .brokerProperties(Map.of("auto.create.topics.enable", "false",
                                "group.initial.rebalance.delay.ms", "0"));
                broker.afterPropertiesSet();
                kafkaBootstrap = broker.getBrokersAsString();
            }
        }
        return kafkaBootstrap;
    }

    /**
     * A Redis URL (the gateway's sessions and rate limits): a container with Docker, else Debian's
     * {@code redis-server} started on a free port (installed by {@code ./platform} and CI).
     */
    public static synchronized String redisUrl() {
        if (redisUrl == null) {
            if (usesContainers()) {
                org.testcontainers.containers.GenericContainer<?> redis =
                        new org.testcontainers.containers.GenericContainer<>("redis:7-alpine").withExposedPorts(6379);
                redis.start();
                redisUrl = "redis://" + redis.getHost() + ":" + redis.getMappedPort(6379);
            }
            else {
                redisUrl = RedisServerProcess.start();
            }
        }
        return redisUrl;
    }

    /** Spring properties that point an application at the shared infrastructure. */
    public static Map<String, String> springProperties(String database) {
        return Map.of("spring.mongodb.uri", mongoUri() + "/" + database,
                "spring.kafka.bootstrap-servers", kafkaBootstrapServers());
    }
}

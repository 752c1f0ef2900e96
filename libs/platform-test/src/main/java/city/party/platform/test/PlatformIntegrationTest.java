package city.party.platform.test;

import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base class of Spring integration tests: points the application at the shared real Kafka broker
 * and MongoDB (or emulator) from {@link TestInfrastructure}, with a database per test class so
 * that classes do not see each other's data, and at a {@link TestTokenIssuer} as its issuer.
 */
@ExtendWith(UnansweredRequestDiagnostics.class)
public abstract class PlatformIntegrationTest {

    /** Signs tokens the application under test accepts (and, on request, ones it must reject). */
    protected static final TestTokenIssuer TOKENS = SharedIssuer.INSTANCE;

    @DynamicPropertySource
    static void platformInfrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", TestInfrastructure::kafkaBootstrapServers);
        registry.add("spring.mongodb.uri", () -> TestInfrastructure.mongoUri() + "/it-"
                + Long.toHexString(System.nanoTime()));
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", TOKENS::issuer);
        // Plain-text logs keep test output readable; the JSON layout is covered by its own test.
        registry.add("logging.structured.format.console", () -> "");
        // A request the test client gives up on (20 s) shows in the log with what every thread was doing.
        registry.add("platform.web.stalled-request.threshold", () -> "8s");
        registry.add("platform.web.stalled-request.thread-dump", () -> "true");
    }

    private static final class SharedIssuer {
        static final TestTokenIssuer INSTANCE = new TestTokenIssuer();
    }
}

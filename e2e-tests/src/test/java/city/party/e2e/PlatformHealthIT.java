package city.party.e2e;

import java.net.http.HttpResponse;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every application of `./platform up` is ready, with its MongoDB and Kafka connections up. */
class PlatformHealthIT {

    private static final Map<String, Integer> SERVICES = Map.of("member-service", 8081, "activity-service", 8082,
            "honor-service", 8083, "donation-service", 8084);

    @Test
    void everyServiceIsReadyWithMongoAndKafka() {
        SERVICES.forEach((name, port) -> {
            HttpResponse<String> response = Platform.get("http://localhost:" + port + "/actuator/health/readiness",
                    null);
            assertThat(response.statusCode()).as(name + ": " + response.body()).isEqualTo(200);
            assertThat((String) JsonPath.read(response.body(), "$.components.mongo.status")).as(name).isEqualTo("UP");
            assertThat((String) JsonPath.read(response.body(), "$.components.kafka.status")).as(name).isEqualTo("UP");
        });
    }

    @Test
    void gatewayIsReady() {
        assertThat(Platform.get(Platform.GATEWAY + "/actuator/health/readiness", null).statusCode()).isEqualTo(200);
    }
}

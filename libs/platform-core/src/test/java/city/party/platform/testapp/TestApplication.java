package city.party.platform.testapp;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A minimal service built on the platform library, the way every real service is. */
@SpringBootApplication
public class TestApplication {
}

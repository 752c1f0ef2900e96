package city.party.platform.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds the platform's shared defaults ({@code platform-defaults.yaml}: health groups, JSON logs,
 * Kafka serialisation and reliability settings, JWT issuer and audience, graceful shutdown) with
 * the lowest precedence, so every service starts the same way and any application property or
 * environment variable still overrides them.
 */
public class PlatformDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor {

    static final String RESOURCE = "platform-defaults.yaml";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        try {
            List<PropertySource<?>> sources = new YamlPropertySourceLoader().load("platform-defaults",
                    new ClassPathResource(RESOURCE));
            sources.forEach(source -> environment.getPropertySources().addLast(source));
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}

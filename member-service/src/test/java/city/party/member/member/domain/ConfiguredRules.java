package city.party.member.member.domain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/** The lifecycle rules exactly as configured in application.yaml, for domain tests. */
public final class ConfiguredRules {

    public static final LifecycleRules RULES = load();

    private ConfiguredRules() {
    }

    private static LifecycleRules load() {
        try {
            StandardEnvironment environment = new StandardEnvironment();
            new YamlPropertySourceLoader().load("app", new ClassPathResource("application.yaml"))
                    .forEach(environment.getPropertySources()::addFirst);
            Binder binder = new Binder(ConfigurationPropertySources.get(environment));
            String version = binder.bind("member.lifecycle.version", String.class).get();
            Map<String, LifecycleRules.Rule> rules = binder.bind("member.lifecycle.rules",
                    Bindable.mapOf(String.class, LifecycleRules.Rule.class)).get();
            return new LifecycleRules(version, rules);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

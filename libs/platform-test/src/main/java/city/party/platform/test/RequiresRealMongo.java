package city.party.platform.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test that needs what only a real MongoDB has (multi-document transactions, {@code $text}
 * search, real index behaviour under load). It runs when a Docker engine is available and is
 * skipped, saying why, on the emulator.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(RequiresRealMongoCondition.class)
public @interface RequiresRealMongo {
}

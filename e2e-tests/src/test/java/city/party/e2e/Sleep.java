package city.party.e2e;

import java.time.Duration;

/** Waiting a fixed time in a test thread; an interruption ends the test instead of being lost. */
public final class Sleep {

    private Sleep() {
    }

    public static void of(Duration duration) {
        try {
            Thread.sleep(Math.max(0, duration.toMillis()));
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

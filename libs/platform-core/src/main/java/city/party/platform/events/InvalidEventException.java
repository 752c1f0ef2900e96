package city.party.platform.events;

/**
 * A record that can never be processed, whatever the number of retries: missing CloudEvents
 * attributes, a body that is not the JSON its type promises. It goes straight to the dead-letter
 * topic so the partition moves on.
 */
public class InvalidEventException extends RuntimeException {

    public InvalidEventException(String message, Throwable cause) {
        super(message, cause);
    }

    public InvalidEventException(String message) {
        super(message);
    }
}

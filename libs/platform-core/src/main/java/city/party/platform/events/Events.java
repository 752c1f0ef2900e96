package city.party.platform.events;

import io.cloudevents.CloudEvent;

/** Reading the JSON body of a consumed event into the consumer's own view of it. */
public final class Events {

    private Events() {
    }

    /**
     * Parses the event's data. Consumers declare their own record for the fields they use (they
     * never share the producer's class), so unknown fields are ignored and adding a field is a
     * compatible change.
     */
    public static <T> T data(CloudEvent event, Class<T> type) {
        if (event.getData() == null) {
            throw new InvalidEventException("event " + event.getId() + " of type " + event.getType() + " has no data");
        }
        try {
            return EventJson.read(event.getData().toBytes(), type);
        }
        catch (RuntimeException e) {
            throw new InvalidEventException("event " + event.getId() + " of type " + event.getType()
                    + " does not have the expected body: " + e.getMessage(), e);
        }
    }
}

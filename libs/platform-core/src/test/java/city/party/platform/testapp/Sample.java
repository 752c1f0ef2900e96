package city.party.platform.testapp;

import city.party.platform.events.AggregateRoot;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

@Document("samples")
public class Sample extends AggregateRoot {

    public static final String TOPIC = "test.samples";

    @Id
    private String id;
    private String name;

    Sample() {
    }

    public static Sample create(String id, String name) {
        Sample sample = new Sample();
        sample.id = id;
        sample.name = name;
        sample.raise(TOPIC, "test.sample.created.v1", new SampleData(id, name));
        return sample;
    }

    public void rename(String newName) {
        this.name = newName;
        raise(TOPIC, "test.sample.renamed.v1", new SampleData(id, newName));
    }

    @Override
    public String getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public record SampleData(String id, String name) {
    }
}

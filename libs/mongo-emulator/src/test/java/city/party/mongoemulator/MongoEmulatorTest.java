package city.party.mongoemulator;

import java.nio.file.Path;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import de.bwaldvogel.mongo.MongoServer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MongoEmulatorTest {

    @Test
    void keepsDocumentsAndUniqueIndexesAcrossRestarts(@TempDir Path dir) {
        Path file = dir.resolve("data.mv");
        MongoServer first = MongoEmulator.start("127.0.0.1", 0, file);
        String uri = "mongodb://127.0.0.1:" + first.getLocalAddress().getPort();
        try (MongoClient client = MongoClients.create(uri)) {
            var members = client.getDatabase("member-service").getCollection("members");
            members.createIndex(Indexes.ascending("idNumber"), new IndexOptions().unique(true));
            members.insertOne(new Document("_id", "m1").append("idNumber", "11010519491231002X"));
        }
        first.shutdown();

        MongoServer second = MongoEmulator.start("127.0.0.1", 0, file);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + second.getLocalAddress().getPort())) {
            var members = client.getDatabase("member-service").getCollection("members");
            assertThat(members.find(new Document("_id", "m1")).first()).containsEntry("idNumber", "11010519491231002X");
            assertThatThrownBy(() -> members.insertOne(new Document("_id", "m2").append("idNumber", "11010519491231002X")))
                    .hasMessageContaining("E11000");
        }
        finally {
            second.shutdown();
        }
    }

    @Test
    void readsOptionsWithFallbacks() {
        String[] args = { "--port", "27018" };
        assertThat(MongoEmulator.option(args, "--port", "1")).isEqualTo("27018");
        assertThat(MongoEmulator.option(args, "--host", "127.0.0.1")).isEqualTo("127.0.0.1");
    }
}

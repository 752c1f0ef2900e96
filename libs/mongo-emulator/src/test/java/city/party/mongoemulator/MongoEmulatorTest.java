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
    void rebuildsTheIndexesOfAFileWrittenByThePlainH2Backend(@TempDir Path dir) {
        Path file = dir.resolve("data.mv");
        MongoServer plain = new MongoServer(new de.bwaldvogel.mongo.backend.h2.H2Backend(file.toString()));
        plain.bind("127.0.0.1", 0);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + plain.getLocalAddress().getPort())) {
            var members = client.getDatabase("member-service").getCollection("members");
            members.createIndex(Indexes.ascending("digest"), new IndexOptions().unique(true).sparse(true));
            for (int i = 0; i < 300; i++) {
                members.insertOne(new Document("_id", "m" + i).append("digest", "d" + i));
            }
        }
        plain.shutdown();

        MongoServer emulator = MongoEmulator.start("127.0.0.1", 0, file);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + emulator.getLocalAddress().getPort())) {
            var members = client.getDatabase("member-service").getCollection("members");
            assertThat(members.find(new Document("_id", "m7")).first()).containsEntry("digest", "d7");
            assertThat(members.find(new Document("digest", new Document("$in", java.util.List.of("d1", "d299", "nope"))))
                    .into(new java.util.ArrayList<>())).extracting(d -> d.get("_id")).containsExactlyInAnyOrder("m1", "m299");
            assertThatThrownBy(() -> members.insertOne(new Document("_id", "x").append("digest", "d42")))
                    .hasMessageContaining("E11000");
            assertThatThrownBy(() -> members.insertOne(new Document("_id", "m42"))).hasMessageContaining("E11000");
        }
        finally {
            emulator.shutdown();
        }
        org.h2.mvstore.MVStore store = org.h2.mvstore.MVStore.open(file.toString());
        try {
            assertThat(store.getMapNames()).contains("member-service.members" + EmulatorBackend.INDEX_MAP + "digest_1")
                    .noneMatch(name -> name.contains("._index_"));
        }
        finally {
            store.close();
        }
    }

    @Test
    void uniqueIndexesCompareValuesAsMongoDbDoes(@TempDir Path dir) {
        MongoServer emulator = MongoEmulator.start("127.0.0.1", 0, dir.resolve("data.mv"));
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + emulator.getLocalAddress().getPort())) {
            var things = client.getDatabase("test").getCollection("things");
            things.createIndex(Indexes.ascending("key"), new IndexOptions().unique(true).sparse(true));
            things.insertOne(new Document("_id", 1).append("key", 5));
            things.insertOne(new Document("_id", 2).append("key", "5"));
            things.insertOne(new Document("_id", 3).append("key", new Document("a", 1)));
            things.insertOne(new Document("_id", new org.bson.types.ObjectId()).append("key", 6L));
            // 5 and 5.0 are the same number to MongoDB; the string "5" is not
            assertThatThrownBy(() -> things.insertOne(new Document("_id", 4).append("key", 5.0)))
                    .hasMessageContaining("E11000");
            assertThat(things.find(new Document("key", 6)).first()).isNotNull();
            assertThat(things.find(new Document("key", new Document("a", 1))).first()).containsEntry("_id", 3);
            things.dropIndex("key_1");
            things.insertOne(new Document("_id", 5).append("key", 5));
            assertThat(things.countDocuments(new Document("key", 5))).isEqualTo(2);
        }
        finally {
            emulator.shutdown();
        }
    }

    @Test
    void queriesWithMoreConditionsThanAnIndexHasKeysStillMatchTheWholeQuery(@TempDir Path dir) {
        MongoServer emulator = MongoEmulator.start("127.0.0.1", 0, dir.resolve("data.mv"));
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + emulator.getLocalAddress().getPort())) {
            var members = client.getDatabase("test").getCollection("members");
            members.insertOne(new Document("_id", "m1").append("lastEventAt", 5).append("org", "a"));
            members.insertOne(new Document("_id", "m2").append("org", "b"));
            Document notNewerThan4 = new Document("_id", "m1").append("$or", java.util.List.of(
                    new Document("lastEventAt", new Document("$exists", false)),
                    new Document("lastEventAt", new Document("$lte", 4))));
            assertThat(members.find(notNewerThan4).first()).isNull();
            Document notNewerThan6 = new Document("_id", "m1").append("$or", java.util.List.of(
                    new Document("lastEventAt", new Document("$exists", false)),
                    new Document("lastEventAt", new Document("$lte", 6))));
            assertThat(members.find(notNewerThan6).first()).containsEntry("org", "a");
            // the guarded upsert of a read model: an older event changes nothing, a newer one does
            assertThatThrownBy(() -> members.updateOne(notNewerThan4, new Document("$set", new Document("org", "x")),
                    new com.mongodb.client.model.UpdateOptions().upsert(true))).hasMessageContaining("E11000");
            members.updateOne(notNewerThan6, new Document("$set", new Document("org", "c")));
            assertThat(members.find(new Document("_id", "m1")).first()).containsEntry("org", "c");
            assertThat(members.find(new Document("_id", new Document("$in", java.util.List.of("m1", "m2")))
                    .append("org", "b")).into(new java.util.ArrayList<>())).extracting(d -> d.get("_id"))
                    .containsExactly("m2");
        }
        finally {
            emulator.shutdown();
        }
    }

    @Test
    void documentsOfEveryKindOfValueComeBackAsWrittenAfterARestart(@TempDir Path dir) {
        Path file = dir.resolve("data.mv");
        Document written = new Document("_id", new org.bson.types.ObjectId()).append("text", "党员 ✓ 𠀀")
                .append("int", 7).append("long", 1L << 40).append("double", 2.5).append("flag", true)
                .append("nothing", null).append("when", new java.util.Date(1_700_000_000_000L))
                .append("money", new org.bson.types.Decimal128(new java.math.BigDecimal("100.01")))
                .append("bytes", new org.bson.types.Binary(new byte[] { 1, 2, 3 }))
                .append("outbox", java.util.List.of(new Document("eventId", "e1").append("data", "{\"a\":1}"),
                        new Document("eventId", "e2").append("nested", java.util.List.of(1, "two", 3.0))))
                .append("big", "x".repeat(200_000));
        MongoServer first = MongoEmulator.start("127.0.0.1", 0, file);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + first.getLocalAddress().getPort())) {
            client.getDatabase("test").getCollection("things").insertOne(written);
        }
        finally {
            first.shutdown();
        }
        MongoServer second = MongoEmulator.start("127.0.0.1", 0, file);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + second.getLocalAddress().getPort())) {
            Document read = client.getDatabase("test").getCollection("things")
                    .find(new Document("_id", written.get("_id"))).first();
            assertThat(read).isEqualTo(written);
        }
        finally {
            second.shutdown();
        }
        org.h2.mvstore.MVStore store = org.h2.mvstore.MVStore.open(file.toString());
        try {
            // stored as BSON, not Java-serialised
            org.h2.mvstore.MVMap<Object, de.bwaldvogel.mongo.bson.Document> documents = store.openMap(
                    "databases.test.things", new org.h2.mvstore.MVMap.Builder<Object, de.bwaldvogel.mongo.bson.Document>()
                            .valueType(DocumentDataType.INSTANCE));
            assertThat(documents.size()).isEqualTo(1);
        }
        finally {
            store.close();
        }
    }

    @Test
    void readsOptionsWithFallbacks() {
        String[] args = { "--port", "27018" };
        assertThat(MongoEmulator.option(args, "--port", "1")).isEqualTo("27018");
        assertThat(MongoEmulator.option(args, "--host", "127.0.0.1")).isEqualTo("127.0.0.1");
    }
}

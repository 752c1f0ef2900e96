package city.party.mongoemulator;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import de.bwaldvogel.mongo.MongoServer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Non-unique indexes only narrow the candidates: every query must answer exactly what a scan of the
 * same documents answers — in the same order when the query does not sort — after random inserts,
 * updates and deletes, and again after a restart (the index is rebuilt from the collection).
 */
class SecondaryIndexTest {

    private static final List<Object> NUMBERS = List.of(1, 2, 3, 1.0, 2L, 7);
    private static final List<String> WORDS = List.of("a", "b", "c", "党支部", "");

    @ParameterizedTest
    @ValueSource(longs = { 1, 2, 3, 4, 5 })
    void anIndexedCollectionAnswersEveryQueryAsAScanDoes(long seed, @TempDir Path dir) {
        Path file = dir.resolve("data.mv");
        Random random = new Random(seed);
        List<Document> queries = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            queries.add(query(random));
        }
        MongoServer emulator = MongoEmulator.start("127.0.0.1", 0, file);
        try (MongoClient client = client(emulator)) {
            MongoDatabase database = client.getDatabase("test");
            MongoCollection<Document> indexed = database.getCollection("indexed");
            MongoCollection<Document> scanned = database.getCollection("scanned");
            indexed.createIndex(Indexes.ascending("n"));
            indexed.createIndex(Indexes.ascending("s"));
            indexed.createIndex(Indexes.ascending("tags"));
            indexed.createIndex(Indexes.ascending("items.org"));
            indexed.createIndex(Indexes.compoundIndex(Indexes.ascending("s"), Indexes.descending("n")));
            indexed.createIndex(Indexes.ascending("maybe"), new IndexOptions().sparse(true));
            for (int i = 0; i < 400; i++) {
                Document document = document(random, i);
                indexed.insertOne(new Document(document));
                scanned.insertOne(new Document(document));
            }
            for (int i = 0; i < 300; i++) {
                Document filter = new Document("_id", "d" + random.nextInt(450));
                switch (random.nextInt(4)) {
                    case 0 -> {
                        Document set = new Document("$set", new Document("n", pick(random, NUMBERS)).append("s",
                                pick(random, WORDS)));
                        indexed.updateMany(filter, set);
                        scanned.updateMany(filter, set);
                    }
                    case 1 -> {
                        Document push = new Document("$push", new Document("tags", pick(random, WORDS)));
                        indexed.updateMany(filter, push);
                        scanned.updateMany(filter, push);
                    }
                    case 2 -> {
                        Document unset = new Document("$unset", new Document("s", "").append("maybe", ""));
                        indexed.updateMany(filter, unset);
                        scanned.updateMany(filter, unset);
                    }
                    default -> {
                        indexed.deleteMany(filter);
                        scanned.deleteMany(filter);
                    }
                }
            }
            assertSameAnswers(indexed, scanned, queries);
        }
        finally {
            emulator.shutdown();
        }

        MongoServer reopened = MongoEmulator.start("127.0.0.1", 0, file);
        try (MongoClient client = client(reopened)) {
            MongoDatabase database = client.getDatabase("test");
            assertSameAnswers(database.getCollection("indexed"), database.getCollection("scanned"), queries);
        }
        finally {
            reopened.shutdown();
        }
    }

    @Test
    void aQueryOnAnIndexedFieldReadsOnlyItsCandidates(@TempDir Path dir) {
        MongoServer emulator = MongoEmulator.start("127.0.0.1", 0, dir.resolve("data.mv"));
        try (MongoClient client = client(emulator)) {
            MongoCollection<Document> members = client.getDatabase("test").getCollection("members");
            members.createIndex(Indexes.ascending("memberships.organizationId"));
            List<Document> many = new ArrayList<>();
            for (int i = 0; i < 20_000; i++) {
                many.add(new Document("_id", "m" + i).append("memberships",
                        List.of(new Document("organizationId", "branch-" + (i % 500)))));
            }
            members.insertMany(many);
            Document branch = new Document("memberships.organizationId", "branch-7");
            assertThat(members.countDocuments(branch)).isEqualTo(40);
            // the index's own statistics: one entry per member, so it was filled and kept
            Document stats = client.getDatabase("test").runCommand(new Document("collStats", "members"));
            assertThat(stats.get("indexSize", Document.class).get("memberships.organizationId_1", Number.class)
                    .longValue()).isEqualTo(20_000);
        }
        finally {
            emulator.shutdown();
        }
    }

    private static void assertSameAnswers(MongoCollection<Document> indexed, MongoCollection<Document> scanned,
            List<Document> queries) {
        for (Document query : queries) {
            assertThat(ids(indexed.find(query))).as("unsorted %s", query.toJson()).isEqualTo(ids(scanned.find(query)));
            assertThat(ids(indexed.find(query).sort(Sorts.descending("_id")).limit(5)))
                    .as("sorted, limited %s", query.toJson())
                    .isEqualTo(ids(scanned.find(query).sort(Sorts.descending("_id")).limit(5)));
            assertThat(indexed.countDocuments(query)).as("count %s", query.toJson())
                    .isEqualTo(scanned.countDocuments(query));
        }
    }

    private static List<Object> ids(Iterable<Document> documents) {
        List<Object> ids = new ArrayList<>();
        documents.forEach(document -> ids.add(document.get("_id")));
        return ids;
    }

    private static Document document(Random random, int i) {
        Document document = new Document("_id", "d" + i).append("n", pick(random, NUMBERS));
        if (random.nextInt(5) > 0) {
            document.append("s", pick(random, WORDS));
        }
        if (random.nextBoolean()) {
            List<Object> tags = new ArrayList<>();
            for (int t = random.nextInt(4); t > 0; t--) {
                tags.add(pick(random, WORDS));
            }
            document.append("tags", tags);
        }
        if (random.nextBoolean()) {
            document.append("items", List.of(new Document("org", pick(random, WORDS)),
                    new Document("org", pick(random, WORDS))));
        }
        if (random.nextInt(3) == 0) {
            document.append("maybe", random.nextBoolean() ? pick(random, WORDS) : null);
        }
        return document;
    }

    private static Document query(Random random) {
        return switch (random.nextInt(13)) {
            case 0 -> new Document("n", pick(random, NUMBERS));
            case 1 -> new Document("s", pick(random, WORDS));
            case 2 -> new Document("s", pick(random, WORDS)).append("n", pick(random, NUMBERS));
            case 3 -> new Document("tags", pick(random, WORDS));
            case 4 -> new Document("items.org", pick(random, WORDS));
            case 5 -> new Document("n", new Document("$in", List.of(pick(random, NUMBERS), pick(random, NUMBERS))));
            case 6 -> new Document("$and", List.of(new Document("s", pick(random, WORDS)),
                    new Document("n", new Document("$gte", 2))));
            case 7 -> new Document("maybe", random.nextBoolean() ? null : pick(random, WORDS));
            case 8 -> new Document("s", null);
            case 9 -> new Document("$or", List.of(new Document("s", pick(random, WORDS)),
                    new Document("n", pick(random, NUMBERS))));
            case 10 -> new Document("_id", "d" + random.nextInt(400)).append("s", pick(random, WORDS));
            case 11 -> new Document("s", pick(random, WORDS)).append("n", new Document("$lt", 3));
            default -> new Document("s", new Document("$eq", pick(random, WORDS)))
                    .append("tags", new Document("$ne", pick(random, WORDS)));
        };
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static MongoClient client(MongoServer server) {
        return MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
    }
}

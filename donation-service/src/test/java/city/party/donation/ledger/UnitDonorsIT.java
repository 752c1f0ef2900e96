package city.party.donation.ledger;

import java.util.List;
import java.util.Objects;

import city.party.platform.test.TestInfrastructure;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-unit donor sets against the database the platform runs on (emulator, or MongoDB with Docker). */
class UnitDonorsIT {

    private static MongoClient client;
    private static ReactiveMongoTemplate mongo;

    @BeforeAll
    static void connect() {
        client = MongoClients.create(TestInfrastructure.mongoUri());
        mongo = new ReactiveMongoTemplate(client, "unit-donors-" + System.nanoTime());
    }

    @AfterAll
    static void close() {
        client.close();
    }

    private static long stored(String campaignId, String unitId) {
        Document doc = mongo.findById(campaignId + "|" + unitId, Document.class, UnitDonors.COLLECTION).block();
        assertThat(doc).isNotNull();
        assertThat(doc.getList("members", String.class)).hasSize(((Number) doc.get("donors")).intValue());
        return ((Number) doc.get("donors")).longValue();
    }

    @Test
    void theSameMemberAddedConcurrentlyIsCountedOnce() {
        UnitDonors donors = new UnitDonors(mongo);
        List<Long> counts = Flux.range(0, 24).parallel(8).runOn(Schedulers.parallel())
                .flatMap(i -> donors.add("c-race", "unit-a", "m-" + (i % 3))).sequential().collectList().block();
        // three members: exactly three calls added someone, and they saw the counts 1, 2, 3
        assertThat(counts).containsExactlyInAnyOrder(1L, 2L, 3L);
        assertThat(stored("c-race", "unit-a")).isEqualTo(3);
    }

    @Test
    void addingAndRemovingIsIdempotentAndUnitsAreSeparate() {
        UnitDonors donors = new UnitDonors(mongo);
        assertThat(donors.add("c-idem", "unit-a", "m1").block()).isEqualTo(1);
        assertThat(donors.add("c-idem", "unit-a", "m1").block()).as("counted already").isNull();
        assertThat(donors.add("c-idem", "unit-a", "m2").block()).isEqualTo(2);
        assertThat(donors.add("c-idem", "unit-b", "m3").block()).isEqualTo(1);
        donors.remove("c-idem", "unit-a", "m1").block();
        donors.remove("c-idem", "unit-a", "m1").block();
        donors.remove("c-idem", "unit-a", "nobody").block();
        assertThat(stored("c-idem", "unit-a")).isEqualTo(1);
        assertThat(donors.add("c-idem", "unit-a", "m1").block()).isEqualTo(2);
        assertThat(stored("c-idem", "unit-b")).isEqualTo(1);
    }

    @Test
    void aCampaignFromBeforeTheSetsIsBuiltOnceFromItsDonors() {
        mongo.insert(List.of(donor("c-old", "m1", "unit-a", "d1"), donor("c-old", "m2", "unit-a", "d2"),
                donor("c-old", "m3", "unit-a"), donor("c-old", "m4", "unit-b", "d4"),
                donor("c-other", "m5", "unit-a", "d5")), LedgerService.DONORS).collectList().block();
        UnitDonors donors = new UnitDonors(mongo);
        // m1 and m2 gave before (m3's only gift was reversed); m6 is new
        assertThat(donors.add("c-old", "unit-a", "m6").block()).isEqualTo(3);
        assertThat(stored("c-old", "unit-b")).isEqualTo(1);

        // Built once: a restarted service does not build again (a later donor document is not re-read).
        mongo.insert(donor("c-old", "m7", "unit-a", "d7"), LedgerService.DONORS).block();
        UnitDonors restarted = new UnitDonors(mongo);
        assertThat(restarted.add("c-old", "unit-a", "m8").block()).isEqualTo(4);
    }

    private static Document donor(String campaignId, String memberId, String unitId, String... activeIds) {
        return new Document("_id", campaignId + "|" + memberId).append("campaignId", campaignId)
                .append("memberId", memberId).append("unitId", unitId)
                .append("activeIds", List.of(activeIds).stream().filter(Objects::nonNull).toList());
    }
}

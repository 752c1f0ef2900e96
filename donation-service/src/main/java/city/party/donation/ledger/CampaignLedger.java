package city.party.donation.ledger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import city.party.platform.events.AggregateRoot;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The one document that holds a campaign's running totals and its hand-overs and disbursements.
 * Every write to it is a single conditional atomic update (LedgerService): the condition states the
 * invariant ({@code units.<u>.heldFen >= amount}, {@code availableFen >= amount}), the update moves
 * the money and appends the entry and its event in the same write — so a violating write changes
 * nothing and a successful one is never half-done. It is an aggregate only so that the outbox relay
 * publishes the events appended to it.
 */
@Document("campaign_ledgers")
public class CampaignLedger extends AggregateRoot {

    /** A unit's column; absent counters mean zero. */
    public record UnitTally(Long receivedFen, Long count, Long heldFen, Long handedOverFen, Instant completedAt,
            String completedBy, String completion) {

        public long received() {
            return receivedFen == null ? 0 : receivedFen;
        }

        public long donations() {
            return count == null ? 0 : count;
        }

        public long held() {
            return heldFen == null ? 0 : heldFen;
        }

        public long handedOver() {
            return handedOverFen == null ? 0 : handedOverFen;
        }
    }

    /** @param requestHash of the request that made it, when it came with an Idempotency-Key (else null) */
    public record HandOver(String id, String unitId, String recipient, long amountFen, String documentReference,
            String note, Instant handedOverAt, String recordedBy, String requestHash) {
    }

    /** @param requestHash of the request that made it, when it came with an Idempotency-Key (else null) */
    public record Disbursement(String id, String beneficiaryGroup, long amountFen, List<String> documents,
            String description, Instant disbursedAt, String recordedBy, String requestHash) {
    }

    /**
     * A change of the totals whose follow-up (marking the donation) may not have happened yet: written
     * in the same update as the change, removed after the follow-up. While present, the same change
     * cannot be applied twice; after a crash, it tells the catch-up job that the change is done.
     */
    public record Intent(String key, String kind, String donationId, String reason, String by, Instant at) {
    }

    @Id
    private String id;
    private Long receivedFen;
    private Long count;
    private Long handedOverFen;
    private Long disbursedFen;
    private Long availableFen;
    private Map<String, UnitTally> units = new HashMap<>();
    private List<HandOver> handOvers = new ArrayList<>();
    private List<Disbursement> disbursements = new ArrayList<>();
    private List<Intent> inflight = new ArrayList<>();

    @PersistenceCreator
    CampaignLedger() {
    }

    public static CampaignLedger open(String campaignId) {
        CampaignLedger ledger = new CampaignLedger();
        ledger.id = campaignId;
        ledger.receivedFen = 0L;
        ledger.count = 0L;
        ledger.handedOverFen = 0L;
        ledger.disbursedFen = 0L;
        ledger.availableFen = 0L;
        return ledger;
    }

    @Override
    public String getId() {
        return id;
    }

    public long received() {
        return receivedFen == null ? 0 : receivedFen;
    }

    public long donations() {
        return count == null ? 0 : count;
    }

    public long handedOver() {
        return handedOverFen == null ? 0 : handedOverFen;
    }

    public long disbursed() {
        return disbursedFen == null ? 0 : disbursedFen;
    }

    public long available() {
        return availableFen == null ? 0 : availableFen;
    }

    public Map<String, UnitTally> getUnits() {
        return units == null ? Map.of() : units;
    }

    public List<HandOver> getHandOvers() {
        return handOvers == null ? List.of() : handOvers;
    }

    public List<Disbursement> getDisbursements() {
        return disbursements == null ? List.of() : disbursements;
    }

    public List<Intent> getInflight() {
        return inflight == null ? List.of() : inflight;
    }
}

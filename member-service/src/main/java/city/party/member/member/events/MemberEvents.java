package city.party.member.member.events;

import java.time.LocalDate;

import city.party.member.member.domain.LifecycleStage;
import city.party.member.member.domain.Member;
import city.party.member.member.domain.MemberStatus;

/**
 * The member events member-service publishes on {@code party.members} — its public contract,
 * with a JSON Schema per type in {@code resources/events/}. No sensitive personal data (id number,
 * phone, address, income) ever goes into an event.
 */
public final class MemberEvents {

    public static final String TOPIC = "party.members";
    public static final String REGISTERED = "party.member.registered.v1";
    public static final String STAGE_CHANGED = "party.member.stage-changed.v1";
    public static final String PROBATION_EXTENDED = "party.member.probation-extended.v1";
    public static final String TRANSFER_ISSUED = "party.member.transfer-issued.v1";
    public static final String TRANSFERRED = "party.member.transferred.v1";
    public static final String TRANSFER_CLOSED = "party.member.transfer-closed.v1";
    public static final String STATUS_CHANGED = "party.member.status-changed.v1";
    public static final String DUES_PAID = "party.member.dues-paid.v1";
    public static final String ACCOUNT_PROVISIONED = "party.member.account-provisioned.v1";
    public static final String FLOATING_STARTED = "party.member.floating-started.v1";
    public static final String FLOATING_ENDED = "party.member.floating-ended.v1";

    private MemberEvents() {
    }

    public record Registered(String memberId, String name, String organizationId, LifecycleStage stage, String status,
            LocalDate joinedPartyOn, LocalDate fullMemberOn, String username) {
    }

    public record StageChanged(String memberId, String organizationId, LifecycleStage from, LifecycleStage to,
            LocalDate effectiveOn) {
    }

    public record ProbationExtended(String memberId, String organizationId, int months, LocalDate probationEnds) {
    }

    public record TransferIssued(String memberId, String transferId, String fromOrganizationId,
            String toOrganizationId, LocalDate validUntil) {
    }

    /** The member now belongs to {@code toOrganizationId}: future expectations follow them. */
    public record Transferred(String memberId, String transferId, String fromOrganizationId, String toOrganizationId,
            LocalDate effectiveOn) {
    }

    public record TransferClosed(String memberId, String transferId, String outcome) {
    }

    public record StatusChanged(String memberId, String organizationId, MemberStatus from, MemberStatus to,
            LocalDate effectiveOn) {
    }

    /** A month's dues were paid (no amount: it would reveal the income). */
    /** The member can log in: a Keycloak account exists in their organisation's group with the member role. */
    public record AccountProvisioned(String memberId, String organizationId, String username, String accountId) {
    }

    /** The member is away (流动党员) and stays a member of {@code organizationId}; no destination: personal. */
    public record FloatingStarted(String memberId, String organizationId, LocalDate since) {
    }

    public record FloatingEnded(String memberId, String organizationId, LocalDate returnedOn) {
    }

    public record DuesPaid(String memberId, String organizationId, String month, LocalDate paidOn) {
    }

    public static Registered registered(Member member) {
        return new Registered(member.getId(), member.getName(), member.getOrganizationId(), member.getStage(),
                member.getStatus().name(), member.getJoinedPartyOn(), member.getFullMemberOn(), member.getUsername());
    }
}

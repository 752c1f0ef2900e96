package city.party.member.member.events;

import java.time.LocalDate;

import city.party.member.member.domain.LifecycleStage;
import city.party.member.member.domain.Member;

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

    public static Registered registered(Member member) {
        return new Registered(member.getId(), member.getName(), member.getOrganizationId(), member.getStage(),
                member.getStatus().name(), member.getJoinedPartyOn(), member.getFullMemberOn(), member.getUsername());
    }
}

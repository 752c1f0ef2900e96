package city.party.activity.readmodel.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * activity-service's own view of a member (from {@code party.members}): organisation over time,
 * stage and status. Every change is applied so that redelivered and late (older) events leave it
 * as it would be had they arrived in order: transfers are recognised by their id, stage and status
 * changes only win over older ones.
 */
@Document("members")
public class MemberRecord {

    public static final String PROBATIONARY = "PROBATIONARY";
    public static final String FULL = "FULL";
    public static final String ACTIVE = "ACTIVE";
    private static final Set<String> ENDED = Set.of("DECEASED", "LEFT", "LAPSED");

    @Id
    private String id;
    @Version
    private Long version;
    private String name;
    private String username;
    /** The organisation the member belongs to now (the one of the latest interval). */
    private String organizationId;
    private String stage;
    private String status;
    /** Joined the party (probationary) — from then on expected at organisation life. */
    private LocalDate partyMemberSince;
    /** Full member — from then on a voting member. */
    private LocalDate fullMemberSince;
    private LocalDate stageChangedOn;
    private LocalDate statusChangedOn;
    private boolean registered;
    private List<Membership> memberships = new ArrayList<>();

    MemberRecord() {
    }

    public MemberRecord(String id) {
        this.id = id;
    }

    /**
     * The member entered the register. Membership starts when they joined the party (the register
     * is built from the existing membership), else on the day they were registered.
     */
    public boolean registered(String name, String organizationId, String stage, String status, LocalDate joinedPartyOn,
            LocalDate fullMemberOn, String username, LocalDate registeredOn) {
        if (registered) {
            return false;
        }
        registered = true;
        this.name = name;
        this.username = username;
        if (this.stage == null) {
            this.stage = stage;
            // The stage holds since its date, so an older stage change arriving late does not win.
            stageChangedOn = FULL.equals(stage) && fullMemberOn != null ? fullMemberOn
                    : PROBATIONARY.equals(stage) && joinedPartyOn != null ? joinedPartyOn : registeredOn;
        }
        if (this.status == null) {
            this.status = status;
        }
        if (partyMemberSince == null) {
            partyMemberSince = joinedPartyOn != null ? joinedPartyOn
                    : PROBATIONARY.equals(stage) || FULL.equals(stage) ? registeredOn : null;
        }
        if (fullMemberSince == null && FULL.equals(stage)) {
            fullMemberSince = fullMemberOn != null ? fullMemberOn : registeredOn;
        }
        LocalDate from = joinedPartyOn != null ? joinedPartyOn : registeredOn;
        if (memberships.isEmpty()) {
            memberships.add(new Membership(organizationId, from, ENDED.contains(status) ? registeredOn : null,
                    "registered"));
        }
        else {
            // Later facts arrived first: the registration fills the time before them.
            Membership first = memberships.get(0);
            if (first.from() != null && from.isBefore(first.from())) {
                memberships.add(0, new Membership(organizationId, from, first.from(), "registered"));
            }
        }
        refreshCurrent();
        return true;
    }

    public boolean stageChanged(String organizationId, String to, LocalDate effectiveOn) {
        ensureKnownIn(organizationId, effectiveOn);
        boolean changed = false;
        if (PROBATIONARY.equals(to) && (partyMemberSince == null || effectiveOn.isBefore(partyMemberSince))) {
            partyMemberSince = effectiveOn;
            changed = true;
        }
        if (FULL.equals(to)) {
            if (fullMemberSince == null || !fullMemberSince.equals(effectiveOn)) {
                fullMemberSince = effectiveOn;
                changed = true;
            }
            if (partyMemberSince == null) {
                partyMemberSince = effectiveOn;
            }
        }
        if (stageChangedOn == null || !effectiveOn.isBefore(stageChangedOn)) {
            changed |= !to.equals(stage);
            stage = to;
            stageChangedOn = effectiveOn;
        }
        return changed;
    }

    /**
     * Death, leaving, lapsing end the membership on the effective date; a return to ACTIVE opens a
     * new interval. TRANSFERRING changes nothing about where the member belongs.
     */
    public boolean statusChanged(String organizationId, String to, LocalDate effectiveOn) {
        ensureKnownIn(organizationId, effectiveOn);
        if (statusChangedOn != null && effectiveOn.isBefore(statusChangedOn)) {
            return false;
        }
        if (to.equals(status) && effectiveOn.equals(statusChangedOn)) {
            return false;
        }
        status = to;
        statusChangedOn = effectiveOn;
        Membership open = openInterval();
        if (ENDED.contains(to) && open != null) {
            memberships.set(memberships.indexOf(open), open.endingOn(effectiveOn));
        }
        else if (ACTIVE.equals(to) && open == null) {
            memberships.add(new Membership(organizationId, effectiveOn, null, "status:" + effectiveOn));
        }
        sortAndRefresh();
        return true;
    }

    /**
     * The member moved to another organisation on {@code effectiveOn}: the interval covering that
     * day is split, so attendance expected before stays with the old organisation.
     */
    public boolean transferred(String transferId, String fromOrganizationId, String toOrganizationId,
            LocalDate effectiveOn) {
        if (memberships.stream().anyMatch(m -> transferId.equals(m.cause()))) {
            return false;
        }
        Membership covering = memberships.stream().filter(m -> m.covers(effectiveOn)).findFirst().orElse(null);
        if (covering != null) {
            int at = memberships.indexOf(covering);
            memberships.set(at, covering.endingOn(effectiveOn));
            memberships.add(new Membership(toOrganizationId, effectiveOn, covering.to(), transferId));
        }
        else {
            LocalDate nextStart = memberships.stream().map(Membership::from)
                    .filter(f -> f != null && f.isAfter(effectiveOn)).min(Comparator.naturalOrder()).orElse(null);
            if (memberships.isEmpty()) {
                memberships.add(new Membership(fromOrganizationId, null, effectiveOn, "before:" + transferId));
            }
            memberships.add(new Membership(toOrganizationId, effectiveOn, nextStart, transferId));
        }
        sortAndRefresh();
        return true;
    }

    /** Whether the member belonged to one of {@code organizationIds} on {@code day}. */
    public boolean belongedTo(java.util.Collection<String> organizationIds, LocalDate day) {
        return organizationAt(day) != null && organizationIds.contains(organizationAt(day));
    }

    /** The organisation the member belonged to on {@code day}, or null. */
    public String organizationAt(LocalDate day) {
        return memberships.stream().filter(m -> m.covers(day)).map(Membership::organizationId).reduce((a, b) -> b)
                .orElse(null);
    }

    /** Expected at organisation life on {@code day}: a party member (probationary or full) then. */
    public boolean partyMemberOn(LocalDate day) {
        return partyMemberSince != null && !day.isBefore(partyMemberSince);
    }

    /** A voting member on {@code day}: a full member then (probationary members do not vote). */
    public boolean votingOn(LocalDate day) {
        return fullMemberSince != null && !day.isBefore(fullMemberSince);
    }

    private void ensureKnownIn(String organizationId, LocalDate since) {
        if (memberships.isEmpty()) {
            // A fact about a member whose registration has not arrived (yet): remember where they are.
            memberships.add(new Membership(organizationId, since, null, "observed"));
            refreshCurrent();
        }
    }

    private Membership openInterval() {
        return memberships.stream().filter(m -> m.to() == null).reduce((a, b) -> b).orElse(null);
    }

    private void sortAndRefresh() {
        memberships.sort(Comparator.comparing(Membership::from, Comparator.nullsFirst(Comparator.naturalOrder())));
        refreshCurrent();
    }

    private void refreshCurrent() {
        if (!memberships.isEmpty()) {
            organizationId = memberships.get(memberships.size() - 1).organizationId();
        }
    }

    public String getId() {
        return id;
    }

    public Long getVersion() {
        return version;
    }

    public String getName() {
        return name;
    }

    public String getUsername() {
        return username;
    }

    public String getOrganizationId() {
        return organizationId;
    }

    public String getStage() {
        return stage;
    }

    public String getStatus() {
        return status;
    }

    public LocalDate getPartyMemberSince() {
        return partyMemberSince;
    }

    public LocalDate getFullMemberSince() {
        return fullMemberSince;
    }

    public boolean isRegistered() {
        return registered;
    }

    public List<Membership> getMemberships() {
        return List.copyOf(memberships);
    }
}

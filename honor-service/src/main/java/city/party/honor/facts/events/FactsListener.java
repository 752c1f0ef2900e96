package city.party.honor.facts.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import city.party.honor.facts.application.Facts;
import city.party.platform.events.Events;
import city.party.platform.events.InvalidEventException;
import city.party.platform.events.ProcessedEvents;
import io.cloudevents.CloudEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Keeps the read models of other services' facts. Each record takes effect once (by {@code ce_id});
 * the effects themselves also ignore stale facts, so a replay from the dead-letter topic or a
 * late record cannot turn a newer fact back. A body that does not carry what its type promises is
 * poison and goes to the dead-letter topic; types this service does not need are skipped.
 */
@Component
class FactsListener {

    private static final Logger log = LoggerFactory.getLogger(FactsListener.class);

    static final Set<String> ATTENDANCES = Set.of("PRESENT", "ON_LEAVE", "ABSENT", "MADE_UP");
    static final Set<String> GRADES = Set.of("EXCELLENT", "QUALIFIED", "BASICALLY_QUALIFIED", "UNQUALIFIED");

    private final ProcessedEvents processed;
    private final Facts facts;

    FactsListener(ProcessedEvents processed, Facts facts) {
        this.processed = processed;
        this.facts = facts;
    }

    record OrganizationCreated(String organizationId, String name, String type, String parentId, String path) {
    }

    record OrganizationRenamed(String organizationId, String name) {
    }

    record OrganizationMoved(String organizationId, String newParentId, String oldPath, String newPath) {
    }

    record OrganizationDissolved(String organizationId) {
    }

    record MemberRegistered(String memberId, String name, String organizationId, String stage, String status,
            String username) {
    }

    record MemberChanged(String memberId, String organizationId, String to, LocalDate effectiveOn) {
    }

    record MemberTransferred(String memberId, String toOrganizationId, LocalDate effectiveOn) {
    }

    record TransferIssued(String memberId, String transferId) {
    }

    record TransferClosed(String memberId, String transferId, String outcome) {
    }

    record ActivityHeld(String activityId, String kind, List<String> organizationIds, Instant heldAt, String topic) {
    }

    record AttendanceRecorded(String activityId, String kind, String organizationId, String memberId,
            String attendance, Instant heldAt) {
    }

    record AppraisalRecorded(String activityId, String organizationId, String memberId, Integer year, String grade) {
    }

    /*
     * Two listener containers (two consumers of the one group, each with its own thread): a member
     * import publishes tens of thousands of member events, and with one consumer for all three topics
     * the activity facts a nomination's eligibility needs waited behind that backlog for minutes.
     * Nothing depends on the order between the two: each effect ignores stale facts and an attendance
     * does not need its member's facts to be there first.
     */
    @KafkaListener(topics = { "party.organizations", "party.members" }, batch = "true")
    void onDirectory(List<ConsumerRecord<String, CloudEvent>> records) {
        processed.handleEachOnceBlocking(records, this::effectOf);
    }

    @KafkaListener(topics = "party.activities", batch = "true")
    void onActivities(List<ConsumerRecord<String, CloudEvent>> records) {
        processed.handleEachOnceBlocking(records, this::effectOf);
    }

    /** The effect of one record, null for types this service does not need; poison throws. */
    Mono<?> effectOf(ConsumerRecord<String, CloudEvent> record) {
        CloudEvent event = record.value();
        if (event == null || event.getType() == null || event.getId() == null) {
            throw new InvalidEventException("record at " + record.topic() + "/" + record.partition() + "@"
                    + record.offset() + " is not a CloudEvent");
        }
        Instant at = event.getTime() != null ? event.getTime().toInstant() : Instant.EPOCH;
        Mono<?> effect = effect(event, at);
        if (effect == null) {
            log.debug("skipping {} (not needed by honor-service)", event.getType());
        }
        return effect;
    }

    /** The effect of one event on the read models, or null for types this service ignores. */
    Mono<?> effect(CloudEvent event, Instant at) {
        return switch (event.getType()) {
            case "party.organization.created.v1" -> {
                OrganizationCreated e = Events.data(event, OrganizationCreated.class);
                require(event, e.organizationId(), e.name(), e.type(), e.path());
                yield facts.organizationCreated(e.organizationId(), e.name(), e.type(), e.parentId(), e.path(), at);
            }
            case "party.organization.renamed.v1" -> {
                OrganizationRenamed e = Events.data(event, OrganizationRenamed.class);
                require(event, e.organizationId(), e.name());
                yield facts.organization(e.organizationId(), org -> org.renamed(e.name(), at));
            }
            case "party.organization.moved.v1" -> {
                OrganizationMoved e = Events.data(event, OrganizationMoved.class);
                require(event, e.organizationId(), e.oldPath(), e.newPath());
                yield facts.organizationMoved(e.organizationId(), e.newParentId(), e.oldPath(), e.newPath(), at);
            }
            case "party.organization.dissolved.v1" -> {
                OrganizationDissolved e = Events.data(event, OrganizationDissolved.class);
                require(event, e.organizationId());
                yield facts.organization(e.organizationId(), org -> org.dissolved());
            }
            case "party.member.registered.v1" -> {
                MemberRegistered e = Events.data(event, MemberRegistered.class);
                require(event, e.memberId(), e.name(), e.organizationId(), e.stage(), e.status());
                yield facts.member(e.memberId(), m -> m.registered(e.name(), e.organizationId(), e.stage(),
                        e.status(), e.username()));
            }
            case "party.member.stage-changed.v1" -> {
                MemberChanged e = Events.data(event, MemberChanged.class);
                require(event, e.memberId(), e.to(), e.effectiveOn());
                yield facts.member(e.memberId(), m -> m.stageChanged(e.organizationId(), e.to(), e.effectiveOn()));
            }
            case "party.member.status-changed.v1" -> {
                MemberChanged e = Events.data(event, MemberChanged.class);
                require(event, e.memberId(), e.to(), e.effectiveOn());
                yield facts.member(e.memberId(), m -> m.statusChanged(e.organizationId(), e.to(), e.effectiveOn()));
            }
            case "party.member.transferred.v1" -> {
                MemberTransferred e = Events.data(event, MemberTransferred.class);
                require(event, e.memberId(), e.toOrganizationId(), e.effectiveOn());
                yield facts.member(e.memberId(), m -> m.transferred(e.toOrganizationId(), e.effectiveOn()));
            }
            case "party.member.transfer-issued.v1" -> {
                TransferIssued e = Events.data(event, TransferIssued.class);
                require(event, e.memberId());
                yield facts.member(e.memberId(), m -> m.transferIssued(cityDay(at)));
            }
            case "party.member.transfer-closed.v1" -> {
                TransferClosed e = Events.data(event, TransferClosed.class);
                require(event, e.memberId());
                yield facts.member(e.memberId(), m -> m.transferDecided(cityDay(at)));
            }
            case "party.activity.held.v1" -> {
                ActivityHeld e = Events.data(event, ActivityHeld.class);
                require(event, e.activityId(), e.kind(), e.heldAt());
                yield facts.activityHeld(e.activityId(), e.kind(), e.organizationIds(), e.heldAt(), e.topic());
            }
            case "party.activity.attendance-recorded.v1" -> {
                AttendanceRecorded e = Events.data(event, AttendanceRecorded.class);
                require(event, e.activityId(), e.kind(), e.memberId(), e.attendance(), e.heldAt());
                if (!ATTENDANCES.contains(e.attendance())) {
                    throw new InvalidEventException("event " + event.getId() + ": unknown attendance " + e.attendance());
                }
                yield facts.attendance(e.activityId(), e.memberId(), a -> a.recorded(e.organizationId(), e.kind(),
                        e.attendance(), e.heldAt(), at));
            }
            case "party.activity.appraisal-recorded.v1" -> {
                AppraisalRecorded e = Events.data(event, AppraisalRecorded.class);
                require(event, e.activityId(), e.memberId(), e.year(), e.grade());
                if (!GRADES.contains(e.grade())) {
                    throw new InvalidEventException("event " + event.getId() + ": unknown grade " + e.grade());
                }
                yield facts.appraisal(e.activityId(), e.memberId(), a -> a.recorded(e.organizationId(), e.year(),
                        e.grade(), at));
            }
            default -> null;
        };
    }

    /** The day (city time) an event without an effective date of its own happened. */
    private static LocalDate cityDay(Instant at) {
        return at.atZone(city.party.honor.nomination.domain.EligibilityRules.CITY_ZONE).toLocalDate();
    }

    private static void require(CloudEvent event, Object... values) {
        for (Object value : values) {
            if (value == null || (value instanceof String s && s.isBlank())) {
                throw new InvalidEventException("event " + event.getId() + " of type " + event.getType()
                        + " lacks a required field");
            }
        }
    }
}

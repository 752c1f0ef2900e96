package city.party.donation.directory;

import java.time.Instant;
import java.util.List;

import city.party.platform.events.Events;
import city.party.platform.events.InvalidEventException;
import city.party.platform.events.ProcessedEvents;
import io.cloudevents.CloudEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Keeps the {@link Directory} in step with member-service's facts. Exactly once in effect:
 * {@link ProcessedEvents} skips redelivered {@code ce_id}s and every write is itself safe to repeat;
 * unknown types are skipped (member-service may add some), bodies that break the contract go to
 * the dead-letter topic.
 */
@Component
class DirectoryListener {

    record Created(String organizationId, String name, String type, String parentId, String path) {
    }

    record Renamed(String organizationId, String newName) {
    }

    record Moved(String organizationId, String newParentId, String oldPath, String newPath) {
    }

    record Dissolved(String organizationId) {
    }

    record Registered(String memberId, String name, String organizationId, String stage, String status,
            String username) {
    }

    record StageChanged(String memberId, String organizationId, String to) {
    }

    record StatusChanged(String memberId, String organizationId, String to) {
    }

    record Transferred(String memberId, String toOrganizationId) {
    }

    private final Directory directory;
    private final ProcessedEvents processed;

    DirectoryListener(Directory directory, ProcessedEvents processed) {
        this.directory = directory;
        this.processed = processed;
    }

    /** A poll at a time: {@link ProcessedEvents} keeps its books per poll, not per record. */
    @KafkaListener(topics = { "party.organizations", "party.members" }, batch = "true")
    void on(List<ConsumerRecord<String, CloudEvent>> records) {
        processed.handleEachOnceBlocking(records, this::effectOf);
    }

    /** The effect of one record (applied lazily); poison throws when the effect runs. */
    Mono<Void> effectOf(ConsumerRecord<String, CloudEvent> record) {
        CloudEvent event = record.value();
        if (event == null || event.getType() == null || event.getId() == null) {
            throw new InvalidEventException("record at " + record.topic() + "/" + record.partition() + "@"
                    + record.offset() + " is not a CloudEvent");
        }
        Instant at = event.getTime() != null ? event.getTime().toInstant() : Instant.EPOCH;
        return Mono.defer(() -> apply(event, at));
    }

    Mono<Void> apply(CloudEvent event, Instant at) {
        return switch (event.getType()) {
            case "party.organization.created.v1" -> {
                Created e = require(Events.data(event, Created.class), event);
                if (e.organizationId() == null || e.path() == null || e.type() == null) {
                    throw invalid(event);
                }
                yield directory.organizationCreated(e.organizationId(), e.name(), e.type(), e.parentId(), e.path(),
                        at);
            }
            case "party.organization.renamed.v1" -> {
                Renamed e = require(Events.data(event, Renamed.class), event);
                yield directory.organizationRenamed(need(e.organizationId(), event), e.newName(), at);
            }
            case "party.organization.moved.v1" -> {
                Moved e = require(Events.data(event, Moved.class), event);
                if (e.oldPath() == null || e.newPath() == null) {
                    throw invalid(event);
                }
                yield directory.organizationMoved(need(e.organizationId(), event), e.newParentId(), e.oldPath(),
                        e.newPath(), at);
            }
            case "party.organization.dissolved.v1" -> {
                Dissolved e = require(Events.data(event, Dissolved.class), event);
                yield directory.organizationDissolved(need(e.organizationId(), event), at);
            }
            case "party.member.registered.v1" -> {
                Registered e = require(Events.data(event, Registered.class), event);
                yield directory.memberRegistered(need(e.memberId(), event), e.name(), e.organizationId(), e.stage(),
                        e.status(), e.username(), at);
            }
            case "party.member.stage-changed.v1" -> {
                StageChanged e = require(Events.data(event, StageChanged.class), event);
                yield directory.memberStageChanged(need(e.memberId(), event), e.organizationId(), e.to(), at);
            }
            case "party.member.status-changed.v1" -> {
                StatusChanged e = require(Events.data(event, StatusChanged.class), event);
                yield directory.memberStatusChanged(need(e.memberId(), event), e.organizationId(), e.to(), at);
            }
            case "party.member.transferred.v1" -> {
                Transferred e = require(Events.data(event, Transferred.class), event);
                yield directory.memberTransferred(need(e.memberId(), event), need(e.toOrganizationId(), event), at);
            }
            default -> Mono.empty();
        };
    }

    private static <T> T require(T body, CloudEvent event) {
        if (body == null) {
            throw invalid(event);
        }
        return body;
    }

    private static String need(String value, CloudEvent event) {
        if (value == null || value.isBlank()) {
            throw invalid(event);
        }
        return value;
    }

    private static InvalidEventException invalid(CloudEvent event) {
        return new InvalidEventException("event " + event.getId() + " of type " + event.getType()
                + " lacks a field its schema requires");
    }
}

package city.party.activity.readmodel.application;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import city.party.activity.readmodel.domain.MemberRecord;
import city.party.activity.readmodel.domain.OrganizationNode;
import city.party.activity.readmodel.events.MemberServiceEvents.MemberRegistered;
import city.party.activity.readmodel.events.MemberServiceEvents.OrganizationCreated;
import city.party.activity.readmodel.events.MemberServiceEvents.OrganizationDissolved;
import city.party.activity.readmodel.events.MemberServiceEvents.OrganizationMoved;
import city.party.activity.readmodel.events.MemberServiceEvents.OrganizationRenamed;
import city.party.activity.readmodel.events.MemberServiceEvents.StageChanged;
import city.party.activity.readmodel.events.MemberServiceEvents.StatusChanged;
import city.party.activity.readmodel.events.MemberServiceEvents.Transferred;
import city.party.platform.events.Events;
import city.party.platform.events.InvalidEventException;
import io.cloudevents.CloudEvent;
import org.bson.Document;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * Applies member-service events to the read model. Every effect is safe to repeat (upserts,
 * version-checked replacements, path rewrites conditioned on the old path), as
 * {@code ProcessedEvents} records an event only after its effect.
 */
@Service
public class ReadModelUpdater {

    public static final ZoneId CITY_ZONE = ZoneId.of("Asia/Shanghai");

    private static final Set<String> TYPES = Set.of("party.organization.created.v1", "party.organization.renamed.v1",
            "party.organization.moved.v1", "party.organization.dissolved.v1", "party.member.registered.v1",
            "party.member.stage-changed.v1", "party.member.status-changed.v1", "party.member.transferred.v1");

    private final ReactiveMongoTemplate mongo;
    private final org.springframework.beans.factory.ObjectProvider<PathRewriter> pathRewriters;

    public ReadModelUpdater(ReactiveMongoTemplate mongo,
            org.springframework.beans.factory.ObjectProvider<PathRewriter> pathRewriters) {
        this.mongo = mongo;
        this.pathRewriters = pathRewriters;
    }

    /** Other stores that keep organisation paths (for scope in queries) and must follow a move. */
    public interface PathRewriter {
        Mono<Void> rewrite(String oldPath, String newPath);
    }

    public boolean understands(String type) {
        return TYPES.contains(type);
    }

    public Mono<?> apply(CloudEvent event) {
        Instant time = event.getTime() != null ? event.getTime().toInstant() : Instant.now();
        return switch (event.getType()) {
            case "party.organization.created.v1" -> created(require(Events.data(event, OrganizationCreated.class),
                    OrganizationCreated::organizationId, OrganizationCreated::type, OrganizationCreated::path), time);
            case "party.organization.renamed.v1" -> renamed(require(Events.data(event, OrganizationRenamed.class),
                    OrganizationRenamed::organizationId, OrganizationRenamed::newName), time);
            case "party.organization.moved.v1" -> moved(require(Events.data(event, OrganizationMoved.class),
                    OrganizationMoved::organizationId, OrganizationMoved::oldPath, OrganizationMoved::newPath));
            case "party.organization.dissolved.v1" -> dissolved(require(
                    Events.data(event, OrganizationDissolved.class), OrganizationDissolved::organizationId), time);
            case "party.member.registered.v1" -> {
                MemberRegistered e = require(Events.data(event, MemberRegistered.class), MemberRegistered::memberId,
                        MemberRegistered::organizationId, MemberRegistered::stage, MemberRegistered::status);
                LocalDate on = time.atZone(CITY_ZONE).toLocalDate();
                yield member(e.memberId(), m -> m.registered(e.name(), e.organizationId(), e.stage(), e.status(),
                        e.joinedPartyOn(), e.fullMemberOn(), e.username(), on));
            }
            case "party.member.stage-changed.v1" -> {
                StageChanged e = require(Events.data(event, StageChanged.class), StageChanged::memberId,
                        StageChanged::organizationId, StageChanged::to, StageChanged::effectiveOn);
                yield member(e.memberId(), m -> m.stageChanged(e.organizationId(), e.to(), e.effectiveOn()));
            }
            case "party.member.status-changed.v1" -> {
                StatusChanged e = require(Events.data(event, StatusChanged.class), StatusChanged::memberId,
                        StatusChanged::organizationId, StatusChanged::to, StatusChanged::effectiveOn);
                yield member(e.memberId(), m -> m.statusChanged(e.organizationId(), e.to(), e.effectiveOn()));
            }
            case "party.member.transferred.v1" -> {
                Transferred e = require(Events.data(event, Transferred.class), Transferred::memberId,
                        Transferred::transferId, Transferred::toOrganizationId, Transferred::effectiveOn);
                yield member(e.memberId(), m -> m.transferred(e.transferId(), e.fromOrganizationId(),
                        e.toOrganizationId(), e.effectiveOn()));
            }
            default -> Mono.empty();
        };
    }

    @SafeVarargs
    private static <T> T require(T data, Function<T, Object>... fields) {
        for (Function<T, Object> field : fields) {
            Object value = field.apply(data);
            if (value == null || value instanceof String s && s.isBlank()) {
                throw new InvalidEventException("event body lacks a required field: " + data);
            }
        }
        return data;
    }

    private Mono<?> created(OrganizationCreated e, Instant time) {
        // The parent's path as we know it wins over the event's: a parent moved after this child was
        // created may have been applied first (different keys, different partitions).
        Mono<String> path = e.parentId() == null ? Mono.just(e.path())
                : mongo.findById(e.parentId(), OrganizationNode.class)
                        .map(parent -> parent.getPath() + "/" + e.organizationId()).defaultIfEmpty(e.path());
        return path.flatMap(p -> mongo.upsert(query(where("_id").is(e.organizationId())), new Update()
                .set("name", e.name()).set("type", e.type()).set("parentId", e.parentId()).set("path", p)
                .setOnInsert("createdAt", time)
                .setOnInsert("createdOn", time.atZone(CITY_ZONE).toLocalDate()), OrganizationNode.class));
    }

    private Mono<?> renamed(OrganizationRenamed e, Instant time) {
        Query newer = query(where("_id").is(e.organizationId()).orOperator(where("renamedAt").exists(false),
                where("renamedAt").is(null), where("renamedAt").lte(time)));
        return mongo.updateFirst(newer, new Update().set("name", e.newName()).set("renamedAt", time),
                OrganizationNode.class);
    }

    /** Rewrites the subtree's paths; a redelivered move finds nothing under the old path any more. */
    private Mono<?> moved(OrganizationMoved e) {
        String oldPath = e.oldPath();
        String newPath = e.newPath();
        Query subtree = query(where("path").regex("^" + Pattern.quote(oldPath) + "(/|$)"));
        Mono<Void> nodes = mongo.find(subtree, Document.class, "organizations")
                .concatMap(doc -> mongo.updateFirst(query(where("_id").is(doc.get("_id")).and("path")
                        .is(doc.getString("path"))), new Update().set("path",
                                newPath + doc.getString("path").substring(oldPath.length())), OrganizationNode.class))
                .then();
        Mono<Void> parent = e.newParentId() == null ? Mono.empty()
                : mongo.updateFirst(query(where("_id").is(e.organizationId())),
                        new Update().set("parentId", e.newParentId()), OrganizationNode.class).then();
        return nodes.then(parent).thenMany(Flux.fromStream(pathRewriters::orderedStream))
                .concatMap(rewriter -> rewriter.rewrite(oldPath, newPath)).then();
    }

    private Mono<?> dissolved(OrganizationDissolved e, Instant time) {
        return mongo.updateFirst(query(where("_id").is(e.organizationId()).and("dissolvedAt").is(null)),
                new Update().set("dissolvedAt", time).set("dissolvedOn", time.atZone(CITY_ZONE).toLocalDate()),
                OrganizationNode.class);
    }

    /** Load, apply, save with the version check; a concurrent writer makes it start over. */
    private Mono<?> member(String memberId, Function<MemberRecord, Boolean> change) {
        return Mono.defer(() -> mongo.findById(memberId, MemberRecord.class)
                .defaultIfEmpty(new MemberRecord(memberId))
                .flatMap(member -> change.apply(member) || member.getVersion() == null ? mongo.save(member)
                        : Mono.just(member)))
                .retryWhen(Retry.max(3).filter(OptimisticLockingFailureException.class::isInstance));
    }
}

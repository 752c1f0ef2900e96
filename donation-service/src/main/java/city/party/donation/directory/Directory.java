package city.party.donation.directory;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * The local read model of member-service's organisation tree and register, and the questions
 * donations ask of it: which unit a member belongs to, whether they are inside a campaign's
 * subtree, how many members each unit has.
 *
 * <p>Writes are idempotent and tolerate old events: every guarded write only applies when the event
 * is at least as new as what the record already reflects ({@code lastEventAt}); an upsert that meets
 * a newer record fails on the id and is dropped.
 */
@Component
public class Directory {

    private final ReactiveMongoTemplate mongo;
    private final city.party.donation.config.ShortCache<String, OrganizationRecord> organizations;

    public Directory(ReactiveMongoTemplate mongo, java.time.Clock clock,
            @org.springframework.beans.factory.annotation.Value("${donation.cache.organizations-ttl:10s}")
            java.time.Duration organizationsTtl) {
        this.mongo = mongo;
        // The tree changes rarely and is read on every donation; organisation events evict it at once.
        this.organizations = new city.party.donation.config.ShortCache<>(organizationsTtl, 50_000, clock);
    }

    /** A member placed in the tree: their organisation and its unit (UNIT ancestor, itself included). */
    public record Placement(MemberRecord member, OrganizationRecord organization, OrganizationRecord unit) {
    }

    // ---- queries -------------------------------------------------------------------------------

    public Mono<MemberRecord> member(String memberId) {
        return mongo.findById(memberId, MemberRecord.class);
    }

    public Flux<MemberRecord> membersWithUsername(String username) {
        return mongo.find(query(where("username").is(username)), MemberRecord.class);
    }

    public Mono<OrganizationRecord> organization(String id) {
        return organizations.get(id, key -> mongo.findById(key, OrganizationRecord.class));
    }

    public Mono<Map<String, OrganizationRecord>> allOrganizations() {
        return mongo.findAll(OrganizationRecord.class).collectMap(OrganizationRecord::id);
    }

    /** Where a member sits now; empty when the member or their organisation is not known (yet). */
    public Mono<Placement> placement(String memberId) {
        return member(memberId).flatMap(member -> member.organizationId() == null ? Mono.empty()
                : organization(member.organizationId()).flatMap(org -> {
                    List<String> ancestry = segments(org.path());
                    return Flux.fromIterable(ancestry).concatMap(this::organization)
                            .collectMap(OrganizationRecord::id).map(byId -> {
                                OrganizationRecord unit = nearestUnit(ancestry, byId);
                                return new Placement(member, org, unit);
                            });
                }));
    }

    /** The UNIT nearest to the organisation on its path (itself included), or null. */
    public static OrganizationRecord nearestUnit(List<String> ancestry, Map<String, OrganizationRecord> byId) {
        for (int i = ancestry.size() - 1; i >= 0; i--) {
            OrganizationRecord candidate = byId.get(ancestry.get(i));
            if (candidate != null && candidate.isUnit()) {
                return candidate;
            }
        }
        return null;
    }

    /** {@code /city/unit-a/branch-a1} → [city, unit-a, branch-a1]: path segments are organisation ids. */
    public static List<String> segments(String path) {
        if (path == null || path.isBlank()) {
            return List.of();
        }
        return Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
    }

    public static boolean within(String path, String rootPath) {
        return path != null && rootPath != null && (path.equals(rootPath) || path.startsWith(rootPath + "/"));
    }

    /** Current party members per organisation and per unit within a subtree. */
    public record MemberCounts(Map<String, Long> byOrganization, Map<String, Long> byUnit,
            Map<String, OrganizationRecord> organizations) {
    }

    /**
     * Current party members per organisation and per unit within the subtree at {@code rootPath}:
     * the denominators of participation rates. Counted in the database per organisation, then
     * rolled up to units (nearest UNIT on the path; an organisation outside any unit counts as its own).
     */
    public Mono<MemberCounts> memberCounts(String rootPath) {
        Aggregation count = Aggregation.newAggregation(
                Aggregation.match(where("status").in(MemberRecord.BELONGING).and("stage")
                        .in(MemberRecord.PARTY_MEMBER_STAGES)),
                Aggregation.group("organizationId").count().as("members"));
        return Mono.zip(allOrganizations(),
                mongo.aggregate(count, "directory_members", Document.class).collectList()).map(t -> {
                    Map<String, OrganizationRecord> orgs = t.getT1();
                    Map<String, Long> byOrganization = new HashMap<>();
                    Map<String, Long> byUnit = new HashMap<>();
                    for (Document row : t.getT2()) {
                        OrganizationRecord org = orgs.get(row.getString("_id"));
                        if (org == null || !within(org.path(), rootPath)) {
                            continue;
                        }
                        long members = ((Number) row.get("members")).longValue();
                        byOrganization.merge(org.id(), members, Long::sum);
                        byUnit.merge(unitOf(org, orgs), members, Long::sum);
                    }
                    return new MemberCounts(byOrganization, byUnit, orgs);
                });
    }

    public Mono<Map<String, Long>> memberCountsByUnit(String rootPath) {
        return memberCounts(rootPath).map(MemberCounts::byUnit);
    }

    /** The id of the unit an organisation belongs to (itself when it lies outside any unit). */
    public static String unitOf(OrganizationRecord org, Map<String, OrganizationRecord> orgs) {
        OrganizationRecord unit = nearestUnit(segments(org.path()), orgs);
        return unit == null ? org.id() : unit.id();
    }

    // ---- event application ---------------------------------------------------------------------

    public Mono<Void> organizationCreated(String id, String name, String type, String parentId, String path,
            Instant at) {
        return guarded("directory_organizations", id, at, new Update().set("name", name).set("type", type)
                .set("parentId", parentId).set("path", path).set("dissolved", false));
    }

    public Mono<Void> organizationRenamed(String id, String newName, Instant at) {
        return guarded("directory_organizations", id, at, new Update().set("name", newName));
    }

    public Mono<Void> organizationDissolved(String id, Instant at) {
        return guarded("directory_organizations", id, at, new Update().set("dissolved", true));
    }

    /** The organisation and its whole subtree now live under {@code newPath}. */
    public Mono<Void> organizationMoved(String id, String newParentId, String oldPath, String newPath, Instant at) {
        Query subtree = query(new Criteria().orOperator(where("path").is(oldPath),
                where("path").regex("^" + java.util.regex.Pattern.quote(oldPath + "/"))));
        Mono<Void> rewrite = mongo.find(subtree, OrganizationRecord.class)
                .concatMap(org -> mongo.updateFirst(query(where("_id").is(org.id()).and("path").is(org.path())),
                        new Update().set("path", newPath + org.path().substring(oldPath.length())),
                        OrganizationRecord.class))
                .then().doFinally(s -> organizations.clear());
        return rewrite.then(guarded("directory_organizations", id, at,
                new Update().set("parentId", newParentId).set("path", newPath)));
    }

    public Mono<Void> memberRegistered(String id, String name, String organizationId, String stage, String status,
            String username, Instant at) {
        // Name and account come only with the registration: always take them, whatever came first.
        Update identity = new Update().set("name", name).set("username", username);
        return upsertIgnoringRace(query(where("_id").is(id)), identity, "directory_members")
                .then(guarded("directory_members", id, at, new Update().set("organizationId", organizationId)
                        .set("stage", stage).set("status", status)));
    }

    public Mono<Void> memberStageChanged(String id, String organizationId, String stage, Instant at) {
        return guarded("directory_members", id, at, new Update().set("organizationId", organizationId)
                .set("stage", stage));
    }

    public Mono<Void> memberStatusChanged(String id, String organizationId, String status, Instant at) {
        return guarded("directory_members", id, at, new Update().set("organizationId", organizationId)
                .set("status", status));
    }

    public Mono<Void> memberTransferred(String id, String toOrganizationId, Instant at) {
        return guarded("directory_members", id, at, new Update().set("organizationId", toOrganizationId));
    }

    private Mono<Void> guarded(String collection, String id, Instant at, Update update) {
        if ("directory_organizations".equals(collection)) {
            return guardedWrite(collection, id, at, update).doFinally(s -> organizations.clear());
        }
        return guardedWrite(collection, id, at, update);
    }

    private Mono<Void> guardedWrite(String collection, String id, Instant at, Update update) {
        Query notNewer = query(where("_id").is(id).orOperator(where("lastEventAt").exists(false),
                where("lastEventAt").is(null), where("lastEventAt").lte(at)));
        return upsertIgnoringRace(notNewer, update.set("lastEventAt", at), collection);
    }

    private Mono<Void> upsertIgnoringRace(Query query, Update update, String collection) {
        // A record that exists but did not match is newer than this event: the insert the upsert
        // attempts fails on the id, which is exactly "ignore the older event".
        return mongo.upsert(query, update, collection).then()
                .onErrorResume(DuplicateKeyException.class, e -> Mono.empty());
    }


}

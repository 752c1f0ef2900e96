package city.party.activity.readmodel.application;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

import city.party.activity.readmodel.domain.MemberRecord;
import city.party.activity.readmodel.domain.OrganizationNode;
import city.party.platform.security.CallerScope;
import city.party.platform.web.ProblemException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/** Questions answered from the read model: organisations in scope, members of a subtree on a day. */
@Service
public class Directory {

    public static final java.time.ZoneId CITY_ZONE = java.time.ZoneId.of("Asia/Shanghai");

    private final ReactiveMongoTemplate mongo;

    public Directory(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** The organisation if it exists and the caller may see it; 404 otherwise (scope hides existence). */
    public Mono<OrganizationNode> organizationInScope(String id, CallerScope caller) {
        return mongo.findOne(query(new Criteria().andOperator(where("_id").is(id),
                caller.organizationCriteria("path"))), OrganizationNode.class)
                .switchIfEmpty(Mono.error(ProblemException.notFound("organization", id)));
    }

    public Mono<OrganizationNode> organization(String id) {
        return mongo.findById(id, OrganizationNode.class);
    }

    /** The organisation and everything below it, in path order. */
    public Flux<OrganizationNode> subtree(String path) {
        return mongo.find(query(subtreeCriteria("path", path)).with(Sort.by("path")), OrganizationNode.class);
    }

    public static Criteria subtreeCriteria(String field, String path) {
        return where(field).regex("^" + Pattern.quote(path) + "(/|$)");
    }

    /**
     * Party members (probationary or full) who belonged to one of {@code organizationIds} on
     * {@code day} — the expected attendees of an activity held that day.
     */
    public Flux<MemberRecord> partyMembersOn(Collection<String> organizationIds, LocalDate day) {
        return mongo.find(query(where("memberships.organizationId").in(organizationIds)).with(Sort.by("name", "_id")),
                MemberRecord.class)
                .filter(m -> m.belongedTo(organizationIds, day) && m.partyMemberOn(day));
    }

    /** The member record of a caller with the member role (matched by account name). */
    public Mono<MemberRecord> memberOf(CallerScope caller) {
        return mongo.findOne(query(where("username").is(caller.username())), MemberRecord.class);
    }

    public Mono<List<String>> subtreeIds(String path) {
        return subtree(path).map(OrganizationNode::getId).collectList();
    }
}

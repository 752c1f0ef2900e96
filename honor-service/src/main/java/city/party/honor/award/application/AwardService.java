package city.party.honor.award.application;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import city.party.honor.award.domain.Award;
import city.party.platform.security.CallerScope;
import city.party.platform.security.Roles;
import city.party.platform.web.ProblemException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/** The honor roll (光荣榜): awards that stand, for everyone; revocation by the work committee. */
@Service
public class AwardService {

    private final ReactiveMongoTemplate mongo;
    private final Clock clock;

    AwardService(ReactiveMongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    public record Page(List<Award> content, long totalElements) {
    }

    public Mono<Page> roll(String programId, String unitId, String category, int page, int size) {
        List<Criteria> all = new ArrayList<>(List.of(where("revoked").is(false)));
        if (programId != null) {
            all.add(where("programId").is(programId));
        }
        if (unitId != null) {
            all.add(where("unitId").is(unitId));
        }
        if (category != null) {
            all.add(where("category").is(category));
        }
        Criteria criteria = new Criteria().andOperator(all);
        Query query = Query.query(criteria).with(Sort.by(Sort.Direction.DESC, "awardedAt").and(Sort.by("_id")))
                .skip((long) page * size).limit(size);
        return Mono.zip(mongo.find(query, Award.class).collectList(), mongo.count(Query.query(criteria), Award.class))
                .map(t -> new Page(t.getT1(), t.getT2()));
    }

    public Mono<Award> revoke(String awardId, String reason, CallerScope caller) {
        if (!caller.hasRole(Roles.COMMITTEE_ADMIN)) {
            return Mono.error(new AccessDeniedException("only the work committee revokes honours"));
        }
        return mongo.findById(awardId, Award.class)
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("award", awardId)))
                .flatMap(award -> {
                    award.revoke(reason, caller.username(), clock);
                    return mongo.save(award);
                });
    }
}

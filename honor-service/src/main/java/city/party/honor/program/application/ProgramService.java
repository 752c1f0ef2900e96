package city.party.honor.program.application;

import java.time.Clock;
import java.util.List;

import city.party.honor.program.domain.HonorProgram;
import city.party.honor.program.domain.ProgramDraft;
import city.party.platform.security.CallerScope;
import city.party.platform.security.Roles;
import city.party.platform.web.ProblemException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** Programmes: only the work committee (工委) opens them; everyone signed in may read them. */
@Service
public class ProgramService {

    private final ReactiveMongoTemplate mongo;
    private final Clock clock;

    ProgramService(ReactiveMongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    public record Page(List<HonorProgram> content, long totalElements) {
    }

    public Mono<HonorProgram> create(ProgramDraft draft, CallerScope caller) {
        if (!caller.hasRole(Roles.COMMITTEE_ADMIN)) {
            return Mono.error(new AccessDeniedException("only the work committee opens programmes"));
        }
        return Mono.fromCallable(() -> HonorProgram.create(draft, caller.username(), clock)).flatMap(mongo::insert);
    }

    public Mono<HonorProgram> get(String id) {
        return mongo.findById(id, HonorProgram.class)
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("honor-program", id)));
    }

    public Mono<HonorProgram> save(HonorProgram program) {
        return mongo.save(program);
    }

    public Mono<Page> list(int page, int size) {
        Query query = new Query().with(Sort.by(Sort.Direction.DESC, "opensAt").and(Sort.by("_id")))
                .skip((long) page * size).limit(size);
        return Mono.zip(mongo.find(query, HonorProgram.class).collectList(), mongo.count(new Query(),
                HonorProgram.class)).map(t -> new Page(t.getT1(), t.getT2()));
    }
}

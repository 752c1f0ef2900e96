package city.party.honor.demo;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import city.party.honor.program.domain.Category;
import city.party.honor.program.domain.CategoryKind;
import city.party.honor.program.domain.HonorProgram;
import city.party.honor.program.domain.ProgramDraft;
import city.party.honor.program.domain.Quota;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * One demo programme in its nomination window ({@code honor.demo-data.enabled=true}, set by
 * {@code ./platform up}): the categories of the July-1 commendation and quotas for the demo city's
 * units, so the demo logins can nominate right away. Created once (fixed id); never touches data
 * that exists.
 */
@Component
@ConditionalOnProperty(name = "honor.demo-data.enabled", havingValue = "true")
class DemoProgram {

    static final String ID = "demo-july-first";
    static final String[] UNITS = { "unit-a", "unit-b", "unit-c", "unit-d", "unit-e", "unit-f" };

    private static final Logger log = LoggerFactory.getLogger(DemoProgram.class);

    private final ReactiveMongoTemplate mongo;
    private final Clock clock;

    DemoProgram(ReactiveMongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /** Window: from a week ago to a month ahead (city time), reviews and notice after it. */
    static ProgramDraft draft(Clock clock) {
        ZoneId city = ZoneId.of("Asia/Shanghai");
        LocalDate today = LocalDate.now(clock.withZone(city));
        List<Category> categories = List.of(
                new Category("advanced-primary-organization", "先进基层党组织", CategoryKind.COLLECTIVE),
                new Category("outstanding-member", "优秀共产党员", CategoryKind.INDIVIDUAL),
                new Category("outstanding-party-worker", "优秀党务工作者", CategoryKind.INDIVIDUAL));
        List<Quota> quotas = new ArrayList<>();
        for (String unit : UNITS) {
            quotas.add(new Quota(unit, "advanced-primary-organization", 1));
            quotas.add(new Quota(unit, "outstanding-member", 3));
            quotas.add(new Quota(unit, "outstanding-party-worker", 1));
        }
        return new ProgramDraft(today.getYear() + " 七一表彰（演示）", today.getYear(), categories, quotas,
                today.minusDays(7).atStartOfDay(city).toInstant(), today.plusDays(30).atStartOfDay(city).toInstant(),
                today.plusDays(45).atStartOfDay(city).toInstant(), today.plusDays(60).atStartOfDay(city).toInstant(),
                7);
    }

    @EventListener(ApplicationReadyEvent.class)
    void seed() {
        mongo.findById(ID, HonorProgram.class)
                .switchIfEmpty(Mono.defer(() -> mongo.insert(HonorProgram.create(ID, draft(clock), "demo", clock))
                        .doOnSuccess(p -> log.info("seeded the demo programme {} ({})", p.getName(), ID))))
                .onErrorResume(DuplicateKeyException.class, e -> Mono.empty())
                .doOnError(e -> log.warn("could not seed the demo programme", e))
                .subscribe();
    }
}

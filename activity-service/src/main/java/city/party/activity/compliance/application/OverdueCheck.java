package city.party.activity.compliance.application;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import city.party.activity.compliance.domain.ComplianceCalculator.KindResult;
import city.party.activity.compliance.domain.ComplianceCalculator.WindowResult;
import city.party.activity.compliance.domain.ComplianceStatus;
import city.party.activity.compliance.domain.OverdueNotice;
import city.party.activity.compliance.domain.Period;
import city.party.activity.readmodel.application.Directory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Finds windows that ended without enough activities and raises one warning (and one
 * {@code party.activity.compliance-overdue.v1}) per organisation, kind and window — however often
 * it runs. Daily by schedule, or on demand.
 */
@Service
public class OverdueCheck implements city.party.activity.readmodel.application.ReadModelUpdater.PathRewriter {

    private static final Logger log = LoggerFactory.getLogger(OverdueCheck.class);

    private final ComplianceService compliance;
    private final ReactiveMongoTemplate mongo;
    private final Clock clock;
    private final String rootPath;
    private final java.time.Period lookback;

    OverdueCheck(ComplianceService compliance, ReactiveMongoTemplate mongo, Clock clock,
            @org.springframework.beans.factory.annotation.Value("${activity.compliance.root-path:/city}")
            String rootPath,
            @org.springframework.beans.factory.annotation.Value("${activity.compliance.overdue-lookback:P3M}")
            java.time.Period lookback) {
        this.compliance = compliance;
        this.mongo = mongo;
        this.clock = clock;
        this.rootPath = rootPath;
        this.lookback = lookback;
    }

    public record Outcome(List<String> years, long newlyOverdue) {
    }

    @Scheduled(cron = "${activity.compliance.overdue-check-cron:0 30 1 * * *}", zone = "Asia/Shanghai")
    void scheduled() {
        run().timeout(Duration.ofMinutes(10)).doOnNext(o -> log.info("compliance check: {} new overdue warnings",
                o.newlyOverdue())).onErrorResume(e -> {
                    log.warn("compliance check failed: {}", e.toString());
                    return Mono.empty();
                }).block();
    }

    /** Checks this year and — in its first quarter — last year, whose last windows may just have ended. */
    public Mono<Outcome> run() {
        LocalDate today = LocalDate.now(clock.withZone(Directory.CITY_ZONE));
        List<Integer> years = today.getMonthValue() <= 3 ? List.of(today.getYear() - 1, today.getYear())
                : List.of(today.getYear());
        return Flux.fromIterable(years).concatMap(year -> check(Period.of(year, 1,
                city.party.activity.compliance.domain.Frequency.YEARLY))).reduce(0L, Long::sum)
                .map(count -> new Outcome(years.stream().map(String::valueOf).toList(), count));
    }

    /**
     * Only windows due within the look-back are warned about: the first run after going live (or
     * after a rule change) must not flood the notification channel with last spring's misses.
     */
    private Mono<Long> check(Period year) {
        LocalDate oldest = LocalDate.now(clock.withZone(Directory.CITY_ZONE)).minus(lookback);
        return compliance.evaluateSubtree(rootPath, year).flatMapMany(Flux::fromIterable)
                .concatMap(org -> Flux.fromIterable(org.kinds()).concatMap(kind -> Flux.fromIterable(kind.windows())
                        .filter(w -> w.status() == ComplianceStatus.OVERDUE && !w.dueOn().isBefore(oldest))
                        .concatMap(w -> notice(org, kind, w))))
                .reduce(0L, Long::sum);
    }

    private Mono<Long> notice(ComplianceService.OrganizationResult org, KindResult kind, WindowResult window) {
        OverdueNotice notice = OverdueNotice.detected(org.organizationId(), org.name(), org.path(), kind.kind(),
                window.window(), window.required(), window.held(), window.dueOn(), compliance.rulesVersion(),
                kind.source(), clock);
        return mongo.insert(notice).thenReturn(1L).onErrorResume(DuplicateKeyException.class, e -> Mono.just(0L));
    }

    /** Warnings keep the organisation's path for scope; it follows a move of the organisation. */
    @Override
    public Mono<Void> rewrite(String oldPath, String newPath) {
        return mongo.find(org.springframework.data.mongodb.core.query.Query.query(
                Directory.subtreeCriteria("organizationPath", oldPath)), org.bson.Document.class, "compliance_overdue")
                .concatMap(doc -> mongo.updateFirst(org.springframework.data.mongodb.core.query.Query.query(
                        org.springframework.data.mongodb.core.query.Criteria.where("_id").is(doc.get("_id"))),
                        new org.springframework.data.mongodb.core.query.Update().set("organizationPath",
                                newPath + doc.getString("organizationPath").substring(oldPath.length())),
                        "compliance_overdue"))
                .then();
    }
}

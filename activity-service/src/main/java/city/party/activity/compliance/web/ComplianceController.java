package city.party.activity.compliance.web;

import java.time.LocalDate;
import java.util.List;

import city.party.activity.compliance.application.ComplianceService;
import city.party.activity.compliance.application.OverdueCheck;
import city.party.activity.compliance.domain.OverdueNotice;
import city.party.activity.compliance.domain.Period;
import city.party.activity.readmodel.application.Directory;
import city.party.platform.security.CallerScope;
import city.party.platform.security.Roles;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * {@code /api/compliance}: required vs held per kind for an organisation and its subtree, the
 * overdue warnings, and the check that raises them.
 */
@RestController
@RequestMapping("/api/compliance")
class ComplianceController {

    private final ComplianceService compliance;
    private final OverdueCheck check;
    private final Directory directory;
    private final ReactiveMongoTemplate mongo;

    ComplianceController(ComplianceService compliance, OverdueCheck check, Directory directory,
            ReactiveMongoTemplate mongo) {
        this.compliance = compliance;
        this.check = check;
        this.directory = directory;
        this.mongo = mongo;
    }

    record OverdueView(String organizationId, String organizationName, String kind, String period, int required,
            int held, LocalDate dueOn, String rulesVersion, String source, java.time.Instant detectedAt) {

        static OverdueView of(OverdueNotice n) {
            return new OverdueView(n.getOrganizationId(), n.getOrganizationName(), n.getKind(), n.getPeriod(),
                    n.getRequired(), n.getHeld(), n.getDueOn(), n.getRulesVersion(), n.getSource(), n.getDetectedAt());
        }
    }

    record OverduePage(List<OverdueView> content, int page, int size, long totalElements, long totalPages) {
    }

    /**
     * @param organizationId defaults to the caller's own organisation (the whole city for the committee)
     * @param period         {@code 2026-11}, {@code 2026-Q4}, {@code 2026-H2} or {@code 2026}; defaults to this month
     */
    @GetMapping
    Mono<ComplianceService.Report> report(@RequestParam(required = false) String organizationId,
            @RequestParam(required = false) String period, CallerScope caller) {
        String id = organizationId != null ? organizationId : defaultOrganization(caller);
        String p = period != null ? period
                : java.time.YearMonth.now(java.time.Clock.system(Directory.CITY_ZONE)).toString();
        return compliance.report(id, p, caller);
    }

    /** The overdue warnings raised so far, newest first, within the caller's scope. */
    @GetMapping("/overdue")
    Mono<OverduePage> overdue(@RequestParam(required = false) String organizationId,
            @RequestParam(required = false) String period, @RequestParam(required = false) String kind,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size, CallerScope caller) {
        if (!caller.seesWholeCity() && caller.administeredPaths().isEmpty()) {
            return Mono.error(new AccessDeniedException("compliance is for secretaries and the work committee"));
        }
        Mono<Criteria> within = organizationId == null ? Mono.just(new Criteria())
                : directory.organizationInScope(organizationId, caller)
                        .map(o -> Directory.subtreeCriteria("organizationPath", o.getPath()));
        return within.flatMap(subtree -> {
            Criteria criteria = new Criteria().andOperator(caller.organizationCriteria("organizationPath"), subtree,
                    period == null ? new Criteria() : where("period").is(Period.parse(period).id()),
                    kind == null ? new Criteria() : where("kind").is(kind));
            Query pageQuery = Query.query(criteria).with(Sort.by(Sort.Direction.DESC, "detectedAt").and(Sort.by("_id")))
                    .skip((long) page * size).limit(size);
            return Mono.zip(mongo.find(pageQuery, OverdueNotice.class).map(OverdueView::of).collectList(),
                    mongo.count(Query.query(criteria), OverdueNotice.class)).map(r -> new OverduePage(r.getT1(), page,
                            size, r.getT2(), (r.getT2() + size - 1) / size));
        });
    }

    /** Runs the overdue check now (it also runs daily); committee staff only. */
    @PostMapping("/overdue-checks")
    Mono<OverdueCheck.Outcome> runCheck(CallerScope caller) {
        if (!caller.hasRole(Roles.COMMITTEE_ADMIN)) {
            return Mono.error(new AccessDeniedException("the work committee runs the check"));
        }
        return check.run();
    }

    private static String defaultOrganization(CallerScope caller) {
        if (caller.seesWholeCity() || caller.administeredPaths().isEmpty()) {
            return "city";
        }
        String path = caller.administeredPaths().get(0);
        return path.substring(path.lastIndexOf('/') + 1);
    }
}

package city.party.activity.compliance.application;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import city.party.activity.compliance.domain.ComplianceCalculator;
import city.party.activity.compliance.domain.ComplianceCalculator.KindResult;
import city.party.activity.compliance.domain.ComplianceCalculator.Subject;
import city.party.activity.compliance.domain.ComplianceCounter;
import city.party.activity.compliance.domain.ComplianceRule;
import city.party.activity.compliance.domain.ComplianceStatus;
import city.party.activity.compliance.domain.Period;
import city.party.activity.readmodel.application.Directory;
import city.party.activity.readmodel.domain.OrganizationNode;
import city.party.platform.security.CallerScope;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * Compliance of one organisation and its subtree for a period: two queries (the subtree's
 * organisations, the counters of the period's year), then pure calculation.
 */
@Service
public class ComplianceService {

    /** The overdue organisations listed in a roll-up are capped; the counts are always complete. */
    static final int MAX_LISTED = 500;

    private final ReactiveMongoTemplate mongo;
    private final Directory directory;
    private final ComplianceCalculator calculator;
    private final String rulesVersion;
    private final Clock clock;

    ComplianceService(ReactiveMongoTemplate mongo, Directory directory, ComplianceCalculator calculator,
            @org.springframework.beans.factory.annotation.Value("${activity.compliance.version:unversioned}")
            String rulesVersion, Clock clock) {
        this.mongo = mongo;
        this.directory = directory;
        this.calculator = calculator;
        this.rulesVersion = rulesVersion;
        this.clock = clock;
    }

    public record OrganizationResult(String organizationId, String name, String type, String path,
            ComplianceStatus status, List<KindResult> kinds) {
    }

    public record OverdueOrganization(String organizationId, String name, String path, List<String> overdueKinds) {
    }

    /**
     * @param organizations organisations in the subtree with at least one requirement in the period
     */
    public record Rollup(int organizations, int compliant, int due, int overdue,
            List<OverdueOrganization> overdueOrganizations, boolean overdueListTruncated) {
    }

    public record Report(String organizationId, String name, String path, String period, LocalDate today,
            String rulesVersion, ComplianceStatus status, List<KindResult> kinds, Rollup subtree) {
    }

    public Mono<Report> report(String organizationId, String periodText, CallerScope caller) {
        if (!caller.seesWholeCity() && caller.administeredPaths().isEmpty()) {
            return Mono.error(new AccessDeniedException("compliance is for secretaries and the work committee"));
        }
        Period period = Period.parse(periodText);
        return directory.organizationInScope(organizationId, caller)
                .flatMap(root -> evaluateSubtree(root.getPath(), period).map(results -> report(root, period,
                        results)));
    }

    /** Every organisation of the subtree at {@code path} with its per-kind results for the period. */
    public Mono<List<OrganizationResult>> evaluateSubtree(String path, Period period) {
        LocalDate today = LocalDate.now(clock.withZone(Directory.CITY_ZONE));
        return directory.subtree(path).filter(o -> o.getDissolvedOn() == null
                || o.getDissolvedOn().isAfter(period.start())).collectList()
                .flatMap(nodes -> counters(nodes, path, period).map(held -> {
                    List<OrganizationResult> results = new ArrayList<>(nodes.size());
                    for (OrganizationNode node : nodes) {
                        List<KindResult> kinds = calculator.evaluate(new Subject(node.getId(), node.getType(),
                                node.getCreatedOn(), node.getDissolvedOn()), period,
                                held.getOrDefault(node.getId(), Map.of()), today);
                        results.add(new OrganizationResult(node.getId(), node.getName(), node.getType(),
                                node.getPath(), overall(kinds), kinds));
                    }
                    return results;
                }));
    }

    private Mono<Map<String, Map<String, int[]>>> counters(List<OrganizationNode> nodes, String path, Period period) {
        List<String> kinds = calculator.rules().stream().map(ComplianceRule::kind).distinct().toList();
        Criteria criteria = where("year").is(period.year()).and("kind").in(kinds);
        if (path.indexOf('/', 1) > 0) {
            // Below the root: only the subtree's counters (the whole city needs no filter).
            criteria = criteria.and("organizationId").in(nodes.stream().map(OrganizationNode::getId).toList());
        }
        Query query = Query.query(criteria);
        query.fields().exclude("activityIds");
        return mongo.find(query, ComplianceCounter.class).collectList().map(counters -> {
            Map<String, Map<String, int[]>> held = new HashMap<>();
            for (ComplianceCounter counter : counters) {
                held.computeIfAbsent(counter.organizationId(), id -> new HashMap<>()).put(counter.kind(),
                        counter.heldByMonth());
            }
            return held;
        });
    }

    private Report report(OrganizationNode root, Period period, List<OrganizationResult> results) {
        OrganizationResult own = results.stream().filter(r -> r.organizationId().equals(root.getId())).findFirst()
                .orElse(new OrganizationResult(root.getId(), root.getName(), root.getType(), root.getPath(),
                        ComplianceStatus.NOT_REQUIRED, List.of()));
        int organizations = 0;
        int compliant = 0;
        int due = 0;
        int overdue = 0;
        List<OverdueOrganization> overdueList = new ArrayList<>();
        for (OrganizationResult result : results) {
            switch (result.status()) {
                case MET -> compliant++;
                case DUE -> due++;
                case OVERDUE -> {
                    overdue++;
                    if (overdueList.size() < MAX_LISTED) {
                        overdueList.add(new OverdueOrganization(result.organizationId(), result.name(), result.path(),
                                result.kinds().stream().filter(k -> k.status() == ComplianceStatus.OVERDUE)
                                        .map(KindResult::kind).toList()));
                    }
                }
                case NOT_REQUIRED -> {
                    continue;
                }
            }
            organizations++;
        }
        return new Report(root.getId(), root.getName(), root.getPath(), period.id(),
                LocalDate.now(clock.withZone(Directory.CITY_ZONE)), rulesVersion, own.status(), own.kinds(),
                new Rollup(organizations, compliant, due, overdue, overdueList, overdue > overdueList.size()));
    }

    static ComplianceStatus overall(List<KindResult> kinds) {
        if (kinds.stream().anyMatch(k -> k.status() == ComplianceStatus.OVERDUE)) {
            return ComplianceStatus.OVERDUE;
        }
        if (kinds.stream().anyMatch(k -> k.status() == ComplianceStatus.DUE)) {
            return ComplianceStatus.DUE;
        }
        return kinds.stream().anyMatch(k -> k.status() == ComplianceStatus.MET) ? ComplianceStatus.MET
                : ComplianceStatus.NOT_REQUIRED;
    }

    public String rulesVersion() {
        return rulesVersion;
    }
}

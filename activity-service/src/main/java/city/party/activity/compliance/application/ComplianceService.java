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
import city.party.activity.compliance.domain.ComplianceRule;
import city.party.activity.compliance.domain.ComplianceStatus;
import city.party.activity.compliance.domain.Period;
import city.party.activity.readmodel.application.Directory;
import city.party.activity.readmodel.domain.OrganizationNode;
import city.party.platform.security.CallerScope;
import org.bson.Document;
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
        ComplianceCalculator.Prepared prepared = calculator.prepare(period,
                LocalDate.now(clock.withZone(Directory.CITY_ZONE)));
        return organizations(path, period).flatMap(nodes -> counters(nodes, path, period).map(held -> {
            List<OrganizationResult> results = new ArrayList<>(nodes.size());
            for (Node node : nodes) {
                List<KindResult> kinds = prepared.evaluate(new Subject(node.id(), node.type(), node.createdOn(),
                        node.dissolvedOn()), held.getOrDefault(node.id(), Map.of()));
                results.add(new OrganizationResult(node.id(), node.name(), node.type(), node.path(), overall(kinds),
                        kinds));
            }
            return results;
        }));
    }

    /** What compliance needs of an organisation, read without the mapping layer (thousands per query). */
    private record Node(String id, String name, String type, String path, LocalDate createdOn, LocalDate dissolvedOn) {
    }

    private Mono<List<Node>> organizations(String path, Period period) {
        Query query = Query.query(Directory.subtreeCriteria("path", path));
        query.fields().include("name", "type", "path", "createdAt", "dissolvedAt");
        return mongo.find(query, Document.class, "organizations").map(doc -> new Node(doc.getString("_id"),
                doc.getString("name"), doc.getString("type"), doc.getString("path"), day(doc.get("createdAt")),
                day(doc.get("dissolvedAt"))))
                .filter(node -> node.dissolvedOn() == null || node.dissolvedOn().isAfter(period.start()))
                .collectList().map(nodes -> {
                    nodes.sort(java.util.Comparator.comparing(Node::path));
                    return nodes;
                });
    }

    /** The day in the city of an instant stored by the read model (as the updater derives createdOn). */
    private static LocalDate day(Object value) {
        return value instanceof java.util.Date date ? date.toInstant().atZone(Directory.CITY_ZONE).toLocalDate()
                : null;
    }

    private Mono<Map<String, Map<String, int[]>>> counters(List<Node> nodes, String path, Period period) {
        List<String> kinds = calculator.rules().stream().map(ComplianceRule::kind).distinct().toList();
        Criteria criteria = where("year").is(period.year()).and("kind").in(kinds);
        if (path.indexOf('/', 1) > 0) {
            // Below the root: only the subtree's counters (the whole city needs no filter).
            criteria = criteria.and("organizationId").in(nodes.stream().map(Node::id).toList());
        }
        Query query = Query.query(criteria);
        query.fields().include("organizationId", "kind", "months");
        return mongo.find(query, Document.class, "compliance_counters").collectList().map(counters -> {
            Map<String, Map<String, int[]>> held = new HashMap<>();
            for (Document counter : counters) {
                int[] months = new int[13];
                if (counter.get("months") instanceof Document m) {
                    for (int i = 1; i <= 12; i++) {
                        months[i] = Math.max(0, m.get("m" + i) instanceof Number n ? n.intValue() : 0);
                    }
                }
                held.computeIfAbsent(counter.getString("organizationId"), id -> new HashMap<>())
                        .put(counter.getString("kind"), months);
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

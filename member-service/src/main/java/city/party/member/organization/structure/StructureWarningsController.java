package city.party.member.organization.structure;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import city.party.member.member.domain.LifecycleStage;
import city.party.member.member.domain.Member;
import city.party.member.member.domain.MemberStatus;
import city.party.member.organization.application.OrganizationService;
import city.party.member.organization.domain.Organization;
import city.party.platform.security.CallerScope;
import org.bson.Document;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * {@code GET /api/organizations/{id}/warnings}: structure warnings for an organisation and its whole
 * subtree — branches too small or too large, branches that should have a committee, committees due
 * or overdue for re-election — each with the rule and its source.
 */
@RestController
@EnableConfigurationProperties(StructureWarningsController.StructureProperties.class)
class StructureWarningsController {

    /** {@code member.structure.rules}: see application.yaml. */
    @ConfigurationProperties("member.structure")
    record StructureProperties(Map<String, StructureRules.Rule> rules) {
    }

    private final OrganizationService organizations;
    private final ReactiveMongoTemplate mongo;
    private final StructureRules rules;
    private final Clock clock;

    StructureWarningsController(OrganizationService organizations, ReactiveMongoTemplate mongo,
            StructureProperties properties, Clock clock) {
        this.organizations = organizations;
        this.mongo = mongo;
        this.rules = new StructureRules(properties.rules());
        this.clock = clock;
    }

    @GetMapping("/api/organizations/{id}/warnings")
    Mono<List<StructureRules.Warning>> warnings(@PathVariable String id, CallerScope caller) {
        LocalDate today = LocalDate.now(clock.withZone(Member.CITY_ZONE));
        return organizations.subtree(id, caller).collectList().flatMap(subtree -> {
            List<String> ids = subtree.stream().map(Organization::getId).toList();
            return Mono.zip(count(ids, false), count(ids, true)).map(counts -> subtree.stream()
                    .flatMap(o -> rules.check(o, new StructureRules.Headcount(counts.getT1().getOrDefault(o.getId(), 0L),
                            counts.getT2().getOrDefault(o.getId(), 0L)), today).stream())
                    .toList());
        });
    }

    private Mono<Map<String, Long>> count(List<String> organizationIds, boolean fullOnly) {
        var match = where("organizationId").in(organizationIds).and("status")
                .in(MemberStatus.ACTIVE.name(), MemberStatus.TRANSFERRING.name());
        if (fullOnly) {
            match = match.and("stage").is(LifecycleStage.FULL.name());
        }
        Aggregation aggregation = Aggregation.newAggregation(Aggregation.match(match),
                Aggregation.group("organizationId").count().as("count"));
        return mongo.aggregate(aggregation, "members", Document.class)
                .collectMap(d -> d.getString("_id"), d -> ((Number) d.get("count")).longValue())
                .map(HashMap::new);
    }
}

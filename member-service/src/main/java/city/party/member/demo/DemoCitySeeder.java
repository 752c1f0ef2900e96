package city.party.member.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;

import city.party.member.member.domain.LifecycleRules;
import city.party.member.member.domain.Member;
import city.party.member.organization.application.OrganizationService;
import city.party.member.organization.domain.Organization;
import city.party.member.organization.domain.OrganizationRepository;
import city.party.member.organization.domain.OrganizationType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * Seeds {@link DemoCity} into an empty register ({@code member.demo-data.enabled=true}, set by
 * {@code ./platform up} for local runs). Goes through the domain like any clerk would, so every
 * organisation and member is announced with its events and mirrored into Keycloak. Runs once: a
 * register that already has a municipal unit is left alone.
 */
@Component
@ConditionalOnProperty(name = "member.demo-data.enabled", havingValue = "true")
class DemoCitySeeder {

    private static final Logger log = LoggerFactory.getLogger(DemoCitySeeder.class);

    private final OrganizationService organizationService;
    private final OrganizationRepository organizations;
    private final ReactiveMongoTemplate mongo;
    private final LifecycleRules rules;
    private final Clock clock;
    private final int memberCount;

    DemoCitySeeder(OrganizationService organizationService, OrganizationRepository organizations,
            ReactiveMongoTemplate mongo, LifecycleRules rules, Clock clock,
            @org.springframework.beans.factory.annotation.Value("${member.demo-data.members:300}") int memberCount) {
        this.organizationService = organizationService;
        this.organizations = organizations;
        this.mongo = mongo;
        this.rules = rules;
        this.clock = clock;
        this.memberCount = memberCount;
    }

    @EventListener(ApplicationReadyEvent.class)
    void seedWhenEmpty() {
        organizationService.ensureRoot()
                .then(mongo.exists(Query.query(where("type").is(OrganizationType.UNIT)), Organization.class))
                .flatMap(seeded -> seeded ? Mono.empty() : seed())
                .retryWhen(Retry.backoff(20, Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(10)))
                .subscribe(count -> log.info("demo city seeded: {} organisations and {} members",
                        DemoCity.organizations().size(), count),
                        e -> log.error("demo city could not be seeded", e));
    }

    private Mono<Long> seed() {
        LocalDate today = LocalDate.now(clock.withZone(Member.CITY_ZONE));
        Flux<Organization> tree = Flux.fromIterable(DemoCity.organizations()).concatMap(seed -> organizations
                .findById(seed.parentId())
                .map(parent -> {
                    Organization organization = Organization.create(seed.id(), seed.name(), seed.type(), parent,
                            "demo-seed", clock);
                    String administrator = DemoCity.administrators().get(seed.id());
                    if (administrator != null) {
                        organization.assignAdministrator(administrator, "demo-seed", clock);
                    }
                    return organization;
                })
                .flatMap(organizations::insert)
                .onErrorResume(DuplicateKeyException.class, e -> Mono.empty()));
        Flux<Member> members = Flux.fromIterable(DemoCity.members(memberCount, 20200701L, today))
                .map(registration -> Member.register(registration, rules, "demo-seed", clock))
                .concatMap(member -> mongo.insert(member).onErrorResume(DuplicateKeyException.class, e -> Mono.empty()));
        return tree.then(members.count());
    }
}

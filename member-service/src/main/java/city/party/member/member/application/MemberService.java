package city.party.member.member.application;

import java.time.Clock;
import java.util.List;
import java.util.regex.Pattern;

import city.party.member.member.domain.LifecycleRules;
import city.party.member.member.domain.LifecycleStage;
import city.party.member.member.domain.Member;
import city.party.member.member.domain.MemberRegistration;
import city.party.member.member.domain.MemberRepository;
import city.party.member.member.domain.MemberStatus;
import city.party.member.member.domain.StageChange;
import city.party.member.organization.application.OrganizationService;
import city.party.member.organization.domain.Organization;
import city.party.platform.security.CallerScope;
import city.party.platform.security.Roles;
import city.party.platform.web.ProblemException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * The register's use cases. Scope is part of every query: an org-admin's queries are restricted
 * to the organisations of their subtrees, a member's to their own record, so nothing outside is
 * ever loaded, counted or leaked.
 */
@Service
public class MemberService {

    private final MemberRepository members;
    private final OrganizationService organizations;
    private final ReactiveMongoTemplate mongo;
    private final LifecycleRules rules;
    private final Clock clock;
    private final java.time.Period letterValidity;
    private final String letterValiditySource;

    MemberService(MemberRepository members, OrganizationService organizations, ReactiveMongoTemplate mongo,
            LifecycleRules rules, Clock clock,
            @org.springframework.beans.factory.annotation.Value("${member.transfer.letter-validity.value:P3M}")
            java.time.Period letterValidity,
            @org.springframework.beans.factory.annotation.Value("${member.transfer.letter-validity.source:}")
            String letterValiditySource) {
        this.members = members;
        this.organizations = organizations;
        this.mongo = mongo;
        this.rules = rules;
        this.clock = clock;
        this.letterValidity = letterValidity;
        this.letterValiditySource = letterValiditySource;
    }

    /** A search over the register, as one page with the total. */
    public record SearchResult(List<Member> content, long totalElements) {
    }

    /** @param incomingTransfers only members with a pending transfer into the caller's organisations */
    public record Search(String name, String organizationId, LifecycleStage stage, MemberStatus status,
            boolean incomingTransfers, int page, int size, Sort sort, Boolean floating) {

        public Search(String name, String organizationId, LifecycleStage stage, MemberStatus status,
                boolean incomingTransfers, int page, int size, Sort sort) {
            this(name, organizationId, stage, status, incomingTransfers, page, size, sort, null);
        }
    }

    public Mono<Member> register(MemberRegistration registration, CallerScope caller) {
        return organizations.requireAdministers(registration.organizationId(), caller)
                .flatMap(organization -> {
                    if (!organization.getType().holdsMembers()) {
                        return Mono.error(ProblemException.ruleViolation("organization.holds-members",
                                "《中国共产党党和国家机关基层党组织工作条例》第二章 组织设置",
                                "member.rule.organization-holds-members",
                                "Members are registered in a party organisation, not in a {0}.",
                                organization.getType()));
                    }
                    return Mono.fromCallable(() -> Member.register(registration, rules, caller.username(), clock));
                })
                .flatMap(member -> members.insert(member).onErrorMap(DuplicateKeyException.class,
                        e -> ProblemException.conflict("member.duplicate",
                                "A member with this citizen id number or account is already registered.")));
    }

    public Mono<Member> get(String id, CallerScope caller) {
        return scope(caller).flatMap(scope -> mongo.findOne(Query.query(new Criteria().andOperator(where("_id").is(id),
                scope)), Member.class)).switchIfEmpty(Mono.error(ProblemException.notFound("member", id)));
    }

    public Mono<Member> findByUsername(String username) {
        return members.findByUsername(username);
    }

    public Mono<SearchResult> search(Search search, CallerScope caller) {
        Mono<Criteria> within = search.organizationId() == null ? Mono.just(new Criteria())
                : organizations.subtree(search.organizationId(), caller).map(Organization::getId).collectList()
                        .map(ids -> where("organizationId").in(ids));
        Mono<Criteria> incoming = search.incomingTransfers() ? incomingTransfers(caller) : Mono.just(new Criteria());
        return Mono.zip(scope(caller), within, incoming).flatMap(criteria -> {
            Criteria all = new Criteria().andOperator(criteria.getT1(), criteria.getT2(), criteria.getT3(),
                    filters(search));
            Query count = Query.query(all);
            Query page = Query.query(all).with(search.sort()).skip((long) search.page() * search.size())
                    .limit(search.size());
            return Mono.zip(mongo.find(page, Member.class).collectList(), mongo.count(count, Member.class))
                    .map(result -> new SearchResult(result.getT1(), result.getT2()));
        });
    }

    /** Every member matching the search that the caller may see (for exports), unpaged. */
    public reactor.core.publisher.Flux<Member> searchAll(Search search, CallerScope caller) {
        Mono<Criteria> within = search.organizationId() == null ? Mono.just(new Criteria())
                : organizations.subtree(search.organizationId(), caller).map(Organization::getId).collectList()
                        .map(ids -> where("organizationId").in(ids));
        return Mono.zip(scope(caller), within).flatMapMany(criteria -> mongo.find(Query.query(new Criteria()
                .andOperator(criteria.getT1(), criteria.getT2(), filters(search))).with(search.sort()), Member.class));
    }

    private static Criteria filters(Search search) {
        Criteria criteria = new Criteria();
        java.util.List<Criteria> parts = new java.util.ArrayList<>();
        if (search.name() != null && !search.name().isBlank()) {
            parts.add(where("name").regex(Pattern.quote(search.name().trim())));
        }
        if (search.stage() != null) {
            parts.add(where("stage").is(search.stage()));
        }
        if (search.status() != null) {
            parts.add(where("status").is(search.status()));
        }
        if (search.floating() != null) {
            parts.add(search.floating() ? where("floating").ne(null) : where("floating").is(null));
        }
        return parts.isEmpty() ? criteria : new Criteria().andOperator(parts);
    }

    public Mono<Member> advance(String id, long expectedVersion, StageChange change, CallerScope caller) {
        return requireAdministers(id, caller).flatMap(member -> {
            checkVersion(member, expectedVersion);
            Mono<Boolean> introducersFull = change.introducerIds() == null || change.introducerIds().isEmpty()
                    ? Mono.just(false)
                    : mongo.count(Query.query(where("_id").in(change.introducerIds()).and("stage")
                            .is(LifecycleStage.FULL).and("status").is(MemberStatus.ACTIVE)), Member.class)
                            .map(count -> count == change.introducerIds().stream().distinct().count());
            return introducersFull.flatMap(full -> {
                member.advance(new StageChange(change.to(), change.effectiveOn(), change.reason(),
                        change.trainingDays(), change.trainingHours(), change.introducerIds(), full,
                        change.approvedOn()), rules, caller.username(), clock);
                return members.save(member);
            });
        });
    }

    public Mono<Member> extendProbation(String id, long expectedVersion, int months, String reason,
            CallerScope caller) {
        return requireAdministers(id, caller).flatMap(member -> {
            checkVersion(member, expectedVersion);
            member.extendProbation(months, reason, rules, caller.username(), clock);
            return members.save(member);
        });
    }

    public Mono<Member> startFloating(String id, long expectedVersion, java.time.LocalDate since, String destination,
            String reason, String hostOrganization, CallerScope caller) {
        return requireAdministers(id, caller).flatMap(member -> {
            checkVersion(member, expectedVersion);
            member.startFloating(since, destination, reason, hostOrganization, caller.username(), clock);
            return members.save(member);
        });
    }

    public Mono<Member> endFloating(String id, long expectedVersion, java.time.LocalDate returnedOn,
            CallerScope caller) {
        return requireAdministers(id, caller).flatMap(member -> {
            checkVersion(member, expectedVersion);
            member.endFloating(returnedOn, caller.username(), clock);
            return members.save(member);
        });
    }

    private Mono<Member> requireAdministers(String id, CallerScope caller) {
        return get(id, caller).flatMap(member -> caller.hasRole(Roles.COMMITTEE_ADMIN)
                || caller.hasRole(Roles.ORG_ADMIN) ? Mono.just(member)
                : Mono.error(new AccessDeniedException("only organisation administrators change the register")));
    }

    public Mono<city.party.member.member.domain.Transfer> issueTransfer(String id, long expectedVersion,
            String toOrganizationId, String reason, CallerScope caller) {
        return requireAdministers(id, caller).flatMap(member -> {
            checkVersion(member, expectedVersion);
            return mongo.findOne(Query.query(where("_id").is(toOrganizationId).and("status").is("ACTIVE")),
                    Organization.class)
                    .switchIfEmpty(Mono.error(ProblemException.notFound("organization", toOrganizationId)))
                    .flatMap(target -> {
                        if (!target.getType().holdsMembers()) {
                            return Mono.error(ProblemException.ruleViolation("organization.holds-members",
                                    "《中国共产党党和国家机关基层党组织工作条例》第二章 组织设置",
                                    "member.rule.organization-holds-members",
                                    "Members are registered in a party organisation, not in a {0}.", target.getType()));
                        }
                        var transfer = member.issueTransfer(toOrganizationId, reason, letterValidity,
                                caller.username(), clock);
                        return members.save(member).thenReturn(transfer);
                    });
        });
    }

    /** The receiving side decides: the caller must administer the organisation the letter is for. */
    public Mono<Member> decideTransfer(String id, String transferId, boolean accept, String note,
            CallerScope caller) {
        return members.findById(id)
                .filter(member -> member.pendingTransfer().filter(t -> t.id().equals(transferId)).isPresent())
                .switchIfEmpty(Mono.error(ProblemException.notFound("transfer", transferId)))
                .flatMap(member -> organizations.requireAdministers(member.pendingTransfer().get().toOrganizationId(),
                        caller).thenReturn(member))
                .flatMap(member -> {
                    if (accept) {
                        member.acceptTransfer(transferId, caller.username(), note, letterValiditySource, clock);
                    }
                    else {
                        member.closeTransfer(transferId, true, caller.username(), note, clock);
                    }
                    return members.save(member);
                });
    }

    /** The sending side withdraws its letter. */
    public Mono<Member> cancelTransfer(String id, String transferId, String note, CallerScope caller) {
        return requireAdministers(id, caller).flatMap(member -> {
            member.closeTransfer(transferId, false, caller.username(), note, clock);
            return members.save(member);
        });
    }

    public Mono<Member> endMembership(String id, long expectedVersion, MemberStatus status,
            java.time.LocalDate effectiveOn, String reason, CallerScope caller) {
        return requireAdministers(id, caller).flatMap(member -> {
            checkVersion(member, expectedVersion);
            member.endMembership(status, effectiveOn, reason, caller.username(), clock);
            return members.save(member);
        });
    }

    private Mono<Criteria> incomingTransfers(CallerScope caller) {
        Mono<List<String>> ids = caller.seesWholeCity()
                ? Mono.just(List.of())
                : mongo.find(Query.query(caller.organizationCriteria("path")), Organization.class)
                        .map(Organization::getId).collectList();
        return ids.map(list -> {
            Criteria pending = where("status").is("ISSUED");
            if (!caller.seesWholeCity()) {
                pending = pending.and("toOrganizationId").in(list);
            }
            return where("transfers").elemMatch(pending);
        });
    }

    /**
     * The criterion for what the caller may see: everything for the whole city, the members of
     * their subtrees' organisations for an org-admin, their own record for a member.
     */
    Mono<Criteria> scope(CallerScope caller) {
        if (caller.seesWholeCity()) {
            return Mono.just(new Criteria());
        }
        if (!caller.administeredPaths().isEmpty()) {
            return mongo.find(Query.query(caller.organizationCriteria("path")), Organization.class)
                    .map(Organization::getId).collectList()
                    .map(ids -> {
                        // Members on their way in are visible to the receiving organisation too.
                        Criteria incoming = where("transfers").elemMatch(where("status").is("ISSUED")
                                .and("toOrganizationId").in(ids));
                        return caller.hasRole(Roles.MEMBER)
                                ? new Criteria().orOperator(where("organizationId").in(ids), incoming,
                                        where("username").is(caller.username()))
                                : new Criteria().orOperator(where("organizationId").in(ids), incoming);
                    });
        }
        if (caller.hasRole(Roles.MEMBER)) {
            return Mono.just(where("username").is(caller.username()));
        }
        return Mono.just(where("_id").in(List.of()));
    }

    /** Whether the caller may see this member's sensitive fields unmasked. */
    public static boolean seesSensitiveData(Member member, CallerScope caller) {
        return caller.hasRole(Roles.COMMITTEE_ADMIN) || caller.hasRole(Roles.ORG_ADMIN)
                || (member.getUsername() != null && member.getUsername().equals(caller.username()));
    }

    private static void checkVersion(Member member, long expected) {
        if (member.getVersion() == null || member.getVersion() != expected) {
            throw new OptimisticLockingFailureException("member " + member.getId() + " is at version "
                    + member.getVersion());
        }
    }
}

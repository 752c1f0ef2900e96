package city.party.member.organization.application;

import java.time.Clock;
import java.util.List;
import java.util.regex.Pattern;

import city.party.member.member.domain.MemberStatus;
import city.party.member.organization.domain.Organization;
import city.party.member.organization.domain.OrganizationLabel;
import city.party.member.organization.domain.OrganizationRepository;
import city.party.member.organization.domain.OrganizationStatus;
import city.party.member.organization.domain.OrganizationType;
import city.party.platform.security.CallerScope;
import city.party.platform.security.Roles;
import city.party.platform.web.ProblemException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * Use cases of the organisation tree, each checking the caller's scope first: an org-admin works
 * only inside their subtree and anything outside it answers 404, as if it did not exist.
 */
@Service
public class OrganizationService {

    private final OrganizationRepository organizations;
    private final ReactiveMongoTemplate mongo;
    private final Clock clock;
    private final String rootName;

    OrganizationService(OrganizationRepository organizations, ReactiveMongoTemplate mongo, Clock clock,
            @Value("${member.root-organization-name:市直机关工委}") String rootName) {
        this.organizations = organizations;
        this.mongo = mongo;
        this.clock = clock;
        this.rootName = rootName;
    }

    /**
     * On start-up, in the background and retried until MongoDB answers: the work committee root
     * exists, and paths left half-rewritten by an interrupted move are repaired.
     */
    @EventListener(ApplicationReadyEvent.class)
    void initialiseTree() {
        ensureRoot().then(repairPaths())
                .retryWhen(reactor.util.retry.Retry.backoff(Long.MAX_VALUE, java.time.Duration.ofSeconds(1))
                        .maxBackoff(java.time.Duration.ofSeconds(30)))
                .subscribe();
    }

    /** The work committee is the root every tree starts from; created once, idempotently. */
    public Mono<Organization> ensureRoot() {
        return organizations.findById(Organization.ROOT_ID)
                .switchIfEmpty(Mono.defer(() -> organizations.insert(Organization.root(rootName, clock))
                        .onErrorResume(DuplicateKeyException.class, e -> organizations.findById(Organization.ROOT_ID))));
    }

    /** What the caller may see: the whole city, or their subtrees. */
    public Criteria visibleTo(CallerScope caller) {
        return caller.organizationCriteria("path");
    }

    public Mono<Organization> get(String id, CallerScope caller) {
        return mongo.findOne(Query.query(where("_id").is(id)).addCriteria(visibleTo(caller)), Organization.class)
                .switchIfEmpty(Mono.error(ProblemException.notFound("organization", id)));
    }

    /** Children of {@code parentId} (or the caller's top organisations when absent). */
    public Flux<Organization> children(String parentId, CallerScope caller, boolean includeDissolved) {
        Criteria criteria = new Criteria().andOperator(visibleTo(caller),
                includeDissolved ? new Criteria() : where("status").is(OrganizationStatus.ACTIVE));
        if (parentId != null) {
            criteria = new Criteria().andOperator(criteria, where("parentId").is(parentId));
            return mongo.find(Query.query(criteria).with(Sort.by("name")), Organization.class);
        }
        if (caller.seesWholeCity()) {
            return mongo.find(Query.query(new Criteria().andOperator(criteria, where("_id").is(Organization.ROOT_ID))),
                    Organization.class);
        }
        List<String> roots = caller.administeredPaths();
        return mongo.find(Query.query(new Criteria().andOperator(criteria, where("path").in(roots)))
                .with(Sort.by("name")), Organization.class);
    }

    /** The whole subtree under an organisation the caller may see, in path order. */
    public Flux<Organization> subtree(String id, CallerScope caller) {
        return get(id, caller).flatMapMany(root -> mongo.find(Query.query(new Criteria().andOperator(
                where("path").regex("^" + Pattern.quote(root.getPath()) + "(/|$)"),
                where("status").is(OrganizationStatus.ACTIVE))).with(Sort.by("path")), Organization.class));
    }

    /**
     * Names for pickers and labels: organisations whose name contains {@code name}, or those with the
     * given {@code ids} (dissolved ones too: history refers to them), each with the names along its
     * path. {@code wholeCity} looks beyond the caller's own subtrees — administrators name the
     * receiving organisation of a transfer, which lies elsewhere — and shows only names; others see
     * what they may see anyway, and their own organisations.
     */
    public Flux<OrganizationLabel> directory(String name, List<String> ids, boolean wholeCity, int size,
            CallerScope caller) {
        if (wholeCity && !caller.seesWholeCity() && !caller.hasRole(Roles.COMMITTEE_ADMIN)
                && !caller.hasRole(Roles.ORG_ADMIN)) {
            return Flux.error(new org.springframework.security.access.AccessDeniedException(
                    "the whole city's directory is for administrators"));
        }
        List<Criteria> parts = new java.util.ArrayList<>();
        if (!wholeCity) {
            // a member sees no organisations elsewhere in this API, but may read the name of their own
            parts.add(caller.organizationPaths().isEmpty() ? visibleTo(caller)
                    : new Criteria().orOperator(visibleTo(caller), where("path").in(caller.organizationPaths())));
        }
        parts.add(ids.isEmpty() ? where("status").is(OrganizationStatus.ACTIVE) : where("_id").in(ids));
        if (name != null && !name.isBlank()) {
            parts.add(where("name").regex(Pattern.quote(name.trim())));
        }
        Query found = Query.query(new Criteria().andOperator(parts)).with(Sort.by("path")).limit(size);
        found.fields().include("name", "type", "status", "path");
        return mongo.find(found, Organization.class).collectList().flatMapMany(list -> {
            List<String> ancestors = list.stream().flatMap(o -> OrganizationLabel.pathIds(o.getPath()).stream())
                    .distinct().toList();
            Query names = Query.query(where("_id").in(ancestors));
            names.fields().include("name");
            return mongo.find(names, Organization.class)
                    .collectMap(Organization::getId, Organization::getName)
                    .flatMapIterable(byId -> list.stream().map(o -> OrganizationLabel.of(o, byId)).toList());
        });
    }

    public Mono<Organization> create(String id, String name, OrganizationType type, String parentId,
            CallerScope caller) {
        return requireAdministers(parentId, caller)
                .map(parent -> Organization.create(id, name, type, parent, caller.username(), clock))
                .flatMap(organization -> organizations.insert(organization)
                        .onErrorMap(DuplicateKeyException.class, e -> ProblemException.conflict(
                                "organization.id-taken", "An organisation with id {0} already exists.", id)));
    }

    public Mono<Organization> rename(String id, String name, long expectedVersion, CallerScope caller) {
        return requireAdministers(id, caller).flatMap(organization -> {
            checkVersion(organization.getVersion(), expectedVersion);
            organization.rename(name, caller.username(), clock);
            return organizations.save(organization);
        });
    }

    /**
     * Moves an organisation and rewrites the paths of its subtree. The parent links are the truth;
     * should the service stop half-way, {@link #repairPaths} (run at start-up) finishes the job.
     */
    public Mono<Organization> move(String id, String newParentId, long expectedVersion, CallerScope caller) {
        return requireAdministers(id, caller).zipWith(requireAdministers(newParentId, caller)).flatMap(pair -> {
            Organization organization = pair.getT1();
            checkVersion(organization.getVersion(), expectedVersion);
            String oldPath = organization.getPath();
            organization.moveTo(pair.getT2(), caller.username(), clock);
            return organizations.save(organization)
                    .flatMap(saved -> rebaseDescendants(oldPath, saved.getPath()).thenReturn(saved));
        });
    }

    private Mono<Void> rebaseDescendants(String oldPath, String newPath) {
        return mongo.find(Query.query(where("path").regex("^" + Pattern.quote(oldPath) + "/")), Organization.class)
                .concatMap(descendant -> {
                    descendant.rebase(oldPath, newPath);
                    return organizations.save(descendant);
                }).then();
    }

    /** Recomputes every path from the parent links; fixes what an interrupted move left behind. */
    public Mono<Long> repairPaths() {
        return organizations.findAll().collectMap(Organization::getId).flatMap(byId -> Flux
                .fromIterable(byId.values())
                .filter(organization -> !organization.getPath().equals(expectedPath(organization, byId)))
                .concatMap(organization -> {
                    organization.rebase(organization.getPath().substring(0, organization.getPath().lastIndexOf('/')),
                            expectedPath(organization, byId).substring(0,
                                    expectedPath(organization, byId).lastIndexOf('/')));
                    return organizations.save(organization);
                }).count());
    }

    private static String expectedPath(Organization organization, java.util.Map<String, Organization> byId) {
        StringBuilder path = new StringBuilder();
        Organization current = organization;
        int guard = 0;
        while (current != null && guard++ < 64) {
            path.insert(0, "/" + current.getId());
            current = current.getParentId() == null ? null : byId.get(current.getParentId());
        }
        return path.toString();
    }

    public Mono<Organization> electCommittee(String id, long expectedVersion,
            city.party.member.organization.domain.CommitteeTerm term, CallerScope caller) {
        return requireAdministers(id, caller).flatMap(organization -> {
            checkVersion(organization.getVersion(), expectedVersion);
            organization.electCommittee(term, caller.username(), clock);
            return organizations.save(organization);
        });
    }

    /** Makes {@code username} an administrator (org-admin of this subtree); Keycloak follows through the sync. */
    public Mono<Organization> assignAdministrator(String id, String username, CallerScope caller) {
        return requireAdministers(id, caller).flatMap(organization -> organization.assignAdministrator(username,
                caller.username(), clock) ? organizations.save(organization) : Mono.just(organization));
    }

    public Mono<Organization> removeAdministrator(String id, String username, CallerScope caller) {
        return requireAdministers(id, caller).flatMap(organization -> {
            if (username.equals(caller.username()) && !caller.seesWholeCity()) {
                // An org-admin removing themselves would lock the subtree out until the 工委 steps in.
                throw ProblemException.conflict("organization.administrator-self-removal",
                        "Administrators cannot remove themselves; ask the work committee.");
            }
            organization.removeAdministrator(username, caller.username(), clock);
            return organizations.save(organization);
        });
    }

    public Mono<Organization> dissolve(String id, long expectedVersion, CallerScope caller) {
        return requireAdministers(id, caller).flatMap(organization -> {
            checkVersion(organization.getVersion(), expectedVersion);
            Mono<Long> children = organizations.countByParentIdAndStatus(id, OrganizationStatus.ACTIVE);
            Mono<Long> members = mongo.count(Query.query(where("organizationId").is(id)
                    .and("status").in(MemberStatus.ACTIVE, MemberStatus.TRANSFERRING)), "members");
            return Mono.zip(children, members).flatMap(counts -> {
                organization.dissolve(counts.getT1(), counts.getT2(), caller.username(), clock);
                return organizations.save(organization);
            });
        });
    }

    /**
     * The organisation, if the caller may change it: committee staff anywhere, an org-admin within
     * their subtrees; others get 403 for what they can see and 404 for what they cannot.
     */
    public Mono<Organization> requireAdministers(String id, CallerScope caller) {
        if (!caller.hasRole(Roles.COMMITTEE_ADMIN) && !caller.hasRole(Roles.ORG_ADMIN)) {
            return Mono.error(new org.springframework.security.access.AccessDeniedException(
                    "only committee staff and organisation administrators change the tree and the register"));
        }
        return get(id, caller).flatMap(organization -> caller.hasRole(Roles.COMMITTEE_ADMIN)
                || caller.administeredPaths().stream().anyMatch(root -> organization.getPath().equals(root)
                        || organization.getPath().startsWith(root + "/"))
                ? Mono.just(organization)
                : Mono.error(new org.springframework.security.access.AccessDeniedException(
                        "not an administrator of " + id)));
    }

    private static void checkVersion(Long actual, long expected) {
        if (actual == null || actual != expected) {
            throw new org.springframework.dao.OptimisticLockingFailureException(
                    "version " + expected + " is not the current version " + actual);
        }
    }
}

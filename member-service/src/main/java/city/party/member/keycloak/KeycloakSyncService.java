package city.party.member.keycloak;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import city.party.member.member.domain.Member;
import city.party.member.member.domain.MemberStatus;
import city.party.member.organization.domain.Organization;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * Keeps Keycloak mirroring the register. Changes in the register never wait for Keycloak: they
 * succeed on their own, and this service catches up — right after each change (woken by the
 * service's own organisation and member events), periodically, and on demand. If Keycloak is
 * down the attempt fails and the next one repairs everything, since reconciliation is idempotent
 * and works from the full state, not from a queue of changes that could be lost.
 */
public class KeycloakSyncService implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(KeycloakSyncService.class);

    private final ReactiveMongoTemplate mongo;
    private final DirectoryReconciler reconciler;
    private final Duration interval;
    private final Sinks.Many<Boolean> wakeUps = Sinks.many().multicast().directBestEffort();
    private final AtomicReference<SyncReport> lastSuccess = new AtomicReference<>();
    private final Runnable renewAccess;
    private final java.time.Clock clock;
    private volatile Disposable loop;
    private volatile Duration retryDelay = RETRY_MIN;

    private static final Duration RETRY_MIN = Duration.ofSeconds(5);
    private static final Duration RETRY_MAX = Duration.ofMinutes(1);

    /**
     * @param renewAccess obtains a fresh admin token (after a Keycloak restart the old one may be
     *                    refused before it expires)
     */
    public KeycloakSyncService(ReactiveMongoTemplate mongo, DirectoryReconciler reconciler, Duration interval,
            MeterRegistry meters, Runnable renewAccess, java.time.Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
        this.reconciler = reconciler;
        this.interval = interval;
        this.renewAccess = renewAccess;
        Gauge.builder("member.keycloak.sync.last.success", lastSuccess,
                ref -> ref.get() == null ? 0 : ref.get().getFinishedAt().getEpochSecond())
                .description("epoch second of the last successful Keycloak reconciliation").register(meters);
    }

    /** Asks for a reconciliation soon (changes are coalesced). */
    public void wakeUp() {
        wakeUps.tryEmitNext(Boolean.TRUE);
    }

    /** One full reconciliation of Keycloak with the register. */
    public Mono<SyncReport> reconcile() {
        Mono<List<Organization>> organizations = mongo.findAll(Organization.class).collectList();
        Mono<Map<String, GroupLink>> links = mongo.findAll(GroupLink.class)
                .collectMap(GroupLink::organizationId).map(HashMap::new);
        // One read of everyone with an account (on the emulator any such query scans the register):
        // active members get their access, those whose membership ended lose it.
        Mono<Map<Boolean, List<Member>>> accounts = mongo.find(Query.query(where("username").ne(null).and("status")
                .in(MemberStatus.ACTIVE, MemberStatus.DECEASED, MemberStatus.LEFT, MemberStatus.LAPSED)), Member.class)
                .collectList().map(all -> all.stream().collect(java.util.stream.Collectors.partitioningBy(
                        m -> m.getStatus() == MemberStatus.ACTIVE)));
        return Mono.zip(organizations, links, accounts)
                .flatMap(state -> {
                    Map<String, GroupLink> before = Map.copyOf(state.getT2());
                    List<Member> active = state.getT3().get(true);
                    return Mono.fromCallable(() -> reconciler.reconcile(state.getT1(), state.getT2(), active,
                            state.getT3().get(false)))
                        .subscribeOn(Schedulers.boundedElastic())
                        .flatMap(report -> saveLinks(before, state.getT2())
                                .then(recordProvisionedAccounts(active, report))
                                .then(forgetAppliedRevocations(state.getT1(), report))
                                .thenReturn(report));
                })
                .doOnNext(report -> {
                    if (report.getProblems().isEmpty()) {
                        lastSuccess.set(report);
                    }
                    if (!report.isInSync()) {
                        log.info("Keycloak reconciled: {} groups created, {} moved, {} renamed, {} removed, "
                                + "{} accounts created, {} disabled, {} memberships removed, problems {}", report.getGroupsCreated(),
                                report.getGroupsMoved(), report.getGroupsRenamed(), report.getGroupsRemoved(),
                                report.getAccountsCreated(), report.getAccountsDisabled(), report.getMembershipsRemoved(),
                                report.getProblems());
                    }
                });
    }

    /**
     * Notes each newly provisioned account on its member (which publishes account-provisioned).
     * A member changed meanwhile (version conflict) is simply noted on the next run.
     */
    private Mono<Void> recordProvisionedAccounts(List<Member> members, SyncReport report) {
        return Flux.fromIterable(members)
                .filter(member -> member.recordAccountProvisioned(report.accounts().get(member.getId()), clock))
                .concatMap(member -> mongo.save(member).onErrorResume(
                        org.springframework.dao.OptimisticLockingFailureException.class, e -> {
                            log.debug("member {} changed during the sync; its account is recorded next time",
                                    member.getId());
                            return Mono.empty();
                        }))
                .then();
    }

    private Mono<Void> forgetAppliedRevocations(List<Organization> organizations, SyncReport report) {
        return Flux.fromIterable(organizations)
                .filter(o -> report.revocations().containsKey(o.getId()))
                .doOnNext(o -> o.revocationsApplied(report.revocations().get(o.getId())))
                .concatMap(o -> mongo.save(o).onErrorResume(
                        org.springframework.dao.OptimisticLockingFailureException.class, e -> Mono.empty()))
                .then();
    }

    /** Writes only what changed: a reconciliation that found the directory in sync writes nothing. */
    private Mono<Void> saveLinks(Map<String, GroupLink> before, Map<String, GroupLink> after) {
        Mono<Void> removed = before.keySet().stream().anyMatch(id -> !after.containsKey(id))
                ? mongo.remove(Query.query(where("_id").nin(after.keySet())), GroupLink.class).then()
                : Mono.empty();
        return removed.thenMany(Flux.fromIterable(after.values()).filter(link -> {
            GroupLink old = before.get(link.organizationId());
            return old == null || !old.groupId().equals(link.groupId()) || !old.path().equals(link.path());
        }).concatMap(mongo::save)).then();
    }

    /** Keycloak down or refusing: try again soon (backing off), instead of waiting for the next period. */
    private void retryLater(Throwable failure) {
        Duration wait = retryDelay;
        retryDelay = wait.multipliedBy(2).compareTo(RETRY_MAX) > 0 ? RETRY_MAX : wait.multipliedBy(2);
        if (failure != null) {
            log.warn("Keycloak not reconciled, retrying in {}: {}", wait, failure.toString());
            if (isAuthenticationFailure(failure)) {
                try {
                    renewAccess.run();
                }
                catch (RuntimeException e) {
                    log.debug("could not renew the admin token yet: {}", e.toString());
                }
            }
        }
        Mono.delay(wait).subscribe(x -> wakeUp());
    }

    private static boolean isAuthenticationFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof jakarta.ws.rs.NotAuthorizedException) {
                return true;
            }
        }
        return false;
    }

    public SyncReport lastSuccess() {
        return lastSuccess.get();
    }

    @Override
    public void start() {
        Flux<Object> triggers = Flux.merge(Flux.interval(Duration.ofSeconds(5), interval),
                wakeUps.asFlux().sample(Duration.ofSeconds(1)));
        loop = triggers.onBackpressureDrop()
                .concatMap(tick -> reconcile()
                        .doOnNext(report -> {
                            if (report.getProblems().isEmpty()) {
                                retryDelay = RETRY_MIN;
                            }
                            else {
                                retryLater(null);
                            }
                        })
                        .onErrorResume(e -> {
                            retryLater(e);
                            return Mono.empty();
                        }), 1)
                .subscribe();
    }

    @Override
    public void stop() {
        if (loop != null) {
            loop.dispose();
            loop = null;
        }
    }

    @Override
    public boolean isRunning() {
        return loop != null;
    }
}

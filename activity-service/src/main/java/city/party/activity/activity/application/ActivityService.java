package city.party.activity.activity.application;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import city.party.activity.activity.domain.Activity;
import city.party.activity.activity.domain.ActivityPlan;
import city.party.activity.activity.domain.ActivityStatus;
import city.party.activity.activity.domain.AppraisalGrade;
import city.party.activity.activity.domain.Attendee;
import city.party.activity.activity.domain.SignInCode;
import city.party.activity.compliance.application.ComplianceCounters;
import city.party.activity.config.ActivityProperties;
import city.party.activity.kind.ActivityKinds;
import city.party.activity.readmodel.application.Directory;
import city.party.activity.readmodel.application.ReadModelUpdater;
import city.party.activity.readmodel.domain.MemberRecord;
import city.party.activity.readmodel.domain.OrganizationNode;
import city.party.platform.security.CallerScope;
import city.party.platform.security.Roles;
import city.party.platform.web.ProblemException;
import city.party.platform.web.ProblemType;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * The activities' use cases. Scope is part of every query: an org-admin reaches only activities of
 * organisations in their subtrees, a member those of their organisation or where they are expected.
 * Commands reload and retry on a concurrent change (e.g. members signing in at the same moment):
 * every rule is checked again against the fresh state.
 */
@Service
public class ActivityService implements ReadModelUpdater.PathRewriter {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ReactiveMongoTemplate mongo;
    private final ActivityKinds kinds;
    private final Directory directory;
    private final ComplianceCounters counters;
    private final ActivityProperties properties;
    private final Clock clock;

    ActivityService(ReactiveMongoTemplate mongo, ActivityKinds kinds, Directory directory, ComplianceCounters counters,
            ActivityProperties properties, Clock clock) {
        this.mongo = mongo;
        this.kinds = kinds;
        this.directory = directory;
        this.counters = counters;
        this.properties = properties;
        this.clock = clock;
    }

    public record Search(String organizationId, String kind, ActivityStatus status, Instant from, Instant to, int page,
            int size) {
    }

    public record SearchResult(List<Activity> content, long totalElements) {
    }

    /** A member's own attendance at one activity. */
    public record MyAttendance(String activityId, String kind, String kindName, String topic, Instant startsAt,
            ActivityStatus status, String organizationId, String attendance, String reason) {
    }

    public Mono<Activity> plan(ActivityPlan plan, CallerScope caller) {
        requireAdministrator(caller);
        return kinds.require(plan.kind()).flatMap(kind -> Flux.fromIterable(plan.organizationIds().stream().distinct()
                .toList()).concatMap(id -> directory.organizationInScope(id, caller)).collectList()
                .flatMap(organisers -> {
                    if (organisers.stream().anyMatch(OrganizationNode::isDissolved)) {
                        return Mono.error(city.party.activity.config.Violations.rule("activity.organiser-exists", null,
                                "activity.organiser-dissolved", "A dissolved organisation cannot hold activities."));
                    }
                    LocalDate day = plan.startsAt().atZone(Activity.CITY_ZONE).toLocalDate();
                    return expectedAttendees(organisers, day).map(expected -> Activity.plan(plan, kind,
                            organisers.stream().map(o -> new Activity.Organiser(o.getId(), o.getPath())).toList(),
                            expected, caller.username(), clock));
                }))
                .flatMap(mongo::insert);
    }

    /** Party members of the organisers' subtrees on the activity's day. */
    private Mono<List<Attendee>> expectedAttendees(List<OrganizationNode> organisers, LocalDate day) {
        return Flux.fromIterable(organisers).concatMap(o -> directory.subtree(o.getPath()))
                .map(OrganizationNode::getId).distinct().collectList()
                .flatMapMany(ids -> directory.partyMembersOn(ids, day))
                .map(m -> attendee(m, day)).collectList();
    }

    private static Attendee attendee(MemberRecord member, LocalDate day) {
        return new Attendee(member.getId(), member.getName(), member.organizationAt(day), member.votingOn(day), null,
                null, null, null, null);
    }

    public Mono<Activity> get(String id, CallerScope caller) {
        return readScope(caller).flatMap(scope -> mongo.findOne(query(new Criteria().andOperator(
                where("_id").is(id), scope)), Activity.class))
                .switchIfEmpty(Mono.error(ProblemException.notFound("activity", id)));
    }

    public Mono<SearchResult> search(Search search, CallerScope caller) {
        Mono<Criteria> within = search.organizationId() == null ? Mono.just(new Criteria())
                : directory.organizationInScope(search.organizationId(), caller)
                        .map(o -> Directory.subtreeCriteria("organizationPaths", o.getPath()));
        if (caller.administeredPaths().isEmpty() && !caller.seesWholeCity() && search.organizationId() != null) {
            // Members have no organisation scope: filtering by organisation is for administrators.
            within = Mono.just(where("organizationIds").is(search.organizationId()));
        }
        return Mono.zip(readScope(caller), within).flatMap(criteria -> {
            List<Criteria> all = new ArrayList<>(List.of(criteria.getT1(), criteria.getT2()));
            if (search.kind() != null) {
                all.add(where("kind").is(search.kind()));
            }
            if (search.status() != null) {
                all.add(where("status").is(search.status()));
            }
            if (search.from() != null) {
                all.add(where("startsAt").gte(search.from()));
            }
            if (search.to() != null) {
                all.add(where("startsAt").lt(search.to()));
            }
            Criteria criterion = new Criteria().andOperator(all);
            Query page = query(criterion).with(Sort.by(Sort.Direction.DESC, "startsAt").and(Sort.by("_id")))
                    .skip((long) search.page() * search.size()).limit(search.size());
            page.fields().exclude("outbox").exclude("signInCodes");
            return Mono.zip(mongo.find(page, Activity.class).collectList(), mongo.count(query(criterion),
                    Activity.class)).map(r -> new SearchResult(r.getT1(), r.getT2()));
        });
    }

    /**
     * Changes a planned activity ({@code expectedVersion} from If-Match; 409 if it changed since).
     * A new day brings the expected attendees of that day.
     */
    public Mono<Activity> replan(String id, long expectedVersion, String topic, Instant startsAt, Instant endsAt,
            String place, CallerScope caller) {
        requireAdministrator(caller);
        return load(id, caller).flatMap(activity -> {
            if (activity.getVersion() == null || activity.getVersion() != expectedVersion) {
                return Mono.error(new OptimisticLockingFailureException("activity " + id + " changed"));
            }
            LocalDate newDay = startsAt == null ? null : startsAt.atZone(Activity.CITY_ZONE).toLocalDate();
            Mono<List<Attendee>> expected = newDay == null || newDay.equals(activity.day()) ? Mono.just(List.of())
                    : organisers(activity).flatMap(organisers -> expectedAttendees(organisers, newDay));
            return expected.flatMap(list -> {
                activity.replan(topic, startsAt, endsAt, place, newDay == null || newDay.equals(activity.day()) ? null
                        : list, clock);
                return mongo.save(activity);
            });
        });
    }

    /** Marks it held, with the expected attendees taken again for its day (members may have moved). */
    public Mono<Activity> hold(String id, CallerScope caller) {
        requireAdministrator(caller);
        return holdWithFreshAttendees(id, caller);
    }

    private Mono<Activity> holdWithFreshAttendees(String id, CallerScope caller) {
        return Mono.defer(() -> load(id, caller).flatMap(activity -> organisers(activity)
                .flatMap(organisers -> expectedAttendees(organisers, activity.day())).flatMap(expected -> {
                    activity.hold(expected, caller.username(), clock);
                    return mongo.save(activity);
                })))
                .retryWhen(Retry.max(3).filter(OptimisticLockingFailureException.class::isInstance))
                .flatMap(saved -> counters.sync(saved).thenReturn(saved));
    }

    private Mono<List<OrganizationNode>> organisers(Activity activity) {
        return Flux.fromIterable(activity.getOrganizationIds()).concatMap(directory::organization).collectList();
    }

    public Mono<Activity> record(String id, String minutes, String note, CallerScope caller) {
        return change(id, caller, a -> a.record(minutes, note, caller.username(), clock));
    }

    public Mono<Activity> cancel(String id, String reason, CallerScope caller) {
        return change(id, caller, a -> a.cancel(reason, caller.username(), clock))
                .flatMap(saved -> counters.sync(saved).thenReturn(saved));
    }

    public Mono<Activity> recordAttendance(String id, List<Activity.AttendanceEntry> entries, CallerScope caller) {
        return change(id, caller, a -> a.recordAttendance(entries, caller.username(), clock));
    }

    public Mono<SignInCode> issueSignInCode(String id, Duration validity, CallerScope caller) {
        Duration ttl = validity == null ? properties.signIn().codeValidity() : validity;
        if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(properties.signIn().maxValidity()) > 0) {
            return Mono.error(new ProblemException(ProblemType.VALIDATION_FAILED, "activity.sign-in-validity",
                    "A sign-in code is valid for at most {0} minutes.", properties.signIn().maxValidity().toMinutes())
                    .with("errors", List.of(Map.of("field", "validMinutes", "message",
                            "1.." + properties.signIn().maxValidity().toMinutes()))));
        }
        String code = String.format("%06d", RANDOM.nextInt(1_000_000));
        SignInCode[] issued = new SignInCode[1];
        return change(id, caller, a -> issued[0] = a.issueSignInCode(code, ttl, caller.username(), clock))
                .map(a -> issued[0]);
    }

    /** A member signs in themselves; the activity must be one they can see (their organisation's). */
    public Mono<Activity> signIn(String id, String code, CallerScope caller) {
        return directory.memberOf(caller)
                .switchIfEmpty(Mono.error(city.party.activity.config.Violations.rule("sign-in.member", null,
                        "activity.sign-in-not-a-member", "Only party members in the register can sign in.")
                        .with("reason", "NOT_A_MEMBER")))
                .flatMap(member -> Mono.defer(() -> mongo.findById(id, Activity.class)
                        .filter(activity -> activity.knownAtSignIn(member.getId(), member.getOrganizationId(), code))
                        .switchIfEmpty(Mono.error(ProblemException.notFound("activity", id)))
                        .flatMap(activity -> {
                            activity.signIn(member.getId(), code, clock);
                            return mongo.save(activity);
                        }))
                        .retryWhen(Retry.max(5).filter(OptimisticLockingFailureException.class::isInstance))
                        .onErrorResume(ProblemException.class, e -> "CODE_UNKNOWN".equals(e.properties().get("reason"))
                                ? mongo.updateFirst(query(where("_id").is(id)), new org.springframework.data.mongodb
                                        .core.query.Update().inc("signInFailures." + member.getId(), 1), Activity.class)
                                        .then(Mono.error(e))
                                : Mono.error(e)));
    }

    public Mono<Activity> appraise(String id, int year, Map<String, AppraisalGrade> grades, CallerScope caller) {
        ActivityProperties.Appraisal rule = properties.appraisal();
        String[] share = rule.excellentShare().split("/");
        return change(id, caller, a -> a.appraise(year, grades, Integer.parseInt(share[0].trim()),
                Integer.parseInt(share[1].trim()), rule.source(), caller.username(), clock));
    }

    /** The caller's own line of an activity's attendance (members see nothing of the others). */
    public Mono<List<Attendee>> ownLine(Activity activity, CallerScope caller) {
        return directory.memberOf(caller).map(member -> activity.getAttendees().stream()
                .filter(a -> a.memberId().equals(member.getId())).toList()).defaultIfEmpty(List.of());
    }

    /** The caller's own attendance record (member role), newest first. */
    public Flux<MyAttendance> myAttendance(CallerScope caller, int page, int size) {
        return directory.memberOf(caller).flatMapMany(member -> {
            Query q = query(where("attendees.memberId").is(member.getId()))
                    .with(Sort.by(Sort.Direction.DESC, "startsAt").and(Sort.by("_id")))
                    .skip((long) page * size).limit(size);
            q.fields().exclude("outbox").exclude("signInCodes");
            return mongo.find(q, Activity.class).map(a -> {
                Attendee mine = a.getAttendees().stream().filter(x -> x.memberId().equals(member.getId()))
                        .findFirst().orElseThrow();
                return new MyAttendance(a.getId(), a.getKind(), a.getKindName(), a.getTopic(), a.getStartsAt(),
                        a.getStatus(), mine.organizationId(),
                        mine.attendance() == null ? null : mine.attendance().name(), mine.reason());
            });
        });
    }

    /** The activity if the caller may change it (404 outside their scope, 403 for non-administrators). */
    public Mono<Activity> requireWritable(String id, CallerScope caller) {
        return Mono.defer(() -> load(id, caller)).flatMap(a -> a.getStatus() == ActivityStatus.CANCELLED
                ? Mono.error(ProblemException.conflict("activity.wrong-status", "Cannot {0} an activity that is {1}.",
                        "attach files to", a.getStatus()))
                : Mono.just(a));
    }

    /** Loads within the caller's write scope, applies the command, saves; retried on a concurrent change. */
    private Mono<Activity> change(String id, CallerScope caller, Consumer<Activity> command) {
        requireAdministrator(caller);
        return Mono.defer(() -> load(id, caller).flatMap(activity -> {
            command.accept(activity);
            return mongo.save(activity);
        })).retryWhen(Retry.max(3).filter(OptimisticLockingFailureException.class::isInstance));
    }

    private Mono<Activity> load(String id, CallerScope caller) {
        requireAdministrator(caller);
        return mongo.findOne(query(new Criteria().andOperator(where("_id").is(id),
                caller.organizationCriteria("organizationPaths"))), Activity.class)
                .switchIfEmpty(Mono.error(ProblemException.notFound("activity", id)));
    }

    private Mono<Criteria> readScope(CallerScope caller) {
        if (caller.seesWholeCity() || !caller.administeredPaths().isEmpty()) {
            return Mono.just(caller.organizationCriteria("organizationPaths"));
        }
        if (caller.hasRole(Roles.MEMBER)) {
            return directory.memberOf(caller).map(m -> new Criteria().orOperator(
                    where("organizationIds").is(m.getOrganizationId()), where("attendees.memberId").is(m.getId())))
                    .defaultIfEmpty(where("_id").in(List.of()));
        }
        return Mono.just(where("_id").in(List.of()));
    }

    private static void requireAdministrator(CallerScope caller) {
        if (!caller.hasRole(Roles.COMMITTEE_ADMIN) && caller.administeredPaths().isEmpty()) {
            throw new AccessDeniedException("activities are managed by secretaries and the work committee");
        }
    }

    /** Organisers' paths follow a move of their organisation (scope is checked on them). */
    @Override
    public Mono<Void> rewrite(String oldPath, String newPath) {
        return mongo.find(query(Directory.subtreeCriteria("organizationPaths", oldPath)), Activity.class)
                .concatMap(activity -> {
                    activity.rewritePaths(oldPath, newPath);
                    return mongo.save(activity);
                }).then();
    }
}

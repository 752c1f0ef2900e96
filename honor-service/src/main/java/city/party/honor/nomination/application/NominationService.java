package city.party.honor.nomination.application;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import city.party.honor.award.domain.Award;
import city.party.honor.facts.application.Facts;
import city.party.honor.facts.domain.MemberFact;
import city.party.honor.facts.domain.OrganizationFact;
import city.party.honor.nomination.domain.EligibilityCheck;
import city.party.honor.nomination.domain.EligibilityRules;
import city.party.honor.nomination.domain.Nomination;
import city.party.honor.nomination.domain.NominationState;
import city.party.honor.nomination.domain.Nominee;
import city.party.honor.nomination.domain.NomineeType;
import city.party.honor.nomination.domain.Objection;
import city.party.honor.nomination.domain.Review;
import city.party.honor.program.application.ProgramService;
import city.party.honor.program.domain.HonorProgram;
import city.party.honor.program.domain.NoticeRound;
import city.party.platform.security.CallerScope;
import city.party.platform.security.Roles;
import city.party.platform.web.ProblemException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * Nominations from submission to award. Scope is part of every query: a unit's clerks and
 * committee see and nominate only within their subtree (by the nominee's organisation path), the
 * work committee sees all; what lies outside does not exist for the caller (404).
 */
@Service
public class NominationService {

    static final String SCOPE_FIELD = "nominee.organizationPath";

    private final ReactiveMongoTemplate mongo;
    private final ProgramService programs;
    private final Facts facts;
    private final QuotaSlots slots;
    private final Clock clock;
    private final java.time.Duration noticeDay;

    NominationService(ReactiveMongoTemplate mongo, ProgramService programs, Facts facts, QuotaSlots slots,
            Clock clock, @org.springframework.beans.factory.annotation.Value("${honor.notice.day-length:1d}")
            java.time.Duration noticeDay) {
        this.mongo = mongo;
        this.programs = programs;
        this.facts = facts;
        this.slots = slots;
        this.clock = clock;
        this.noticeDay = noticeDay;
    }

    public record Search(String programId, String category, NominationState state, int page, int size) {
    }

    public record Page<T>(List<T> content, long totalElements) {
    }

    public record Submission(String programId, String category, NomineeType nomineeType, String nomineeId,
            String deeds) {
    }

    /** The eligibility of a member for a programme, criterion by criterion. */
    public Mono<EligibilityCheck> eligibility(String programId, String memberId, CallerScope caller) {
        return programs.get(programId).flatMap(program -> nominee(NomineeType.MEMBER, memberId, caller)
                .flatMap(nominee -> check(program, nominee)));
    }

    public Mono<Nomination> submit(Submission submission, CallerScope caller) {
        if (!caller.hasRole(Roles.COMMITTEE_ADMIN) && !caller.hasRole(Roles.ORG_ADMIN)) {
            return Mono.error(new AccessDeniedException("only party organisations nominate"));
        }
        return programs.get(submission.programId()).flatMap(program -> nominee(submission.nomineeType(),
                submission.nomineeId(), caller).flatMap(nominee -> check(program, nominee).map(eligibility -> Nomination
                        .submit(program, submission.category(), nominee, submission.deeds(), eligibility,
                                caller.username(), clock)))
                .flatMap(nomination -> {
                    int limit = program.quota(nomination.getNominee().unitId(), nomination.getCategory());
                    return slots.claim(program.getId(), nomination.getNominee().unitId(), nomination.getCategory(),
                            limit, nomination.getId())
                            .switchIfEmpty(Mono.error(() -> ProblemException.conflict("nomination.quota-exceeded",
                                    "The quota of unit {0} in category {1} ({2}) is used up.",
                                    nomination.getNominee().unitId(), nomination.getCategory(), limit)
                                    .with("reason", "quota-exceeded").with("quota", limit)))
                            // Whatever keeps the nomination from being stored gives its slot back.
                            .then(mongo.insert(nomination).onErrorResume(e -> slots.release(nomination.getId())
                                    .then(Mono.error(e instanceof DuplicateKeyException ? ProblemException.conflict(
                                            "nomination.duplicate",
                                            "This nominee already has a live nomination in this programme.")
                                            .with("reason", "duplicate-nomination") : e))));
                }));
    }

    public Mono<Nomination> get(String id, CallerScope caller) {
        return mongo.findOne(Query.query(new Criteria().andOperator(where("_id").is(id),
                caller.organizationCriteria(SCOPE_FIELD))), Nomination.class)
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("nomination", id)));
    }

    public Mono<Page<Nomination>> search(Search search, CallerScope caller) {
        List<Criteria> all = new ArrayList<>();
        all.add(caller.organizationCriteria(SCOPE_FIELD));
        if (search.programId() != null) {
            all.add(where("programId").is(search.programId()));
        }
        if (search.category() != null) {
            all.add(where("category").is(search.category()));
        }
        if (search.state() != null) {
            all.add(where("state").is(search.state()));
        }
        Criteria criteria = new Criteria().andOperator(all);
        Query page = Query.query(criteria).with(Sort.by(Sort.Direction.DESC, "submittedAt").and(Sort.by("_id")))
                .skip((long) search.page() * search.size()).limit(search.size());
        return Mono.zip(mongo.find(page, Nomination.class).collectList(),
                mongo.count(Query.query(criteria), Nomination.class)).map(t -> new Page<>(t.getT1(), t.getT2()));
    }

    public Mono<Nomination> review(String id, Review.Decision decision, String comment, CallerScope caller) {
        return get(id, caller).flatMap(nomination -> programs.get(nomination.getProgramId()).flatMap(program ->
                check(program, nomination.getNominee()).flatMap(current -> {
                    nomination.refreshEligibility(current);
                    nomination.review(decision, comment, caller, program, clock);
                    return mongo.save(nomination);
                }))).flatMap(saved -> saved.getState() == NominationState.REJECTED
                ? slots.release(saved.getId()).thenReturn(saved) : Mono.just(saved));
    }

    /**
     * Puts every nomination the work committee approved on public notice. The programme (with the
     * notice round and its event) is written first, then the nominations are moved into the round.
     * If that is interrupted, calling again finishes it: nominations still awaiting notice that a
     * round already lists join that round (no second round, no second event).
     */
    public Mono<NoticeRound> startNotice(String programId, CallerScope caller) {
        if (!caller.hasRole(Roles.COMMITTEE_ADMIN)) {
            return Mono.error(new AccessDeniedException("only the work committee starts a public notice"));
        }
        return programs.get(programId).flatMap(program -> mongo.find(Query.query(where("programId").is(programId)
                .and("state").is(NominationState.COMMITTEE_APPROVED)), Nomination.class).collectList()
                .flatMap(approved -> {
                    if (approved.isEmpty()) {
                        return Mono.error(ProblemException.conflict("program.nothing-to-notice",
                                "No nomination of this programme awaits public notice.")
                                .with("reason", "nothing-to-notice"));
                    }
                    java.util.Optional<NoticeRound> unfinished = program.getNotices().stream()
                            .filter(r -> approved.stream().anyMatch(n -> r.nominationIds().contains(n.getId())))
                            .findFirst();
                    if (unfinished.isPresent()) {
                        NoticeRound round = unfinished.get();
                        return moveInto(round, approved.stream()
                                .filter(n -> round.nominationIds().contains(n.getId())).toList()).thenReturn(round);
                    }
                    NoticeRound round = program.startNotice(approved.stream().map(Nomination::getId).toList(),
                            caller.username(), clock, noticeDay);
                    return programs.save(program).then(moveInto(round, approved)).thenReturn(round);
                }));
    }

    private Mono<Void> moveInto(NoticeRound round, List<Nomination> nominations) {
        return Flux.fromIterable(nominations).concatMap(n -> {
            n.startNotice(round.id(), round.startsAt(), round.endsAt());
            return mongo.save(n);
        }).then();
    }

    /** Nominations on public notice now, for the public page. */
    public Mono<Page<Nomination>> onNotice(String programId, int page, int size) {
        Criteria criteria = where("state").is(NominationState.IN_NOTICE);
        if (programId != null) {
            criteria = criteria.and("programId").is(programId);
        }
        Query query = Query.query(criteria).with(Sort.by("noticeEndsAt", "_id")).skip((long) page * size).limit(size);
        return Mono.zip(mongo.find(query, Nomination.class).collectList(),
                mongo.count(Query.query(criteria), Nomination.class)).map(t -> new Page<>(t.getT1(), t.getT2()));
    }

    /** Anyone may object to a nomination on notice; an authenticated caller is recorded. */
    public Mono<Objection> lodgeObjection(String nominationId, String text, Optional<CallerScope> caller) {
        // Objections from several people at once are normal on a public page: a lost optimistic race
        // is retried on the fresh document instead of being reported to the public as a conflict.
        return Mono.defer(() -> mongo.findOne(Query.query(where("_id").is(nominationId).and("state").is(NominationState.IN_NOTICE)),
                Nomination.class)
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("notice", nominationId)))
                .flatMap(nomination -> {
                    Objection objection = nomination.lodgeObjection(text, caller.map(CallerScope::username)
                            .orElse(null), clock);
                    return mongo.save(nomination).thenReturn(objection);
                })).retryWhen(reactor.util.retry.Retry.backoff(5, java.time.Duration.ofMillis(10))
                        .filter(org.springframework.dao.OptimisticLockingFailureException.class::isInstance)
                        .onRetryExhaustedThrow((spec, signal) -> signal.failure()));
    }

    public Mono<Nomination> resolveObjection(String id, String objectionId, Objection.Status outcome, String comment,
            CallerScope caller) {
        if (!caller.hasRole(Roles.COMMITTEE_ADMIN)) {
            return Mono.error(new AccessDeniedException("only the work committee resolves objections"));
        }
        return get(id, caller).flatMap(nomination -> {
            nomination.resolveObjection(objectionId, outcome, comment, caller.username(), clock);
            return mongo.save(nomination);
        }).flatMap(saved -> saved.getState() == NominationState.REJECTED
                ? slots.release(saved.getId()).thenReturn(saved) : Mono.just(saved));
    }

    /**
     * Final approval → award. The award (id derived from the nomination) is written first: a
     * repeated approval after a failure finds it and only finishes the nomination.
     */
    public Mono<Award> approve(String id, CallerScope caller) {
        if (!caller.hasRole(Roles.COMMITTEE_ADMIN)) {
            return Mono.error(new AccessDeniedException("only the work committee approves honours"));
        }
        return get(id, caller).flatMap(nomination -> programs.get(nomination.getProgramId()).flatMap(program ->
                check(program, nomination.getNominee()).map(current -> {
                    nomination.refreshEligibility(current);
                    return program;
                })).flatMap(program -> {
            nomination.approve(clock);
            Award award = Award.confer(nomination, program, caller.username(), clock);
            return mongo.insert(award).onErrorResume(DuplicateKeyException.class,
                    e -> mongo.findById(award.getId(), Award.class))
                    .flatMap(stored -> mongo.save(nomination).thenReturn(stored));
        }));
    }

    private Mono<EligibilityCheck> check(HonorProgram program, Nominee nominee) {
        if (nominee.type() == NomineeType.ORGANIZATION) {
            return facts.findOrganization(nominee.id()).map(EligibilityRules::organization)
                    .defaultIfEmpty(EligibilityRules.organization(null));
        }
        return Mono.zip(facts.findMember(nominee.id()),
                facts.attendance(nominee.id(), EligibilityRules.ORGANIZATIONAL_LIFE_MEETING,
                        EligibilityRules.lifeWindowStart(program.getOpensAt()), program.getOpensAt()).collectList(),
                facts.appraisals(nominee.id(), List.of(program.getYear() - 1, program.getYear())).collectList())
                .map(t -> EligibilityRules.member(t.getT1(), t.getT2(), t.getT3(), program.getYear(),
                        program.getOpensAt()));
    }

    /** The nominee as the read models know them, if the caller may see them (else 404). */
    private Mono<Nominee> nominee(NomineeType type, String id, CallerScope caller) {
        if (type == NomineeType.ORGANIZATION) {
            return facts.findOrganization(id).filter(org -> org.getPath() != null && caller.covers(org.getPath()))
                    .switchIfEmpty(Mono.error(() -> ProblemException.notFound("organization", id)))
                    .flatMap(org -> unitName(org.getPath()).map(unitName -> new Nominee(type, org.getId(),
                            org.getName(), null, org.getId(), org.getPath(), org.getName(),
                            OrganizationFact.unitIdOf(org.getPath()), OrganizationFact.unitPathOf(org.getPath()),
                            unitName)));
        }
        return facts.findMember(id).filter(MemberFact::isRegistered)
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("member", id)))
                .flatMap(member -> facts.findOrganization(member.getOrganizationId())
                        .filter(org -> org.getPath() != null && caller.covers(org.getPath()))
                        .switchIfEmpty(Mono.error(() -> ProblemException.notFound("member", id)))
                        .flatMap(org -> unitName(org.getPath()).map(unitName -> new Nominee(type, member.getId(),
                                member.getName(), member.getUsername(), org.getId(), org.getPath(), org.getName(),
                                OrganizationFact.unitIdOf(org.getPath()), OrganizationFact.unitPathOf(org.getPath()),
                                unitName))));
    }

    private Mono<String> unitName(String path) {
        String unitId = OrganizationFact.unitIdOf(path);
        if (unitId == null) {
            return Mono.just("");
        }
        return facts.findOrganization(unitId).map(OrganizationFact::getName).defaultIfEmpty(unitId);
    }
}

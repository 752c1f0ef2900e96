package city.party.member.member.domain;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import city.party.member.member.events.MemberEvents;
import city.party.platform.events.AggregateRoot;
import city.party.platform.web.ProblemException;
import city.party.platform.web.ProblemType;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import static city.party.member.member.domain.LifecycleRules.ACTIVIST_MIN_DURATION;
import static city.party.member.member.domain.LifecycleRules.APPROVAL_MAX_DELAY;
import static city.party.member.member.domain.LifecycleRules.CANDIDATE_MIN_TRAINING_DAYS;
import static city.party.member.member.domain.LifecycleRules.CANDIDATE_MIN_TRAINING_HOURS;
import static city.party.member.member.domain.LifecycleRules.INTRODUCERS;
import static city.party.member.member.domain.LifecycleRules.PROBATION;
import static city.party.member.member.domain.LifecycleRules.PROBATION_EXTENSION_MAX;
import static city.party.member.member.domain.LifecycleRules.PROBATION_EXTENSION_MIN;

/**
 * A person in the register and their way through the lifecycle (发展党员). Every stage change is a
 * command that checks the timing rules and is recorded with who, when and why; a violation is a
 * 422 problem naming the rule and its source.
 */
@Document("members")
public class Member extends AggregateRoot {

    /** The city's zone: "today" for a date rule is today in Asia/Shanghai, not in UTC. */
    public static final ZoneId CITY_ZONE = ZoneId.of("Asia/Shanghai");

    @Id
    private String id;
    private String name;
    private Gender gender;
    private String ethnicity;
    private String nativePlace;
    private LocalDate birthDate;
    private String idNumber;
    /** Keyed digest of the id number (the stored id number is encrypted): uniqueness and lookups. */
    private String idNumberDigest;
    private String education;
    private String organizationId;
    private LifecycleStage stage;
    private MemberStatus status;
    private LocalDate appliedOn;
    private LocalDate activistSince;
    private LocalDate candidateSince;
    private LocalDate joinedPartyOn;
    private LocalDate fullMemberOn;
    private Integer probationExtensionMonths;
    private LocalDate workStartedOn;
    private String position;
    private String phone;
    private String address;
    private String username;
    /** The current period away (流动党员), if any; ended periods are kept in {@link #floatingHistory}. */
    private Floating floating;
    private List<Floating> floatingHistory = new ArrayList<>();
    /** The Keycloak account id, once the identity sync has provisioned the account. */
    private String accountId;
    private List<StageTransition> transitions = new ArrayList<>();
    private List<Transfer> transfers = new ArrayList<>();
    private city.party.member.dues.domain.DuesBase duesBase;
    private List<city.party.member.dues.domain.DuesPayment> duesPayments = new ArrayList<>();
    private LocalDate statusSince;
    private String statusReason;
    private Instant registeredAt;
    private String registeredBy;
    private Instant updatedAt;

    Member() {
    }

    public static Member register(MemberRegistration data, LifecycleRules rules, String actor, Clock clock) {
        CitizenIdNumber idNumber = parseIdNumber(data.idNumber());
        LocalDate today = LocalDate.now(clock.withZone(CITY_ZONE));
        Member member = new Member();
        member.id = UUID.randomUUID().toString();
        member.name = data.name().trim();
        member.idNumber = idNumber.value();
        member.birthDate = data.birthDate() != null ? data.birthDate() : idNumber.birthDate();
        if (!member.birthDate.equals(idNumber.birthDate())) {
            throw invalid("birthDate", "member.birth-date-mismatch",
                    "The birth date does not match the citizen id number.");
        }
        member.gender = data.gender() != null ? data.gender() : idNumber.gender();
        if (member.gender != idNumber.gender()) {
            throw invalid("gender", "member.gender-mismatch", "The gender does not match the citizen id number.");
        }
        member.ethnicity = data.ethnicity();
        member.nativePlace = data.nativePlace();
        member.education = data.education();
        member.organizationId = data.organizationId();
        member.stage = data.stage() == null ? LifecycleStage.APPLICANT : data.stage();
        member.status = MemberStatus.ACTIVE;
        member.appliedOn = data.appliedOn();
        member.activistSince = data.activistSince();
        member.candidateSince = data.candidateSince();
        member.joinedPartyOn = data.joinedPartyOn();
        member.fullMemberOn = data.fullMemberOn();
        member.workStartedOn = data.workStartedOn();
        member.position = data.position();
        member.phone = data.phone();
        member.address = data.address();
        member.username = data.username();
        member.requireDatesOfStage(rules, today);
        member.registeredAt = clock.instant();
        member.registeredBy = actor;
        member.updatedAt = member.registeredAt;
        member.raise(MemberEvents.TOPIC, MemberEvents.REGISTERED, MemberEvents.registered(member), clock);
        return member;
    }

    private void requireDatesOfStage(LifecycleRules rules, LocalDate today) {
        Map<LifecycleStage, String> required = Map.of(LifecycleStage.APPLICANT, "appliedOn",
                LifecycleStage.ACTIVIST, "activistSince", LifecycleStage.CANDIDATE, "candidateSince",
                LifecycleStage.PROBATIONARY, "joinedPartyOn", LifecycleStage.FULL, "fullMemberOn");
        LocalDate stageDate = switch (stage) {
            case APPLICANT -> appliedOn;
            case ACTIVIST -> activistSince;
            case CANDIDATE -> candidateSince;
            case PROBATIONARY -> joinedPartyOn;
            case FULL -> fullMemberOn;
        };
        if (stageDate == null) {
            String field = required.get(stage);
            throw invalid(field, "member.stage-date-missing", "A member at stage " + stage + " needs " + field + ".");
        }
        for (LocalDate date : new LocalDate[] { appliedOn, activistSince, candidateSince, joinedPartyOn,
                fullMemberOn }) {
            if (date != null && date.isAfter(today)) {
                throw invalid(required.get(stage), "member.date-in-future", "Lifecycle dates cannot lie in the future.");
            }
        }
        if (stage == LifecycleStage.FULL) {
            if (joinedPartyOn == null) {
                throw invalid("joinedPartyOn", "member.stage-date-missing", "A full member needs joinedPartyOn.");
            }
            if (fullMemberOn.isBefore(joinedPartyOn.plus(rules.period(PROBATION)))) {
                throw violation(PROBATION, rules, "member.rule.probation",
                        "Conversion to full membership comes at the earliest one probation period after joining.",
                        rules.rules().get(PROBATION).value());
            }
        }
    }

    /** Moves the member one stage on, checking the rules for that step. */
    public void advance(StageChange change, LifecycleRules rules, String actor, Clock clock) {
        requireActive();
        LocalDate today = LocalDate.now(clock.withZone(CITY_ZONE));
        if (change.to() == null || change.to() != stage.next()) {
            throw violation("lifecycle.order", "《中国共产党发展党员工作细则》第一章 总则（发展党员须经过规定程序）",
                    "member.rule.order", "A member moves one stage at a time: from {0} only to {1}.", stage,
                    stage.next() == null ? "-" : stage.next());
        }
        LocalDate on = change.effectiveOn();
        if (on == null) {
            throw invalid("effectiveOn", "member.effective-on-missing", "The date of the decision is required.");
        }
        if (on.isAfter(today)) {
            throw invalid("effectiveOn", "member.date-in-future", "Lifecycle dates cannot lie in the future.");
        }
        LocalDate previous = stageSince();
        if (previous != null && on.isBefore(previous)) {
            throw invalid("effectiveOn", "member.date-before-previous-stage",
                    "The decision cannot predate the current stage.");
        }
        switch (change.to()) {
            case ACTIVIST -> activistSince = on;
            case CANDIDATE -> toCandidate(change, rules, on);
            case PROBATIONARY -> toProbationary(change, rules, on);
            case FULL -> toFull(rules, on);
            default -> throw new IllegalStateException("unreachable: " + change.to());
        }
        LifecycleStage from = stage;
        stage = change.to();
        record(from, on, change.reason(), rules, actor, clock);
    }

    private void toCandidate(StageChange change, LifecycleRules rules, LocalDate on) {
        Period minimum = rules.period(ACTIVIST_MIN_DURATION);
        if (on.isBefore(activistSince.plus(minimum))) {
            throw violation(ACTIVIST_MIN_DURATION, rules, "member.rule.activist-min-duration",
                    "An activist can be listed as a candidate only after {0} of education and observation "
                            + "(activist since {1}; earliest {2}).",
                    rules.rules().get(ACTIVIST_MIN_DURATION).value(), activistSince, activistSince.plus(minimum));
        }
        int days = change.trainingDays() == null ? 0 : change.trainingDays();
        int hours = change.trainingHours() == null ? 0 : change.trainingHours();
        if (days < rules.number(CANDIDATE_MIN_TRAINING_DAYS) && hours < rules.number(CANDIDATE_MIN_TRAINING_HOURS)) {
            throw violation(CANDIDATE_MIN_TRAINING_DAYS, rules, "member.rule.training",
                    "A candidate needs a short course of at least {0} days or {1} class hours.",
                    rules.number(CANDIDATE_MIN_TRAINING_DAYS), rules.number(CANDIDATE_MIN_TRAINING_HOURS));
        }
        List<String> introducers = change.introducerIds() == null ? List.of() : change.introducerIds();
        if (new HashSet<>(introducers).size() != rules.number(INTRODUCERS) || introducers.contains(id)
                || !change.introducersAreFullMembers()) {
            throw violation(INTRODUCERS, rules, "member.rule.introducers",
                    "A candidate needs {0} different full members as introducers.", rules.number(INTRODUCERS));
        }
        candidateSince = on;
    }

    private void toProbationary(StageChange change, LifecycleRules rules, LocalDate voteOn) {
        LocalDate approved = change.approvedOn();
        Period maxDelay = rules.period(APPROVAL_MAX_DELAY);
        if (approved == null || approved.isBefore(voteOn) || approved.isAfter(voteOn.plus(maxDelay))) {
            throw violation(APPROVAL_MAX_DELAY, rules, "member.rule.approval",
                    "The higher committee approves within {0} of the branch meeting''s vote ({1}).",
                    rules.rules().get(APPROVAL_MAX_DELAY).value(), voteOn);
        }
        joinedPartyOn = voteOn;
    }

    private void toFull(LifecycleRules rules, LocalDate on) {
        LocalDate earliest = probationEnds(rules);
        if (on.isBefore(earliest)) {
            throw violation(PROBATION, rules, "member.rule.probation",
                    "Probation lasts {0} from the vote (joined {1}); conversion is possible from {2}.",
                    rules.rules().get(PROBATION).value(), joinedPartyOn, earliest);
        }
        fullMemberOn = on;
    }

    /** Extends probation once, by 6 to 12 months. */
    public void extendProbation(int months, String reason, LifecycleRules rules, String actor, Clock clock) {
        requireActive();
        if (stage != LifecycleStage.PROBATIONARY) {
            throw ProblemException.conflict("member.not-probationary", "Only a probationary member's probation can "
                    + "be extended.");
        }
        int min = rules.period(PROBATION_EXTENSION_MIN).toTotalMonths() > 0
                ? (int) rules.period(PROBATION_EXTENSION_MIN).toTotalMonths() : 6;
        int max = (int) rules.period(PROBATION_EXTENSION_MAX).toTotalMonths();
        if (probationExtensionMonths != null) {
            throw violation(PROBATION_EXTENSION_MAX, rules, "member.rule.extension-once",
                    "Probation can be extended only once.");
        }
        if (months < min || months > max) {
            throw violation(PROBATION_EXTENSION_MIN, rules, "member.rule.extension-length",
                    "An extension lasts from {0} to {1} months.", min, max);
        }
        probationExtensionMonths = months;
        updatedAt = clock.instant();
        transitions.add(new StageTransition(stage, stage, LocalDate.now(clock.withZone(CITY_ZONE)), updatedAt, actor,
                "probation extended by " + months + " months: " + Objects.toString(reason, ""), rules.version()));
        raise(MemberEvents.TOPIC, MemberEvents.PROBATION_EXTENDED,
                new MemberEvents.ProbationExtended(id, organizationId, months, probationEnds(rules)), clock);
    }

    /**
     * The sending organisation issues a letter of introduction to {@code toOrganizationId}; the
     * member is TRANSFERRING until the receiving organisation decides.
     *
     * @param letterValidity how long the letter is valid (configured, with its source)
     */
    public Transfer issueTransfer(String toOrganizationId, String reason, java.time.Period letterValidity,
            String actor, Clock clock) {
        requireActive();
        if (toOrganizationId.equals(organizationId)) {
            throw invalid("toOrganizationId", "member.transfer-same-organization",
                    "A transfer goes to another organisation.");
        }
        LocalDate today = LocalDate.now(clock.withZone(CITY_ZONE));
        Transfer transfer = new Transfer(UUID.randomUUID().toString(), organizationId, toOrganizationId, reason,
                letterNumber(today), today, today.plus(letterValidity), Transfer.TransferStatus.ISSUED, actor,
                clock.instant(), null, null, null);
        transfers.add(transfer);
        status = MemberStatus.TRANSFERRING;
        updatedAt = clock.instant();
        raise(MemberEvents.TOPIC, MemberEvents.TRANSFER_ISSUED, new MemberEvents.TransferIssued(id, transfer.id(),
                organizationId, toOrganizationId, transfer.validUntil()), clock);
        return transfer;
    }

    private String letterNumber(LocalDate today) {
        return "ZZ" + today.toString().replace("-", "") + "-" + id.substring(0, 8).toUpperCase();
    }

    /** The receiving organisation accepts: the member moves, the receipt is recorded. */
    public void acceptTransfer(String transferId, String actor, String note, String letterRuleSource, Clock clock) {
        Transfer transfer = pendingTransfer(transferId);
        LocalDate today = LocalDate.now(clock.withZone(CITY_ZONE));
        if (today.isAfter(transfer.validUntil())) {
            throw ProblemException.ruleViolation("transfer.letter-validity", letterRuleSource,
                    "member.rule.letter-expired",
                    "The letter of introduction was valid until {0}; the sending organisation must issue a new one.",
                    transfer.validUntil());
        }
        replace(transfer, transfer.decided(Transfer.TransferStatus.ACCEPTED, actor, clock.instant(), note));
        String from = organizationId;
        organizationId = transfer.toOrganizationId();
        status = MemberStatus.ACTIVE;
        updatedAt = clock.instant();
        raise(MemberEvents.TOPIC, MemberEvents.TRANSFERRED, new MemberEvents.Transferred(id, transfer.id(), from,
                organizationId, today), clock);
    }

    /** The receiving organisation refuses, or the sending one withdraws: the member stays. */
    public void closeTransfer(String transferId, boolean refusedByReceiver, String actor, String note, Clock clock) {
        Transfer transfer = pendingTransfer(transferId);
        replace(transfer, transfer.decided(refusedByReceiver ? Transfer.TransferStatus.REFUSED
                : Transfer.TransferStatus.CANCELLED, actor, clock.instant(), note));
        status = MemberStatus.ACTIVE;
        updatedAt = clock.instant();
        raise(MemberEvents.TOPIC, MemberEvents.TRANSFER_CLOSED, new MemberEvents.TransferClosed(id, transfer.id(),
                refusedByReceiver ? "REFUSED" : "CANCELLED"), clock);
    }

    public java.util.Optional<Transfer> pendingTransfer() {
        return transfers.stream().filter(t -> t.status() == Transfer.TransferStatus.ISSUED).findFirst();
    }

    private Transfer pendingTransfer(String transferId) {
        Transfer transfer = pendingTransfer().filter(t -> t.id().equals(transferId)).orElse(null);
        if (transfer == null) {
            throw ProblemException.conflict("member.no-such-pending-transfer",
                    "There is no pending transfer {0} for this member.", transferId);
        }
        return transfer;
    }

    private void replace(Transfer old, Transfer updated) {
        transfers.set(transfers.indexOf(old), updated);
    }

    /** Death, leaving the party, or lapsing (自行脱党): the member leaves the active register. */
    public void endMembership(MemberStatus newStatus, LocalDate effectiveOn, String reason, String actor,
            Clock clock) {
        if (newStatus == MemberStatus.ACTIVE || newStatus == MemberStatus.TRANSFERRING) {
            throw invalid("status", "member.status-not-an-end", "Use DECEASED, LEFT or LAPSED.");
        }
        requireActive();
        if (effectiveOn == null || effectiveOn.isAfter(LocalDate.now(clock.withZone(CITY_ZONE)))) {
            throw invalid("effectiveOn", "member.date-in-future", "The date is required and cannot lie in the future.");
        }
        MemberStatus from = status;
        status = newStatus;
        statusSince = effectiveOn;
        statusReason = reason;
        updatedAt = clock.instant();
        raise(MemberEvents.TOPIC, MemberEvents.STATUS_CHANGED, new MemberEvents.StatusChanged(id, organizationId,
                from, newStatus, effectiveOn), clock);
    }

    /** Sets what the monthly dues are assessed on, from {@code since} (a month) on. */
    public void assessDues(city.party.member.dues.domain.IncomeCategory category, long monthlyIncomeFen,
            java.time.YearMonth since, String actor, Clock clock) {
        requireActive();
        if (!stage.isPartyMember()) {
            throw ProblemException.ruleViolation("dues.party-members-only", city.party.member.dues.domain.DuesScale.SOURCE,
                    "member.rule.dues-party-members", "Dues are paid by probationary and full members.");
        }
        duesBase = new city.party.member.dues.domain.DuesBase(category, monthlyIncomeFen, since.toString(), actor,
                clock.instant());
        updatedAt = clock.instant();
    }

    /**
     * Records one month's dues. The amount is at least what the scale asks (more is voluntary);
     * back-payment reaches at most {@code backPaymentMonths} months before the month of payment.
     */
    public city.party.member.dues.domain.DuesPayment recordDuesPayment(java.time.YearMonth month, long amountFen,
            LocalDate paidOn, int backPaymentMonths, String backPaymentSource, String actor, Clock clock) {
        requireActive();
        if (duesBase == null) {
            throw ProblemException.conflict("member.dues-not-assessed",
                    "Set the member's dues assessment (category and income) first.");
        }
        LocalDate today = LocalDate.now(clock.withZone(CITY_ZONE));
        if (paidOn == null || paidOn.isAfter(today)) {
            throw invalid("paidOn", "member.date-in-future", "The payment date is required and cannot lie in the future.");
        }
        if (month.isBefore(java.time.YearMonth.parse(duesBase.since()))) {
            throw invalid("month", "member.dues-before-assessment", "The month lies before the dues assessment.");
        }
        if (month.isAfter(java.time.YearMonth.from(paidOn).plusMonths(11))) {
            throw invalid("month", "member.dues-too-far-ahead", "Dues are paid at most a year in advance.");
        }
        if (month.isBefore(java.time.YearMonth.from(paidOn).minusMonths(backPaymentMonths))) {
            throw ProblemException.ruleViolation("dues.back-payment-limit", backPaymentSource,
                    "member.rule.back-payment", "Back-payment reaches at most {0} months back (here: {1}).",
                    backPaymentMonths, month);
        }
        if (duesPayments.stream().anyMatch(p -> p.month().equals(month.toString()))) {
            throw ProblemException.conflict("member.dues-already-paid", "The dues for {0} are already paid.", month);
        }
        long expected = duesBase.monthlyDuesFen();
        if (amountFen < expected) {
            throw ProblemException.ruleViolation("dues.amount-below-scale", city.party.member.dues.domain.DuesScale.SOURCE,
                    "member.rule.dues-amount", "The dues for a month are {0} 元; {1} 元 is less.",
                    city.party.platform.money.Money.format(expected), city.party.platform.money.Money.format(amountFen));
        }
        var payment = new city.party.member.dues.domain.DuesPayment(month.toString(), amountFen, paidOn, actor,
                clock.instant());
        duesPayments.add(payment);
        updatedAt = clock.instant();
        raise(MemberEvents.TOPIC, MemberEvents.DUES_PAID, new MemberEvents.DuesPaid(id, organizationId,
                month.toString(), paidOn), clock);
        return payment;
    }

    /** Months from the assessment (or joining) up to {@code current} whose dues are not paid. */
    public List<String> duesArrears(java.time.YearMonth current) {
        if (duesBase == null || !stage.isPartyMember()) {
            return List.of();
        }
        java.time.YearMonth from = java.time.YearMonth.parse(duesBase.since());
        java.util.Set<String> paid = new java.util.HashSet<>();
        duesPayments.forEach(p -> paid.add(p.month()));
        List<String> open = new ArrayList<>();
        for (java.time.YearMonth m = from; !m.isAfter(current); m = m.plusMonths(1)) {
            if (!paid.contains(m.toString())) {
                open.add(m.toString());
            }
        }
        return open;
    }

    /** The member works or lives away for a long time and stays a member here (流动党员). */
    public void startFloating(LocalDate since, String destination, String reason, String hostOrganization,
            String actor, Clock clock) {
        requireActive();
        if (!stage.isPartyMember()) {
            throw ProblemException.conflict("member.floating-not-a-party-member",
                    "Only party members (probationary or full) are registered as floating members.");
        }
        if (floating != null) {
            throw ProblemException.conflict("member.already-floating", "The member is already registered as away "
                    + "since {0}.", floating.since());
        }
        LocalDate today = LocalDate.now(clock.withZone(CITY_ZONE));
        if (since == null || since.isAfter(today)) {
            throw invalid("since", "member.floating-since", "The date the member left must be given and not in the "
                    + "future.");
        }
        if (destination == null || destination.isBlank()) {
            throw invalid("destination", "member.floating-destination", "Where the member went must be given.");
        }
        floating = new Floating(since, destination.trim(), reason, hostOrganization, actor, null);
        updatedAt = clock.instant();
        raise(MemberEvents.TOPIC, MemberEvents.FLOATING_STARTED,
                new MemberEvents.FloatingStarted(id, organizationId, since), clock);
    }

    /** The floating member is back (or now settled where they are: then transfer them). */
    public void endFloating(LocalDate returnedOn, String actor, Clock clock) {
        if (floating == null) {
            throw ProblemException.conflict("member.not-floating", "The member is not registered as away.");
        }
        LocalDate today = LocalDate.now(clock.withZone(CITY_ZONE));
        if (returnedOn == null || returnedOn.isBefore(floating.since()) || returnedOn.isAfter(today)) {
            throw invalid("returnedOn", "member.floating-returned-on", "The return date lies between the date the "
                    + "member left and today.");
        }
        floatingHistory.add(floating.returned(returnedOn));
        floating = null;
        updatedAt = clock.instant();
        raise(MemberEvents.TOPIC, MemberEvents.FLOATING_ENDED,
                new MemberEvents.FloatingEnded(id, organizationId, returnedOn), clock);
    }

    public Floating getFloating() {
        return floating;
    }

    public List<Floating> getFloatingHistory() {
        return floatingHistory == null ? List.of() : List.copyOf(floatingHistory);
    }

    /**
     * Records that the member's account exists in the identity provider. Idempotent: the identity
     * sync reports every account on every run, the event is raised only when it is new (or was
     * re-created with another id).
     *
     * @return whether anything changed
     */
    public boolean recordAccountProvisioned(String newAccountId, Clock clock) {
        if (username == null || newAccountId == null || newAccountId.equals(accountId)) {
            return false;
        }
        accountId = newAccountId;
        updatedAt = clock.instant();
        raise(MemberEvents.TOPIC, MemberEvents.ACCOUNT_PROVISIONED,
                new MemberEvents.AccountProvisioned(id, organizationId, username, newAccountId), clock);
        return true;
    }

    /**
     * Unpaid months in a row, counting back from {@code lastDueMonth} (inclusive) to the start of
     * the assessment; 0 when that month is paid or dues are not assessed.
     */
    public int consecutiveUnpaidMonths(java.time.YearMonth lastDueMonth) {
        if (duesBase == null || !stage.isPartyMember()) {
            return 0;
        }
        java.time.YearMonth from = java.time.YearMonth.parse(duesBase.since());
        java.util.Set<String> paid = new java.util.HashSet<>();
        duesPayments.forEach(p -> paid.add(p.month()));
        int unpaid = 0;
        for (java.time.YearMonth m = lastDueMonth; !m.isBefore(from) && !paid.contains(m.toString());
                m = m.minusMonths(1)) {
            unpaid++;
        }
        return unpaid;
    }

    public LocalDate probationEnds(LifecycleRules rules) {
        if (joinedPartyOn == null) {
            return null;
        }
        LocalDate end = joinedPartyOn.plus(rules.period(PROBATION));
        return probationExtensionMonths == null ? end : end.plusMonths(probationExtensionMonths);
    }

    private LocalDate stageSince() {
        return switch (stage) {
            case APPLICANT -> appliedOn;
            case ACTIVIST -> activistSince;
            case CANDIDATE -> candidateSince;
            case PROBATIONARY -> joinedPartyOn;
            case FULL -> fullMemberOn;
        };
    }

    private void record(LifecycleStage from, LocalDate on, String reason, LifecycleRules rules, String actor,
            Clock clock) {
        updatedAt = clock.instant();
        transitions.add(new StageTransition(from, stage, on, updatedAt, actor, reason, rules.version()));
        raise(MemberEvents.TOPIC, MemberEvents.STAGE_CHANGED,
                new MemberEvents.StageChanged(id, organizationId, from, stage, on), clock);
    }

    private void requireActive() {
        if (status != MemberStatus.ACTIVE) {
            throw ProblemException.conflict("member.not-active", "The member is not active ({0}).", status);
        }
    }

    private static CitizenIdNumber parseIdNumber(String raw) {
        try {
            return CitizenIdNumber.parse(raw);
        }
        catch (CitizenIdNumber.InvalidCitizenIdNumberException e) {
            throw invalid("idNumber", "member.id-number." + e.reason(), "Invalid citizen id number: " + e.getMessage());
        }
    }

    static ProblemException invalid(String field, String code, String detail) {
        return new ProblemException(ProblemType.VALIDATION_FAILED, code, detail).with("errors",
                List.of(Map.of("field", field, "message", detail)));
    }

    private static ProblemException violation(String rule, LifecycleRules rules, String code, String detail,
            Object... args) {
        return ProblemException.ruleViolation("lifecycle." + rule, rules.source(rule), code, detail, args)
                .with("rulesVersion", rules.version());
    }

    private static ProblemException violation(String rule, String source, String code, String detail,
            Object... args) {
        return ProblemException.ruleViolation(rule, source, code, detail, args);
    }

    @Override
    public String getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public Gender getGender() {
        return gender;
    }

    public String getEthnicity() {
        return ethnicity;
    }

    public String getNativePlace() {
        return nativePlace;
    }

    public LocalDate getBirthDate() {
        return birthDate;
    }

    /** Set by the persistence layer before every save (see protection.DataProtectionConfig). */
    public void recordIdNumberDigest(String digest) {
        this.idNumberDigest = digest;
    }

    public String getIdNumberDigest() {
        return idNumberDigest;
    }

    public String getIdNumber() {
        return idNumber;
    }

    public String getEducation() {
        return education;
    }

    public String getOrganizationId() {
        return organizationId;
    }

    public LifecycleStage getStage() {
        return stage;
    }

    public MemberStatus getStatus() {
        return status;
    }

    public LocalDate getAppliedOn() {
        return appliedOn;
    }

    public LocalDate getActivistSince() {
        return activistSince;
    }

    public LocalDate getCandidateSince() {
        return candidateSince;
    }

    public LocalDate getJoinedPartyOn() {
        return joinedPartyOn;
    }

    public LocalDate getFullMemberOn() {
        return fullMemberOn;
    }

    public Integer getProbationExtensionMonths() {
        return probationExtensionMonths;
    }

    public LocalDate getWorkStartedOn() {
        return workStartedOn;
    }

    public String getPosition() {
        return position;
    }

    public String getPhone() {
        return phone;
    }

    public String getAddress() {
        return address;
    }

    public String getUsername() {
        return username;
    }

    public String getAccountId() {
        return accountId;
    }

    public city.party.member.dues.domain.DuesBase getDuesBase() {
        return duesBase;
    }

    public List<city.party.member.dues.domain.DuesPayment> getDuesPayments() {
        return Collections.unmodifiableList(duesPayments);
    }

    public List<Transfer> getTransfers() {
        return Collections.unmodifiableList(transfers);
    }

    public LocalDate getStatusSince() {
        return statusSince;
    }

    public String getStatusReason() {
        return statusReason;
    }

    public List<StageTransition> getTransitions() {
        return Collections.unmodifiableList(transitions);
    }

    public Instant getRegisteredAt() {
        return registeredAt;
    }

    public String getRegisteredBy() {
        return registeredBy;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}

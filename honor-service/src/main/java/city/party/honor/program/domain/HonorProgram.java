package city.party.honor.program.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import city.party.honor.events.HonorEvents;
import city.party.platform.events.AggregateRoot;
import city.party.platform.web.ProblemException;
import city.party.platform.web.ProblemType;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A commendation programme (e.g. "2026 七一表彰"): its categories and quotas as data, the
 * nomination window, the review deadlines and the length of the public notice (公示).
 */
@Document("honor_programs")
public class HonorProgram extends AggregateRoot {

    public static final int MAX_NOTICE_DAYS = 30;

    @Id
    private String id;
    private String name;
    private int year;
    private List<Category> categories = new ArrayList<>();
    private List<Quota> quotas = new ArrayList<>();
    private Instant opensAt;
    private Instant closesAt;
    private Instant unitReviewDeadline;
    private Instant committeeReviewDeadline;
    private int noticeDays;
    private List<NoticeRound> notices = new ArrayList<>();
    private String createdBy;
    private Instant createdAt;

    HonorProgram() {
    }

    public static HonorProgram create(ProgramDraft draft, String actor, Clock clock) {
        return create(UUID.randomUUID().toString(), draft, actor, clock);
    }

    /** With a given id: for seeded data that must be created once however often start-up runs. */
    public static HonorProgram create(String id, ProgramDraft draft, String actor, Clock clock) {
        validate(draft);
        HonorProgram program = new HonorProgram();
        program.id = id;
        program.name = draft.name().trim();
        program.year = draft.year() != null ? draft.year()
                : draft.opensAt().atZone(java.time.ZoneId.of("Asia/Shanghai")).getYear();
        program.categories = List.copyOf(draft.categories());
        program.quotas = draft.quotas() == null ? List.of() : List.copyOf(draft.quotas());
        program.opensAt = draft.opensAt();
        program.closesAt = draft.closesAt();
        program.unitReviewDeadline = draft.unitReviewDeadline();
        program.committeeReviewDeadline = draft.committeeReviewDeadline();
        program.noticeDays = draft.noticeDays() == null ? 7 : draft.noticeDays();
        program.createdBy = actor;
        program.createdAt = clock.instant();
        return program;
    }

    private static void validate(ProgramDraft draft) {
        if (draft.name() == null || draft.name().isBlank()) {
            throw invalid("name", "program.name-missing", "A programme needs a name.");
        }
        if (draft.categories() == null || draft.categories().isEmpty()) {
            throw invalid("categories", "program.categories-missing", "A programme needs at least one category.");
        }
        Set<String> codes = new HashSet<>();
        for (Category category : draft.categories()) {
            if (category == null || category.code() == null || !category.code().matches("[a-z0-9][a-z0-9-]{1,49}")
                    || category.name() == null || category.name().isBlank() || category.kind() == null) {
                throw invalid("categories", "program.category-invalid",
                        "Each category needs a code (lower-case letters, digits, hyphens), a name and a kind.");
            }
            if (!codes.add(category.code())) {
                throw invalid("categories", "program.category-duplicate", "Category codes must be unique.");
            }
        }
        Set<String> quotaKeys = new HashSet<>();
        for (Quota quota : draft.quotas() == null ? List.<Quota>of() : draft.quotas()) {
            if (quota == null || quota.unitId() == null || quota.unitId().isBlank() || quota.limit() < 0
                    || quota.limit() > 1000 || !codes.contains(quota.category())) {
                throw invalid("quotas", "program.quota-invalid",
                        "Each quota names a unit, one of the programme's categories and a limit from 0 to 1000.");
            }
            if (!quotaKeys.add(quota.unitId() + "|" + quota.category())) {
                throw invalid("quotas", "program.quota-duplicate", "One quota per unit and category.");
            }
        }
        if (draft.opensAt() == null || draft.closesAt() == null || !draft.opensAt().isBefore(draft.closesAt())) {
            throw invalid("closesAt", "program.window-invalid", "The nomination window must open before it closes.");
        }
        if (draft.unitReviewDeadline() == null || draft.unitReviewDeadline().isBefore(draft.closesAt())) {
            throw invalid("unitReviewDeadline", "program.deadline-invalid",
                    "The unit review deadline cannot precede the end of the nomination window.");
        }
        if (draft.committeeReviewDeadline() == null
                || draft.committeeReviewDeadline().isBefore(draft.unitReviewDeadline())) {
            throw invalid("committeeReviewDeadline", "program.deadline-invalid",
                    "The committee review deadline cannot precede the unit review deadline.");
        }
        if (draft.noticeDays() != null && (draft.noticeDays() < 1 || draft.noticeDays() > MAX_NOTICE_DAYS)) {
            throw invalid("noticeDays", "program.notice-days-invalid", "The notice lasts 1 to 30 days.");
        }
        if (draft.year() != null && (draft.year() < 2000 || draft.year() > 2100)) {
            throw invalid("year", "program.year-invalid", "The programme year is out of range.");
        }
    }

    public Optional<Category> category(String code) {
        return categories.stream().filter(c -> c.code().equals(code)).findFirst();
    }

    /** The unit's quota in a category; a unit without a quota line has none (0). */
    public int quota(String unitId, String category) {
        return quotas.stream().filter(q -> q.unitId().equals(unitId) && q.category().equals(category))
                .mapToInt(Quota::limit).findFirst().orElse(0);
    }

    /** Nominations are accepted in [opensAt, closesAt). */
    public boolean acceptsNominations(Instant now) {
        return !now.isBefore(opensAt) && now.isBefore(closesAt);
    }

    /** Opens a public notice for these approved nominations; it runs for the programme's notice days. */
    public NoticeRound startNotice(List<String> nominationIds, String actor, Clock clock) {
        return startNotice(nominationIds, actor, clock, Duration.ofDays(1));
    }

    /**
     * As {@link #startNotice(List, String, Clock)}, with the length of a notice day: a calendar day in
     * production; a test platform shortens it so that a scenario reaches approval in minutes.
     */
    public NoticeRound startNotice(List<String> nominationIds, String actor, Clock clock, Duration day) {
        Instant now = clock.instant();
        NoticeRound round = new NoticeRound(UUID.randomUUID().toString(), now,
                now.plus(day.multipliedBy(noticeDays)), List.copyOf(nominationIds), actor);
        notices.add(round);
        raise(HonorEvents.TOPIC, HonorEvents.NOTICE_STARTED, new HonorEvents.NoticeStarted(id, round.id(),
                round.nominationIds(), round.startsAt(), round.endsAt(), actor), clock);
        return round;
    }

    static ProblemException invalid(String field, String code, String detail) {
        return new ProblemException(ProblemType.VALIDATION_FAILED, code, detail).with("errors",
                List.of(Map.of("field", field, "message", detail)));
    }

    @Override
    public String getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public int getYear() {
        return year;
    }

    public List<Category> getCategories() {
        return categories;
    }

    public List<Quota> getQuotas() {
        return quotas;
    }

    public Instant getOpensAt() {
        return opensAt;
    }

    public Instant getClosesAt() {
        return closesAt;
    }

    public Instant getUnitReviewDeadline() {
        return unitReviewDeadline;
    }

    public Instant getCommitteeReviewDeadline() {
        return committeeReviewDeadline;
    }

    public int getNoticeDays() {
        return noticeDays;
    }

    public List<NoticeRound> getNotices() {
        return notices;
    }

    public String getCreatedBy() {
        return createdBy;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}

package city.party.honor;

import java.time.Instant;
import java.util.List;

import city.party.honor.nomination.domain.EligibilityCheck;
import city.party.honor.nomination.domain.Nominee;
import city.party.honor.nomination.domain.NomineeType;
import city.party.honor.program.domain.Category;
import city.party.honor.program.domain.CategoryKind;
import city.party.honor.program.domain.HonorProgram;
import city.party.honor.program.domain.ProgramDraft;
import city.party.honor.program.domain.Quota;
import city.party.platform.security.CallerScope;

/** The demo city's people and a 2026 七一表彰 programme whose window is open on 2026-06-05. */
public final class Fixtures {

    public static final Instant OPENS = Instant.parse("2026-06-01T00:00:00Z");
    public static final Instant CLOSES = Instant.parse("2026-06-10T00:00:00Z");
    public static final Instant UNIT_DEADLINE = Instant.parse("2026-06-15T00:00:00Z");
    public static final Instant COMMITTEE_DEADLINE = Instant.parse("2026-06-20T00:00:00Z");
    public static final Instant IN_WINDOW = Instant.parse("2026-06-05T02:00:00Z");
    public static final String DEEDS = "该同志在抗击疫情中冲锋在前，带头捐款，组织党员志愿者连续奋战四十余天，事迹突出。";

    public static final CallerScope COMMITTEE = new CallerScope("c", "committee", java.util.Set.of("committee-admin"),
            List.of("/city"), List.of());
    public static final CallerScope UNIT_A_SECRETARY = new CallerScope("u", "unit-a-secretary",
            java.util.Set.of("org-admin"), List.of(), List.of("/city/unit-a"));
    public static final CallerScope SECRETARY_A = new CallerScope("s", "secretary-a", java.util.Set.of("org-admin"),
            List.of(), List.of("/city/unit-a/branch-a1"));
    public static final CallerScope SECRETARY_B = new CallerScope("b", "secretary-b", java.util.Set.of("org-admin"),
            List.of(), List.of("/city/unit-b/branch-b1"));

    private Fixtures() {
    }

    public static ProgramDraft draft() {
        return new ProgramDraft("2026 七一表彰", 2026, List.of(
                new Category("advanced-primary-organization", "先进基层党组织", CategoryKind.COLLECTIVE),
                new Category("outstanding-member", "优秀共产党员", CategoryKind.INDIVIDUAL),
                new Category("outstanding-party-worker", "优秀党务工作者", CategoryKind.INDIVIDUAL)),
                List.of(new Quota("unit-a", "outstanding-member", 2), new Quota("unit-a", "advanced-primary-organization", 1)),
                OPENS, CLOSES, UNIT_DEADLINE, COMMITTEE_DEADLINE, 7);
    }

    public static HonorProgram program(MutableClock clock) {
        return HonorProgram.create(draft(), "committee", clock);
    }

    public static Nominee memberA() {
        return new Nominee(NomineeType.MEMBER, "m-1", "陈明", "member-a", "branch-a1", "/city/unit-a/branch-a1",
                "机关第一党支部", "unit-a", "/city/unit-a", "市财政局");
    }

    public static EligibilityCheck eligible() {
        return EligibilityCheck.of(List.of(new EligibilityCheck.Criterion("full-member", true, "ok", "s")));
    }
}

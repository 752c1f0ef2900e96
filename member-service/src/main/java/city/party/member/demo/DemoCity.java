package city.party.member.demo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import city.party.member.member.domain.CitizenIdNumber;
import city.party.member.member.domain.LifecycleStage;
import city.party.member.member.domain.MemberRegistration;
import city.party.member.organization.domain.OrganizationType;

/**
 * A small, deterministic demo city for local runs: six municipal units with their branches —
 * including the organisations of the demo logins (unit-a/branch-a1 for secretary-a and member-a,
 * unit-b/branch-b1 for secretary-b) — and a few hundred members across all lifecycle stages.
 * Same seed, same city: tests and screenshots can rely on it. Never enabled in production.
 */
public final class DemoCity {

    /** One organisation to create, parents first. */
    public record OrganizationSeed(String id, String name, OrganizationType type, String parentId) {
    }

    private static final String[] UNITS = { "unit-a:市财政局", "unit-b:市卫生健康委员会", "unit-c:市教育局",
            "unit-d:市公安局", "unit-e:市民政局", "unit-f:市交通运输局" };
    private static final String[] SURNAMES = { "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙",
            "胡", "朱", "高", "林", "何", "郭", "马", "罗" };
    private static final String[] GIVEN = { "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳",
            "杰", "娟", "涛", "明", "超", "秀英", "霞", "平", "刚", "桂英", "建华", "志强", "海燕", "晓东" };
    private static final String[] EDUCATION = { "大学本科", "研究生", "大学专科", "博士研究生" };
    private static final String[] POSITIONS = { "科员", "副主任科员", "主任科员", "科长", "副处长", "处长" };

    private DemoCity() {
    }

    public static List<OrganizationSeed> organizations() {
        List<OrganizationSeed> seeds = new ArrayList<>();
        for (String unit : UNITS) {
            String[] parts = unit.split(":");
            String letter = parts[0].substring(5);
            seeds.add(new OrganizationSeed(parts[0], parts[1], OrganizationType.UNIT, "city"));
            seeds.add(new OrganizationSeed("committee-" + letter, parts[1] + "机关党委", OrganizationType.COMMITTEE,
                    parts[0]));
            for (int b = 1; b <= 3; b++) {
                // branch-a1 and branch-b1 sit directly under their unit: the demo logins' groups.
                String parent = b == 1 ? parts[0] : "committee-" + letter;
                seeds.add(new OrganizationSeed("branch-" + letter + b, "机关第" + "一二三".charAt(b - 1) + "党支部",
                        OrganizationType.BRANCH, parent));
            }
        }
        return seeds;
    }

    /** Who administers which organisation: the demo logins secretary-a and secretary-b. */
    public static java.util.Map<String, String> administrators() {
        return java.util.Map.of("branch-a1", "secretary-a", "branch-b1", "secretary-b");
    }

    /** The branches members are registered in. */
    public static List<String> branches() {
        return organizations().stream().filter(o -> o.type() == OrganizationType.BRANCH).map(OrganizationSeed::id)
                .toList();
    }

    /** The members, deterministic for a seed; the demo logins' own records come first. */
    public static List<MemberRegistration> members(int count, long seed, LocalDate today) {
        Random random = new Random(seed);
        List<MemberRegistration> members = new ArrayList<>();
        members.add(full("陈明", "member-a", "branch-a1", random, today));
        members.add(full("刘书记", "secretary-a", "branch-a1", random, today));
        members.add(full("周书记", "secretary-b", "branch-b1", random, today));
        List<String> branches = branches();
        for (int i = members.size(); i < count; i++) {
            String branch = branches.get(random.nextInt(branches.size()));
            LifecycleStage stage = stage(random);
            members.add(member(name(random), null, branch, stage, random, today));
        }
        return members;
    }

    private static LifecycleStage stage(Random random) {
        int roll = random.nextInt(100);
        if (roll < 70) {
            return LifecycleStage.FULL;
        }
        if (roll < 78) {
            return LifecycleStage.PROBATIONARY;
        }
        if (roll < 85) {
            return LifecycleStage.CANDIDATE;
        }
        if (roll < 93) {
            return LifecycleStage.ACTIVIST;
        }
        return LifecycleStage.APPLICANT;
    }

    private static MemberRegistration full(String name, String username, String branch, Random random,
            LocalDate today) {
        return member(name, username, branch, LifecycleStage.FULL, random, today);
    }

    private static MemberRegistration member(String name, String username, String branch, LifecycleStage stage,
            Random random, LocalDate today) {
        LocalDate birth = LocalDate.of(1965 + random.nextInt(35), 1 + random.nextInt(12), 1 + random.nextInt(28));
        String idNumber = idNumber(birth, random);
        LocalDate stageDate = today.minusDays(30 + random.nextInt(300));
        LocalDate joined = null;
        LocalDate full = null;
        LocalDate applied = null;
        LocalDate activist = null;
        LocalDate candidate = null;
        switch (stage) {
            case FULL -> {
                // joined as an adult, at least two years ago
                joined = birth.plusYears(18 + random.nextInt(20)).plusDays(random.nextInt(365));
                if (joined.isAfter(today.minusYears(2))) {
                    joined = today.minusYears(2).minusDays(random.nextInt(200));
                }
                full = joined.plusYears(1);
            }
            case PROBATIONARY -> joined = stageDate;
            case CANDIDATE -> candidate = stageDate;
            case ACTIVIST -> activist = stageDate;
            case APPLICANT -> applied = stageDate;
        }
        return new MemberRegistration(name, null, "汉族", "本市", null, idNumber,
                EDUCATION[random.nextInt(EDUCATION.length)], branch, stage, applied, activist, candidate, joined, full,
                birth.plusYears(22), POSITIONS[random.nextInt(POSITIONS.length)],
                "139" + String.format("%08d", random.nextInt(100_000_000)), "本市示范路" + (1 + random.nextInt(500)) + "号",
                username);
    }

    private static String name(Random random) {
        return SURNAMES[random.nextInt(SURNAMES.length)] + GIVEN[random.nextInt(GIVEN.length)];
    }

    /** A valid 18-character number (region 110101, the birth date, a sequence, the MOD 11-2 check). */
    static String idNumber(LocalDate birth, Random random) {
        String first17 = String.format("110101%04d%02d%02d%03d", birth.getYear(), birth.getMonthValue(),
                birth.getDayOfMonth(), random.nextInt(1000));
        return CitizenIdNumber.withCheckCharacter(first17);
    }
}

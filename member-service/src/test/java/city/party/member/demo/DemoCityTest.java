package city.party.member.demo;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import city.party.member.member.domain.LifecycleRules;
import city.party.member.member.domain.LifecycleStage;
import city.party.member.member.domain.Member;
import city.party.member.member.domain.MemberRegistration;
import city.party.member.organization.domain.Organization;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DemoCityTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T02:00:00Z"), ZoneOffset.UTC);
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 26);
    private static final LifecycleRules RULES = city.party.member.member.domain.ConfiguredRules.RULES;

    @Test
    void theTreeIsValidAndHoldsTheDemoLoginsOrganisations() {
        Map<String, Organization> tree = new HashMap<>();
        tree.put("city", Organization.root("市直机关工委", CLOCK));
        for (DemoCity.OrganizationSeed seed : DemoCity.organizations()) {
            tree.put(seed.id(), Organization.create(seed.id(), seed.name(), seed.type(), tree.get(seed.parentId()),
                    "demo", CLOCK));
        }
        assertThat(tree.get("branch-a1").getPath()).isEqualTo("/city/unit-a/branch-a1");
        assertThat(tree.get("branch-b1").getPath()).isEqualTo("/city/unit-b/branch-b1");
        assertThat(DemoCity.branches()).hasSize(18);
    }

    @Test
    void everyMemberPassesTheRegistersRulesAndTheCityIsDeterministic() {
        List<MemberRegistration> members = DemoCity.members(300, 20200701L, TODAY);
        assertThat(members).hasSize(300);
        assertThat(DemoCity.members(300, 20200701L, TODAY)).isEqualTo(members);
        List<Member> registered = members.stream().map(m -> Member.register(m, RULES, "demo", CLOCK)).toList();
        assertThat(registered).extracting(Member::getStage).contains(LifecycleStage.values());
        assertThat(registered).filteredOn(m -> "member-a".equals(m.getUsername())).singleElement()
                .satisfies(m -> assertThat(m.getOrganizationId()).isEqualTo("branch-a1"));
        assertThat(registered).filteredOn(m -> "secretary-b".equals(m.getUsername())).singleElement()
                .satisfies(m -> assertThat(m.getOrganizationId()).isEqualTo("branch-b1"));
    }
}

package city.party.member.organization.domain;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import city.party.platform.web.ProblemException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrganizationTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T02:00:00Z"), ZoneOffset.UTC);

    private final Organization root = Organization.root("市直机关工委", CLOCK);
    private final Organization unitA = Organization.create("unit-a", "市财政局", OrganizationType.UNIT, root, "c", CLOCK);
    private final Organization branch = Organization.create("branch-a1", "机关第一党支部", OrganizationType.BRANCH, unitA,
            "c", CLOCK);

    @Test
    void pathsFollowTheTree() {
        assertThat(branch.getPath()).isEqualTo("/city/unit-a/branch-a1");
        assertThat(branch.getParentId()).isEqualTo("unit-a");
        assertThat(branch.getOutbox()).singleElement().satisfies(e -> assertThat(e.type())
                .isEqualTo("party.organization.created.v1"));
    }

    @Test
    void structureRulesRefuseWrongNesting() {
        assertThatThrownBy(() -> Organization.create("g1", "党小组", OrganizationType.GROUP, unitA, "c", CLOCK))
                .isInstanceOfSatisfying(ProblemException.class,
                        e -> assertThat(e.properties()).containsEntry("rule", "organization.structure"));
        assertThatThrownBy(() -> Organization.create("Bad Id", "x", OrganizationType.UNIT, root, "c", CLOCK))
                .isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> Organization.create("directory", "x", OrganizationType.UNIT, root, "c", CLOCK))
                .isInstanceOf(ProblemException.class).hasMessageContaining("reserved");
    }

    @Test
    void moveRefusesCyclesAndRewritesPaths() {
        Organization unitB = Organization.create("unit-b", "市卫健委", OrganizationType.UNIT, root, "c", CLOCK);
        assertThatThrownBy(() -> unitA.moveTo(branch, "c", CLOCK)).isInstanceOf(ProblemException.class);
        branch.moveTo(unitB, "c", CLOCK);
        assertThat(branch.getPath()).isEqualTo("/city/unit-b/branch-a1");
        Organization group = Organization.create("group-1", "第一党小组", OrganizationType.GROUP,
                Organization.create("branch-x", "x", OrganizationType.BRANCH, unitA, "c", CLOCK), "c", CLOCK);
        group.rebase("/city/unit-a/branch-x", "/city/unit-b/branch-x");
        assertThat(group.getPath()).isEqualTo("/city/unit-b/branch-x/group-1");
    }

    @Test
    void onlyEmptyOrganisationsAreDissolvedAndTheRootNever() {
        assertThatThrownBy(() -> branch.dissolve(0, 3, "c", CLOCK)).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.properties()).containsEntry("rule", "organization.dissolve-only-empty"));
        assertThatThrownBy(() -> root.dissolve(0, 0, "c", CLOCK)).isInstanceOf(ProblemException.class);
        branch.dissolve(0, 0, "c", CLOCK);
        assertThat(branch.getStatus()).isEqualTo(OrganizationStatus.DISSOLVED);
        assertThatThrownBy(() -> branch.rename("y", "c", CLOCK)).isInstanceOf(ProblemException.class);
    }

    @Test
    void aLabelNamesThePathFromTheRootAndKeepsTheIdOfAnUnknownAncestor() {
        assertThat(OrganizationLabel.of(branch, java.util.Map.of("city", "市直机关工委", "unit-a", "市财政局")).pathNames())
                .containsExactly("市直机关工委", "市财政局", "机关第一党支部");
        assertThat(OrganizationLabel.of(branch, java.util.Map.of("city", "市直机关工委")).pathNames())
                .containsExactly("市直机关工委", "unit-a", "机关第一党支部");
        assertThat(OrganizationLabel.pathIds("/city/unit-a/branch-a1")).containsExactly("city", "unit-a", "branch-a1");
        assertThat(OrganizationLabel.pathIds(null)).isEmpty();
    }
}

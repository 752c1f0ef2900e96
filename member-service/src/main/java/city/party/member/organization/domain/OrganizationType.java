package city.party.member.organization.domain;

import java.util.EnumSet;
import java.util.Set;

/**
 * The kinds of organisation in the tree and which kinds each may contain:
 * 工委 → 市直单位 → 机关党委 / 党总支 / 党支部 → 党小组 (a committee may have general branches and
 * branches, a general branch has branches, a branch has groups).
 */
public enum OrganizationType {
    /** 市直机关工委: the root. */
    WORK_COMMITTEE,
    /** 市直单位: a municipal unit (bureau, commission). */
    UNIT,
    /** 机关党委 / 基层党委: a primary-level committee. */
    COMMITTEE,
    /** 党总支. */
    GENERAL_BRANCH,
    /** 党支部. */
    BRANCH,
    /** 党小组. */
    GROUP;

    public Set<OrganizationType> allowedChildren() {
        return switch (this) {
            case WORK_COMMITTEE -> EnumSet.of(UNIT);
            case UNIT -> EnumSet.of(COMMITTEE, GENERAL_BRANCH, BRANCH);
            case COMMITTEE -> EnumSet.of(GENERAL_BRANCH, BRANCH);
            case GENERAL_BRANCH -> EnumSet.of(BRANCH);
            case BRANCH -> EnumSet.of(GROUP);
            case GROUP -> EnumSet.noneOf(OrganizationType.class);
        };
    }

    /** Whether members are registered directly in organisations of this kind. */
    public boolean holdsMembers() {
        return this == BRANCH || this == GROUP || this == COMMITTEE || this == GENERAL_BRANCH;
    }
}

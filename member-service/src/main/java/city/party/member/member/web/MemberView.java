package city.party.member.member.web;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import city.party.member.member.domain.CitizenIdNumber;
import city.party.member.member.domain.Gender;
import city.party.member.member.domain.LifecycleStage;
import city.party.member.member.domain.Member;
import city.party.member.member.domain.MemberStatus;
import city.party.member.member.domain.StageTransition;

/**
 * A member as the API shows it. Sensitive fields (citizen id number, phone, address) are masked
 * unless the caller administers the member's organisation or is the member.
 */
record MemberView(String id, long version, String name, Gender gender, String ethnicity, String nativePlace,
        LocalDate birthDate, String idNumber, String education, String organizationId, LifecycleStage stage,
        String category, MemberStatus status, LocalDate appliedOn, LocalDate activistSince, LocalDate candidateSince,
        LocalDate joinedPartyOn, LocalDate fullMemberOn, Integer probationExtensionMonths, LocalDate workStartedOn,
        String position, String phone, String address, String username, LocalDate statusSince,
        String statusReason, city.party.member.member.domain.Transfer pendingTransfer,
        city.party.member.member.domain.Floating floating, List<city.party.member.member.domain.Floating> floatingHistory,
        boolean sensitiveDataMasked,
        List<StageTransition> transitions, Instant registeredAt, String registeredBy, Instant updatedAt) {

    static MemberView of(Member member, boolean unmasked) {
        return new MemberView(member.getId(), member.getVersion() == null ? 0 : member.getVersion(), member.getName(),
                member.getGender(), member.getEthnicity(), member.getNativePlace(),
                unmasked ? member.getBirthDate() : null,
                unmasked ? member.getIdNumber() : CitizenIdNumber.mask(member.getIdNumber()), member.getEducation(),
                member.getOrganizationId(), member.getStage(), category(member.getStage()), member.getStatus(),
                member.getAppliedOn(), member.getActivistSince(), member.getCandidateSince(),
                member.getJoinedPartyOn(), member.getFullMemberOn(), member.getProbationExtensionMonths(),
                member.getWorkStartedOn(), member.getPosition(),
                unmasked ? member.getPhone() : maskPhone(member.getPhone()),
                unmasked ? member.getAddress() : (member.getAddress() == null ? null : "******"),
                member.getUsername(), member.getStatusSince(), member.getStatusReason(),
                member.pendingTransfer().orElse(null), unmasked ? member.getFloating() : floatingMasked(member),
                unmasked ? member.getFloatingHistory() : List.of(), !unmasked, member.getTransitions(), member.getRegisteredAt(),
                member.getRegisteredBy(), member.getUpdatedAt());
    }

    /** Others see that the member is away and since when, not where. */
    private static city.party.member.member.domain.Floating floatingMasked(Member member) {
        var f = member.getFloating();
        return f == null ? null : new city.party.member.member.domain.Floating(f.since(), null, null, null, null, null);
    }

    /** 人员类别 as the information form names it. */
    private static String category(LifecycleStage stage) {
        return switch (stage) {
            case FULL -> "正式党员";
            case PROBATIONARY -> "预备党员";
            case CANDIDATE -> "发展对象";
            case ACTIVIST -> "入党积极分子";
            case APPLICANT -> "入党申请人";
        };
    }

    static String maskPhone(String phone) {
        if (phone == null) {
            return null;
        }
        return phone.length() <= 7 ? "****" : phone.substring(0, 3) + "****" + phone.substring(phone.length() - 4);
    }
}

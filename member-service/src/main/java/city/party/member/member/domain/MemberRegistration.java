package city.party.member.member.domain;

import java.time.LocalDate;

/**
 * What a clerk records when a person enters the register (the fields of the party-member
 * information form, 党员基本信息采集表). Existing members are registered at their current stage with
 * the dates that stage implies.
 */
public record MemberRegistration(String name, Gender gender, String ethnicity, String nativePlace, LocalDate birthDate,
        String idNumber, String education, String organizationId, LifecycleStage stage, LocalDate appliedOn,
        LocalDate activistSince, LocalDate candidateSince, LocalDate joinedPartyOn, LocalDate fullMemberOn,
        LocalDate workStartedOn, String position, String phone, String address, String username) {
}

package city.party.member.organization.domain;

public enum OrganizationStatus {
    ACTIVE, DISSOLVED
}

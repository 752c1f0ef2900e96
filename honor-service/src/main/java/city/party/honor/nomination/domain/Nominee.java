package city.party.honor.nomination.domain;

/**
 * Who is nominated, as known from the read models when the nomination was submitted. The
 * username is kept for recusal only and never published.
 */
public record Nominee(NomineeType type, String id, String name, String username, String organizationId,
        String organizationPath, String organizationName, String unitId, String unitPath, String unitName) {
}

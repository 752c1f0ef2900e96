package city.party.activity.activity.domain;

import java.time.Instant;

/** A short-lived code members type (or scan) to sign in themselves. */
public record SignInCode(String code, Instant issuedAt, Instant expiresAt, String issuedBy) {
}

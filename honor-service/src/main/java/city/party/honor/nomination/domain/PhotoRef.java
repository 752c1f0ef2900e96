package city.party.honor.nomination.domain;

import java.time.Instant;

/** A photo attached to the deeds; the bytes live in {@code nomination_photos} under the same id. */
public record PhotoRef(String id, String contentType, long size, String uploadedBy, Instant uploadedAt) {
}

package city.party.platform.web;

/**
 * Optimistic concurrency over HTTP: resources carry their version as a strong ETag
 * ({@code "7"}); a change sends it back in {@code If-Match} and is refused with 409 if someone
 * else changed the resource in between.
 */
public final class IfMatch {

    private IfMatch() {
    }

    /** The version in an {@code If-Match} header ({@code "7"}, {@code W/"7"} or {@code 7}). */
    public static long version(String ifMatch) {
        String value = ifMatch == null ? "" : ifMatch.trim();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        value = value.replace("\"", "");
        try {
            return Long.parseLong(value);
        }
        catch (NumberFormatException e) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST, "problem.malformed-request.if-match",
                    "If-Match must carry the version from the resource's ETag.").with("parameter", "If-Match");
        }
    }

    /** The ETag value for a version. */
    public static String etag(Long version) {
        return "\"" + (version == null ? 0 : version) + "\"";
    }
}

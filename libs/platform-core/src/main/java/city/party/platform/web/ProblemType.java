package city.party.platform.web;

import java.net.URI;

import org.springframework.http.HttpStatus;

/**
 * The stable problem types of the platform's API (RFC 9457 {@code type}). Clients switch on these,
 * never on titles or details, which are localised. Listed with examples in docs/api/problems.md.
 */
public enum ProblemType {

    VALIDATION_FAILED("validation-failed", HttpStatus.BAD_REQUEST),
    MALFORMED_REQUEST("malformed-request", HttpStatus.BAD_REQUEST),
    UNAUTHORIZED("unauthorized", HttpStatus.UNAUTHORIZED),
    FORBIDDEN("forbidden", HttpStatus.FORBIDDEN),
    NOT_FOUND("not-found", HttpStatus.NOT_FOUND),
    METHOD_NOT_ALLOWED("method-not-allowed", HttpStatus.METHOD_NOT_ALLOWED),
    NOT_ACCEPTABLE("not-acceptable", HttpStatus.NOT_ACCEPTABLE),
    CONCURRENT_MODIFICATION("concurrent-modification", HttpStatus.CONFLICT),
    CONFLICT("conflict", HttpStatus.CONFLICT),
    PAYLOAD_TOO_LARGE("payload-too-large", HttpStatus.CONTENT_TOO_LARGE),
    URI_TOO_LONG("uri-too-long", HttpStatus.URI_TOO_LONG),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", HttpStatus.UNSUPPORTED_MEDIA_TYPE),
    RULE_VIOLATION("rule-violation", HttpStatus.UNPROCESSABLE_CONTENT),
    TOO_MANY_REQUESTS("too-many-requests", HttpStatus.TOO_MANY_REQUESTS),
    HEADERS_TOO_LARGE("headers-too-large", HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE),
    SERVICE_UNAVAILABLE("service-unavailable", HttpStatus.SERVICE_UNAVAILABLE),
    INTERNAL_ERROR("internal-error", HttpStatus.INTERNAL_SERVER_ERROR);

    public static final String URI_PREFIX = "urn:party-platform:problem:";

    private final String slug;
    private final HttpStatus status;

    ProblemType(String slug, HttpStatus status) {
        this.slug = slug;
        this.status = status;
    }

    public String slug() {
        return slug;
    }

    public HttpStatus status() {
        return status;
    }

    public URI uri() {
        return URI.create(URI_PREFIX + slug);
    }

    /** The type a plain HTTP status maps to when nothing more specific is known. */
    public static ProblemType forStatus(int status) {
        return switch (status) {
            case 400 -> MALFORMED_REQUEST;
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 409 -> CONFLICT;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 414 -> URI_TOO_LONG;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 422 -> RULE_VIOLATION;
            case 429 -> TOO_MANY_REQUESTS;
            case 431 -> HEADERS_TOO_LARGE;
            case 502, 503, 504 -> SERVICE_UNAVAILABLE;
            default -> status >= 500 ? INTERNAL_ERROR : MALFORMED_REQUEST;
        };
    }
}

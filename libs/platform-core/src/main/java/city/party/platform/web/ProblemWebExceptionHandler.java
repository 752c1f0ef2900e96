package city.party.platform.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.validation.ConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.codec.DecodingException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.web.util.DisconnectedClientHelper;
import reactor.core.publisher.Mono;

/**
 * Turns every exception that reaches the web layer into {@code application/problem+json}: field
 * violations listed, unknown ids 404, malformed bodies and ids 400, optimistic-lock conflicts 409,
 * domain rules 422, and anything unexpected a 500 without a stack trace (logged with the
 * correlation id instead). Runs before Spring Boot's default error handler.
 */
public class ProblemWebExceptionHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemWebExceptionHandler.class);

    private static final Set<String> UNREACHABLE_DATABASE = Set.of("com.mongodb.MongoConnectionPoolClearedException",
            "com.mongodb.MongoSocketException", "com.mongodb.MongoTimeoutException");

    private final Problems problems;

    public ProblemWebExceptionHandler(Problems problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (error instanceof ProblemException problem) {
            return write(exchange, problem.type(), problem.detailCode(), problem.getMessage(), problem.detailArgs(),
                    problem.properties());
        }
        if (error instanceof WebExchangeBindException bind) {
            return validation(exchange, bind.getAllErrors());
        }
        if (error instanceof HandlerMethodValidationException validation) {
            return parameterValidation(exchange, validation);
        }
        if (error instanceof ConstraintViolationException violations) {
            List<Map<String, Object>> fields = violations.getConstraintViolations().stream()
                    .map(v -> field(String.valueOf(v.getPropertyPath()), v.getMessage())).toList();
            return write(exchange, ProblemType.VALIDATION_FAILED, "problem.validation-failed.detail",
                    "The request has invalid fields.", new Object[0], Map.of("errors", fields));
        }
        if (error instanceof ServerWebInputException input) {
            return malformed(exchange, input);
        }
        if (error instanceof DecodingException) {
            // a body the codecs cannot read that reaches us unwrapped (e.g. multipart without a
            // boundary, or one that never ends): the client's mistake, not ours
            return write(exchange, ProblemType.MALFORMED_REQUEST, "problem.malformed-request.body-unreadable",
                    "The request body could not be read.", new Object[0], Map.of());
        }
        if (error instanceof ErrorResponse response) {
            int status = response.getStatusCode().value();
            ProblemType type = ProblemType.forStatus(status);
            String detail = response.getBody().getDetail();
            Map<String, Object> body = problems.body(exchange, type,
                    status >= 500 ? null : "problem." + type.slug() + ".detail", status >= 500 ? null : detail,
                    new Object[0], Map.of());
            // a status without a type of its own (412, 428, …) borrows a type; the body still tells the truth
            body.put("status", status);
            return problems.write(exchange, status, body, response.getHeaders());
        }
        if (error instanceof OptimisticLockingFailureException) {
            return write(exchange, ProblemType.CONCURRENT_MODIFICATION, "problem.concurrent-modification.detail",
                    "The resource was changed by someone else; reload it and try again.", new Object[0], Map.of());
        }
        if (error instanceof DuplicateKeyException) {
            return write(exchange, ProblemType.CONFLICT, "problem.conflict.duplicate",
                    "A resource with the same unique values already exists.", new Object[0], Map.of());
        }
        if (error instanceof AuthenticationException) {
            return write(exchange, ProblemType.UNAUTHORIZED, "problem.unauthorized.detail",
                    "Authentication is required.", new Object[0], Map.of());
        }
        if (error instanceof AccessDeniedException) {
            return write(exchange, ProblemType.FORBIDDEN, "problem.forbidden.detail",
                    "You are not allowed to do this.", new Object[0], Map.of());
        }
        if (error instanceof DataAccessResourceFailureException || dependencyUnreachable(error)) {
            log.warn("dependency unavailable while handling {} {}: {}", exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath(), error.toString());
            return write(exchange, ProblemType.SERVICE_UNAVAILABLE, "problem.service-unavailable.detail",
                    "The service is temporarily unavailable; try again shortly.", new Object[0], Map.of());
        }
        if (DisconnectedClientHelper.isClientDisconnectedException(error)) {
            // The client went away (gave up waiting, closed the tab): there is no one to answer and
            // nothing broke here — not an error for the log, and no 500 to count.
            log.debug("client gone before the answer to {} {}: {}", exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath(), error.toString());
            return Mono.empty();
        }
        log.error("unexpected error handling {} {} (correlation id {})", exchange.getRequest().getMethod(),
                exchange.getRequest().getPath(),
                exchange.getRequest().getHeaders().getFirst(Problems.CORRELATION_HEADER), error);
        return write(exchange, ProblemType.INTERNAL_ERROR, "problem.internal-error.detail",
                "An unexpected error occurred.", new Object[0], Map.of());
    }

    /**
     * The driver's "pool cleared" (the server went away mid-request) reaches us uncategorised; it
     * is the same temporary condition as a failed connection, so the caller gets 503, not 500. So
     * is a refused connection to another process (the gateway proxying to a service that is down).
     */
    private static boolean dependencyUnreachable(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.net.ConnectException || isA(cause, UNREACHABLE_DATABASE)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Matched by name: the gateway has no MongoDB driver, and a class reference here made every
     * unexpected error in the gateway a NoClassDefFoundError — a request that was never answered.
     */
    private static boolean isA(Throwable error, Set<String> classNames) {
        for (Class<?> type = error.getClass(); type != null; type = type.getSuperclass()) {
            if (classNames.contains(type.getName())) {
                return true;
            }
        }
        return false;
    }

    private Mono<Void> malformed(ServerWebExchange exchange, ServerWebInputException input) {
        Map<String, Object> properties = new LinkedHashMap<>();
        if (input.getMethodParameter() != null && input.getMethodParameter().getParameterName() != null) {
            properties.put("parameter", input.getMethodParameter().getParameterName());
        }
        String code = input.getCause() instanceof DecodingException ? "problem.malformed-request.body"
                : "problem.malformed-request.detail";
        return write(exchange, ProblemType.MALFORMED_REQUEST, code, input.getReason(), new Object[0], properties);
    }

    /** Constraint violations on {@code @RequestParam}s, path variables and headers: each named. */
    private Mono<Void> parameterValidation(ServerWebExchange exchange, HandlerMethodValidationException validation) {
        List<Map<String, Object>> fields = new ArrayList<>();
        for (ParameterValidationResult result : validation.getParameterValidationResults()) {
            String name = result.getMethodParameter().getParameterName();
            for (MessageSourceResolvable error : result.getResolvableErrors()) {
                String field = error instanceof FieldError fieldError ? fieldError.getField() : name;
                fields.add(field(field == null ? "" : field,
                        problems.message(exchange, firstCode(error), error.getDefaultMessage(), error.getArguments())));
            }
        }
        return write(exchange, ProblemType.VALIDATION_FAILED, "problem.validation-failed.detail",
                "The request has invalid fields.", new Object[0], Map.of("errors", fields));
    }

    private Mono<Void> validation(ServerWebExchange exchange, List<? extends ObjectError> errors) {
        List<Map<String, Object>> fields = new ArrayList<>();
        for (ObjectError error : errors) {
            String name = error instanceof FieldError fieldError ? fieldError.getField() : error.getObjectName();
            fields.add(field(name, problems.message(exchange, firstCode(error), error.getDefaultMessage(),
                    error.getArguments())));
        }
        return write(exchange, ProblemType.VALIDATION_FAILED, "problem.validation-failed.detail",
                "The request has invalid fields.", new Object[0], Map.of("errors", fields));
    }

    private static String firstCode(MessageSourceResolvable error) {
        String[] codes = error.getCodes();
        // The last code is the bare constraint name (e.g. "NotBlank"), which our messages translate.
        return codes == null || codes.length == 0 ? "" : codes[codes.length - 1];
    }

    private static Map<String, Object> field(String name, String message) {
        Map<String, Object> field = new LinkedHashMap<>();
        field.put("field", name);
        field.put("message", message);
        return field;
    }

    private Mono<Void> write(ServerWebExchange exchange, ProblemType type, String code, String defaultDetail,
            Object[] args, Map<String, Object> properties) {
        return problems.write(exchange, type.status().value(),
                problems.body(exchange, type, code, defaultDetail, args, properties), null);
    }
}

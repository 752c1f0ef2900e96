package city.party.platform.web;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContext;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds and writes RFC 9457 problem documents in the caller's language. Shared by the exception
 * handler and the security entry points, so a 401 from the filter chain looks exactly like a 404
 * from a controller.
 */
public class Problems {

    public static final String CORRELATION_HEADER = "X-Correlation-Id";

    private final MessageSource messages;
    private final JsonMapper json;

    public Problems(MessageSource messages, JsonMapper json) {
        this.messages = messages;
        this.json = json;
    }

    public Map<String, Object> body(ServerWebExchange exchange, ProblemType type, String detailCode,
            String defaultDetail, Object[] args, Map<String, Object> properties) {
        Locale locale = locale(exchange);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type.uri().toString());
        body.put("title", messages.getMessage("problem." + type.slug() + ".title", null, type.status().getReasonPhrase(),
                locale));
        body.put("status", type.status().value());
        String detail = detailCode == null ? defaultDetail : messages.getMessage(detailCode, args, defaultDetail, locale);
        if (detail != null) {
            body.put("detail", detail);
        }
        body.put("instance", exchange.getRequest().getPath().value());
        String correlationId = exchange.getRequest().getHeaders().getFirst(CORRELATION_HEADER);
        if (correlationId != null) {
            body.put("correlationId", correlationId);
        }
        // extension members never replace the standard ones (a property named "status" once did)
        properties.forEach((name, value) -> {
            if (value != null) {
                body.putIfAbsent(name, value);
            }
        });
        return body;
    }

    public String message(ServerWebExchange exchange, String code, String defaultMessage, Object... args) {
        return messages.getMessage(code, args, defaultMessage, locale(exchange));
    }

    public Mono<Void> write(ServerWebExchange exchange, int status, Map<String, Object> body, HttpHeaders extraHeaders) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        response.setRawStatusCode(status);
        HttpHeaders headers = response.getHeaders();
        if (extraHeaders != null) {
            extraHeaders.forEach((name, values) -> {
                if (!HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name)
                        && !HttpHeaders.CONTENT_LENGTH.equalsIgnoreCase(name)) {
                    headers.put(name, List.copyOf(values));
                }
            });
        }
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        Locale locale = locale(exchange);
        if (!locale.getLanguage().isEmpty()) {
            headers.setContentLanguage(locale);
        }
        byte[] bytes = json.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        DataBuffer buffer = response.bufferFactory().wrap(bytes);
        return response.writeWith(Mono.just(buffer));
    }

    public Mono<Void> write(ServerWebExchange exchange, ProblemType type, String detailCode, String defaultDetail,
            Object... args) {
        return write(exchange, type.status().value(), body(exchange, type, detailCode, defaultDetail, args, Map.of()),
                null);
    }

    private static Locale locale(ServerWebExchange exchange) {
        LocaleContext context = exchange.getLocaleContext();
        Locale locale = context.getLocale();
        return locale != null ? locale : Locale.ROOT;
    }
}

package city.party.platform.web;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.StaticMessageSource;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemsTest {

    private final Problems problems = new Problems(new StaticMessageSource(), JsonMapper.builder().build());
    private final MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/x"));

    @Test
    void aRuleWithoutASourceIsRenderedWithoutOneInsteadOfFailing() {
        ProblemException problem = ProblemException.ruleViolation("some.rule", null, "some.rule.detail",
                "A rule was broken.");
        Map<String, Object> body = problems.body(exchange, problem.type(), problem.detailCode(), "A rule was broken.",
                problem.detailArgs(), problem.properties());
        assertThat(body).containsEntry("rule", "some.rule").doesNotContainKey("source").containsEntry("status", 422);
    }

    @Test
    void extensionMembersNeverReplaceTheStandardOnes() {
        ProblemException problem = ProblemException.conflict("x.conflict", "Conflict.").with("status", "HELD")
                .with("type", "mine").with("state", "HELD");
        Map<String, Object> body = problems.body(exchange, problem.type(), problem.detailCode(), "Conflict.",
                problem.detailArgs(), problem.properties());
        assertThat(body).containsEntry("status", 409).containsEntry("type", "urn:party-platform:problem:conflict")
                .containsEntry("state", "HELD");
    }
}

package city.party.platform.web;

import com.mongodb.MongoConnectionPoolClearedException;
import com.mongodb.ServerAddress;
import com.mongodb.connection.ServerId;
import com.mongodb.connection.ClusterId;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.StaticMessageSource;
import org.springframework.core.codec.DecodingException;
import org.springframework.http.HttpStatus;
import org.springframework.data.mongodb.UncategorizedMongoDbException;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemWebExceptionHandlerTest {

    private final ProblemWebExceptionHandler handler = new ProblemWebExceptionHandler(
            new Problems(new StaticMessageSource(), JsonMapper.builder().build()));

    @Test
    void aConnectionPoolClearedUnderARequestIsServiceUnavailableNotAnInternalError() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/members"));
        MongoConnectionPoolClearedException cleared = new MongoConnectionPoolClearedException(
                new ServerId(new ClusterId(), new ServerAddress("127.0.0.1", 27017)), null);
        handler.handle(exchange, new UncategorizedMongoDbException("pool cleared", cleared)).block();
        assertThat(exchange.getResponse().getStatusCode().value()).isEqualTo(503);
    }

    @Test
    void aRefusedConnectionToAnotherProcessIsServiceUnavailable() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api-docs/x"));
        handler.handle(exchange, new IllegalStateException("proxying failed",
                new java.net.ConnectException("Connection refused"))).block();
        assertThat(exchange.getResponse().getStatusCode().value()).isEqualTo(503);
    }

    @Test
    void aBodyTheCodecsCannotReadIsAMalformedRequest() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/api/members/import"));
        handler.handle(exchange, new DecodingException("No multipart boundary found")).block();
        assertThat(exchange.getResponse().getStatusCode().value()).isEqualTo(400);
        assertThat(exchange.getResponse().getBodyAsString().block())
                .contains("urn:party-platform:problem:malformed-request");
    }

    @Test
    void aStatusWithoutATypeOfItsOwnKeepsItsNumberInTheBody() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.put("/api/members/1"));
        handler.handle(exchange, new ResponseStatusException(HttpStatus.PRECONDITION_REQUIRED)).block();
        assertThat(exchange.getResponse().getStatusCode().value()).isEqualTo(428);
        assertThat(exchange.getResponse().getBodyAsString().block()).contains("\"status\":428");
    }

    @Test
    void anUnexpectedErrorIsStillAnInternalError() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/members"));
        handler.handle(exchange, new IllegalStateException("bug")).block();
        assertThat(exchange.getResponse().getStatusCode().value()).isEqualTo(500);
    }

    @Test
    void aClientThatWentAwayGetsNoAnswerAndIsNoInternalError() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/api/members"));
        handler.handle(exchange, new reactor.netty.channel.AbortedException("Connection has been closed BEFORE send operation"))
                .block();
        assertThat(exchange.getResponse().getStatusCode()).isNull();
        assertThat(exchange.getResponse().isCommitted()).isFalse();
    }
}

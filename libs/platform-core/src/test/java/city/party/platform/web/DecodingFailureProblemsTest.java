package city.party.platform.web;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DecodingFailureProblemsTest {

    @Test
    void anEmptyUriTooLongAnswerGetsAProblemBody() {
        EmbeddedChannel channel = new EmbeddedChannel(new DecodingFailureProblems());
        DefaultFullHttpResponse empty = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.REQUEST_URI_TOO_LONG);
        empty.headers().set(HttpHeaderNames.CONNECTION, "close");
        channel.writeOutbound(empty);

        FullHttpResponse written = channel.readOutbound();
        assertThat(written.status().code()).isEqualTo(414);
        assertThat(written.headers().get(HttpHeaderNames.CONTENT_TYPE)).isEqualTo("application/problem+json");
        assertThat(written.headers().get(HttpHeaderNames.CONNECTION)).isEqualTo("close");
        String body = written.content().toString(StandardCharsets.UTF_8);
        assertThat(body).contains("\"type\":\"urn:party-platform:problem:uri-too-long\"").contains("\"status\":414")
                .contains("\"title\":");
        assertThat(written.headers().getInt(HttpHeaderNames.CONTENT_LENGTH)).isEqualTo(body.length());
        written.release();
    }

    @Test
    void answersWithABodyOrAnotherStatusPassUnchanged() {
        EmbeddedChannel channel = new EmbeddedChannel(new DecodingFailureProblems());
        DefaultFullHttpResponse withBody = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.BAD_REQUEST, Unpooled.copiedBuffer("{}", StandardCharsets.UTF_8));
        DefaultFullHttpResponse noContent = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.NO_CONTENT);
        channel.writeOutbound(withBody, noContent);

        assertThat((Object) channel.readOutbound()).isSameAs(withBody);
        assertThat((Object) channel.readOutbound()).isSameAs(noContent);
    }
}

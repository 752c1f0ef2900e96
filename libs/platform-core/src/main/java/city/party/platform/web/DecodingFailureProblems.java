package city.party.platform.web;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import reactor.netty.NettyPipeline;

/**
 * Requests Netty cannot decode (a request line over 4 KiB: 414, headers over 8 KiB: 431, a
 * malformed request line: 400) are answered by Reactor Netty itself, before Spring sees them, with
 * an empty body. This outbound handler gives exactly those answers — a complete response with no
 * content and a 400/414/431 status — an English problem body (there is no request to localise for),
 * so clients get the platform's error format even here.
 */
public final class DecodingFailureProblems extends ChannelDuplexHandler {

    static final String NAME = "platform.decodingFailureProblems";

    private static final Map<Integer, String[]> PROBLEMS = Map.of(
            400, new String[] { "Malformed request", "The request could not be decoded." },
            414, new String[] { "URI too long", "The request line is longer than the server accepts." },
            431, new String[] { "Request headers too large", "The request headers are larger than the server accepts." });

    /** Adds the handler to every HTTP/1.1 connection of the embedded Netty server. */
    public static NettyServerCustomizer customizer() {
        return server -> server.doOnChannelInit((observer, channel, remoteAddress) -> {
            if (channel.pipeline().get(NettyPipeline.HttpCodec) != null && channel.pipeline().get(NAME) == null) {
                channel.pipeline().addAfter(NettyPipeline.HttpCodec, NAME, new DecodingFailureProblems());
            }
        });
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof FullHttpResponse response && response.content().readableBytes() == 0
                && PROBLEMS.containsKey(response.status().code())) {
            ctx.write(withProblem(response), promise);
            return;
        }
        super.write(ctx, msg, promise);
    }

    static FullHttpResponse withProblem(FullHttpResponse empty) {
        int status = empty.status().code();
        String[] problem = PROBLEMS.get(status);
        byte[] body = ("{\"type\":\"" + ProblemType.forStatus(status).uri() + "\",\"title\":\"" + problem[0]
                + "\",\"status\":" + status + ",\"detail\":\"" + problem[1] + "\"}").getBytes(StandardCharsets.UTF_8);
        DefaultFullHttpResponse response = new DefaultFullHttpResponse(empty.protocolVersion(),
                HttpResponseStatus.valueOf(status), Unpooled.wrappedBuffer(body));
        response.headers().set(empty.headers());
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json");
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        empty.release();
        return response;
    }
}

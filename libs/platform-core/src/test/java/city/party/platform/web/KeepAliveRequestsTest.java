package city.party.platform.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Guards the Reactor Netty version the platform pins (ADR 0009): up to 1.3.7 a keep-alive
 * connection stopped reading when a request that had arrived before the previous one was finished
 * was then answered at once — the next request on that connection was never read, never answered,
 * and never seen by any filter (reactor-netty#4361). Services answer refusals (401, 404, 422)
 * synchronously, so clients that reuse connections (the gateway, the tests' WebTestClient) met it
 * as a request now and then hanging until their timeout.
 */
class KeepAliveRequestsTest {

    private DisposableServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.disposeNow();
        }
    }

    @RepeatedTest(5)
    void aRequestAfterOneAnsweredAtOnceWhileItsPredecessorFinishedIsRead() throws IOException {
        server = HttpServer.create().host("127.0.0.1").port(0)
                .handle((request, response) -> response.sendString(request.uri().equals("/slow")
                        ? Mono.delay(Duration.ofMillis(50)).thenReturn("slow")
                        : Mono.just("fast")))
                .bindNow(Duration.ofSeconds(5));
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(3000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            // the second request arrives while the first is still in progress, and is answered at once
            out.write((get("/slow") + get("/fast")).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(readResponses(in, 2)).contains("slow", "fast");
            out.write(get("/next").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(readResponses(in, 1)).as("the request after them is answered").contains("fast");
        }
    }

    private static String get(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n";
    }

    /** Reads until {@code count} responses (each "fast" or "slow", 4 bytes of body) have arrived. */
    private static String readResponses(InputStream in, int count) throws IOException {
        StringBuilder received = new StringBuilder();
        byte[] buffer = new byte[4096];
        try {
            while (occurrences(received, "fast") + occurrences(received, "slow") < count) {
                int read = in.read(buffer);
                if (read < 0) {
                    break;
                }
                received.append(new String(buffer, 0, read, StandardCharsets.US_ASCII));
            }
        }
        catch (SocketTimeoutException e) {
            return received + "\n[no answer within 3 s]";
        }
        return received.toString();
    }

    private static int occurrences(CharSequence text, String part) {
        int count = 0;
        for (int at = text.toString().indexOf(part); at >= 0; at = text.toString().indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }
}

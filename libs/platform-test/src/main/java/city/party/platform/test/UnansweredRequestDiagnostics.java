package city.party.platform.test;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * When a test's HTTP client gives up waiting for an answer, writes what every thread of the JVM —
 * which also runs the application under test — was doing at that moment to
 * {@code target/unanswered-requests/}, and names the file in the failure. A request that is never
 * answered leaves no trace on the server otherwise.
 */
public class UnansweredRequestDiagnostics implements TestExecutionExceptionHandler,
        LifecycleMethodExecutionExceptionHandler {

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable error) throws Throwable {
        throw diagnosed(context, error);
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable error) throws Throwable {
        throw diagnosed(context, error);
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable error) throws Throwable {
        throw diagnosed(context, error);
    }

    static boolean unanswered(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            String message = cause.getMessage();
            if (message != null && message.contains("Timeout on blocking read")) {
                return true;
            }
        }
        return false;
    }

    private static Throwable diagnosed(ExtensionContext context, Throwable error) {
        if (!unanswered(error)) {
            return error;
        }
        try {
            Path directory = Path.of("target", "unanswered-requests");
            Files.createDirectories(directory);
            Path file = directory.resolve(context.getRequiredTestClass().getSimpleName() + "-"
                    + Instant.now().toString().replace(':', '-') + ".txt");
            Files.writeString(file, context.getDisplayName() + "\n" + threadDump(), StandardCharsets.UTF_8);
            error.addSuppressed(new IllegalStateException("thread dump at the time of the timeout: "
                    + file.toAbsolutePath()));
        }
        catch (IOException | RuntimeException e) {
            error.addSuppressed(e);
        }
        return error;
    }

    static String threadDump() {
        StringBuilder dump = new StringBuilder();
        for (ThreadInfo thread : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
            dump.append('"').append(thread.getThreadName()).append("\" ").append(thread.getThreadState());
            if (thread.getLockName() != null) {
                dump.append(" on ").append(thread.getLockName());
            }
            if (thread.getLockOwnerName() != null) {
                dump.append(" owned by \"").append(thread.getLockOwnerName()).append('"');
            }
            dump.append('\n');
            for (StackTraceElement frame : thread.getStackTrace()) {
                dump.append("\tat ").append(frame).append('\n');
            }
        }
        return dump.toString();
    }
}

package city.party.e2e.abuse;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import city.party.e2e.abuse.RawHttp.Answer;

/**
 * What an abuse run found, collected across every case so that one run lists them all; the test
 * fails once at the end with the whole list.
 */
final class Findings {

    /** One finding: the request (method, path as sent, what was wrong with it), the answer and why it is wrong. */
    record Finding(String method, String path, String kind, int status, String problem, String excerpt) {

        @Override
        public String toString() {
            return String.format("%-6s %s%n         case: %s | status %s | %s%n         body: %s", method,
                    abbreviate(path, 160), kind, status == -1 ? "none" : status, problem, excerpt);
        }
    }

    private final List<Finding> findings = Collections.synchronizedList(new ArrayList<>());

    void add(String method, String path, String kind, Answer answer, String problem) {
        findings.add(new Finding(method, path, kind, answer.status(), problem, answer.excerpt(300)));
    }

    List<Finding> all() {
        return List.copyOf(findings);
    }

    String report(String title) {
        StringBuilder text = new StringBuilder(title).append(": ").append(findings.size()).append(" finding(s)\n");
        synchronized (findings) {
            findings.forEach(finding -> text.append("  ").append(finding).append('\n'));
        }
        return text.toString();
    }

    /**
     * The error contract of docs/api/problems.md: no 5xx (and an answer at all), and every 4xx an
     * RFC 9457 problem whose {@code status} repeats the HTTP status and which has a {@code title}.
     * Returns why the answer breaks it, or null.
     */
    static String contractBreach(Answer answer) {
        if (answer.status() == -1) {
            return "no HTTP answer";
        }
        if (answer.status() >= 500) {
            return "server error";
        }
        if (answer.status() < 400) {
            return null;
        }
        if (!answer.contentType().startsWith("application/problem+json")) {
            return "4xx without application/problem+json (Content-Type: '" + answer.contentType() + "')";
        }
        Object parsed;
        try {
            parsed = Json.parse(answer.body());
        }
        catch (RuntimeException e) {
            return "problem body is not JSON";
        }
        if (!(parsed instanceof Map<?, ?> problem)) {
            return "problem body is not a JSON object";
        }
        if (!(problem.get("status") instanceof Number status) || status.intValue() != answer.status()) {
            return "problem 'status' " + problem.get("status") + " does not match HTTP " + answer.status();
        }
        if (!(problem.get("title") instanceof String title) || title.isBlank()) {
            return "problem without a 'title'";
        }
        return null;
    }

    static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "…(" + text.length() + " chars)";
    }
}

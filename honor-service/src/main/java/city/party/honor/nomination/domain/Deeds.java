package city.party.honor.nomination.domain;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import city.party.platform.web.ProblemException;
import city.party.platform.web.ProblemType;

/**
 * The statement of deeds (先进事迹) is plain text: it is published on the honor roll as entered,
 * so markup is refused rather than silently altered, control characters are dropped and line
 * breaks normalised. Length is counted in characters (code points), not bytes.
 */
public final class Deeds {

    public static final int MIN_LENGTH = 20;
    public static final int MAX_LENGTH = 5000;

    private static final Pattern MARKUP = Pattern.compile("<\\s*[a-zA-Z/!?]|&#?[a-zA-Z0-9]+;");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\n\t]]|[\\u200B-\\u200F\\u202A-\\u202E\\u2066-\\u2069]");

    private Deeds() {
    }

    public static String clean(String text) {
        if (text == null) {
            throw invalid("deeds.missing", "The statement of deeds is required.");
        }
        String normalised = CONTROL.matcher(text.replace("\r\n", "\n").replace('\r', '\n')).replaceAll("").strip();
        if (MARKUP.matcher(normalised).find()) {
            throw invalid("deeds.markup", "The statement of deeds is plain text; markup is not allowed.");
        }
        int length = normalised.codePointCount(0, normalised.length());
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            throw invalid("deeds.length", "The statement of deeds has 20 to 5000 characters (now " + length + ").");
        }
        return normalised;
    }

    private static ProblemException invalid(String code, String detail) {
        return new ProblemException(ProblemType.VALIDATION_FAILED, "nomination." + code, detail).with("errors",
                List.of(Map.of("field", "deeds", "message", detail)));
    }
}

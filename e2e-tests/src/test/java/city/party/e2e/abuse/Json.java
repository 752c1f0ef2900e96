package city.party.e2e.abuse;

import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;

/**
 * Reads JSON with JsonPath's parser (already on the test classpath) and writes it with exact
 * control over the text: abuse cases need escapes a serialiser would never emit (a lone
 * surrogate as {@code \ud800}, a NUL as {@code \u0000}) and fragments spliced in verbatim.
 */
final class Json {

    /** A piece of JSON text written as is (malformed on purpose, or an escape a serialiser would fix). */
    record Raw(String text) {
    }

    private Json() {
    }

    static Object parse(String text) {
        return JsonPath.parse(text).json();
    }

    static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    @SuppressWarnings("unchecked")
    private static void write(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        }
        else if (value instanceof Raw raw) {
            out.append(raw.text());
        }
        else if (value instanceof String text) {
            string(text, out);
        }
        else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        }
        else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, Object> entry : ((Map<String, Object>) map).entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                string(entry.getKey(), out);
                out.append(':');
                write(entry.getValue(), out);
            }
            out.append('}');
        }
        else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(list.get(i), out);
            }
            out.append(']');
        }
        else {
            throw new IllegalArgumentException("cannot write " + value.getClass());
        }
    }

    private static void string(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || Character.isSurrogate(c) && !validPair(text, i)) {
                        // control characters and unpaired surrogates only as escapes: raw they are not JSON/UTF-8
                        out.append(String.format("\\u%04x", (int) c));
                    }
                    else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static boolean validPair(String text, int i) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
    }
}

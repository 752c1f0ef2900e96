package city.party.honor.nomination.domain;

import java.text.MessageFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import city.party.platform.web.ProblemException;
import city.party.platform.web.ProblemType;
import org.owasp.html.Handler;
import org.owasp.html.HtmlChangeListener;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.HtmlSanitizer;
import org.owasp.html.HtmlStreamEventReceiver;
import org.owasp.html.HtmlStreamRenderer;
import org.owasp.html.PolicyFactory;

/**
 * The statement of deeds (先进事迹): rich text that is published on the public honor roll and
 * notices, so it is sanitised on write with a whitelist and only the sanitised HTML is stored.
 * Disallowed markup (scripts, event handlers, styles, frames, non-http(s) links, unknown tags) is
 * stripped, as sanitisers do, but what remains must still be a statement of 20 to 5000 visible
 * characters (code points, line breaks not counted); its plain-text form is kept beside the HTML
 * for the length rule and for listings.
 * <p>
 * Input without any tag or entity is plain text, exactly what clients sent before rich text:
 * it is escaped and its blank-line separated paragraphs become {@code <p>}, single line breaks
 * {@code <br>}.
 *
 * @param html the sanitised HTML (the allowed subset only)
 * @param text the visible text: paragraphs separated by a blank line, line breaks kept
 */
public record Deeds(String html, String text) {

    public static final int MIN_LENGTH = 20;
    public static final int MAX_LENGTH = 5000;
    /**
     * Stored HTML at most. The sanitiser writes fullwidth punctuation (，：；（）！？) and characters
     * beyond the BMP as 8–9 character references, so 5000 Chinese characters with ordinary
     * formatting come to some 10–15 thousand; the cap leaves room for that and bounds what a
     * statement made mostly of markup costs every reader of the public roll.
     */
    public static final int MAX_HTML_LENGTH = 30_000;
    /** Raw input at most (pasted office documents carry much markup that is then removed). */
    public static final int MAX_INPUT_LENGTH = 50_000;

    /**
     * The allowed subset. Links are kept (press reports on the deeds) but only to web pages, and
     * they pass neither search ranking nor the opener. Headings of other levels and the
     * {@code div}s of pasted or editor-made text are mapped into the subset rather than dropped.
     */
    private static final PolicyFactory POLICY = new HtmlPolicyBuilder()
            .allowElements("p", "br", "b", "strong", "i", "em", "u", "ol", "ul", "li", "h3", "h4", "blockquote")
            .allowElements((name, attributes) -> "h3", "h1", "h2")
            .allowElements((name, attributes) -> "h4", "h5", "h6")
            .allowElements((name, attributes) -> "p", "div")
            .allowElements("a").allowAttributes("href").onElements("a").allowUrlProtocols("http", "https")
            .requireRelsOnLinks("nofollow", "noopener", "noreferrer")
            .toFactory();

    private static final Set<String> BLOCKS = Set.of("p", "h3", "h4", "blockquote", "ol", "ul");
    /** A tag, comment or entity as a browser would read one ("a < b" is text, "a <b" is not). */
    private static final Pattern MARKUP = Pattern.compile("<[a-zA-Z/!?]|&#?[a-zA-Z0-9]+;");
    /** Control characters and invisible or direction-changing ones (spoofing the published text). */
    private static final Pattern INVISIBLE = Pattern.compile(
            "[\\p{Cc}&&[^\n\t]]|[\\u200B-\\u200F\\u202A-\\u202E\\u2060-\\u2064\\u2066-\\u2069\\uFEFF]");
    private static final Pattern PARAGRAPH_BREAK = Pattern.compile("\n[ \t]*\n\\s*");

    /**
     * Sanitises submitted deeds (HTML, or plain text as described above) and checks the limits;
     * 400 problem+json naming the field when nothing or too little or too much remains.
     */
    public static Deeds of(String submitted) {
        if (submitted == null || submitted.isBlank()) {
            throw invalid("deeds.missing", "The statement of deeds is required.");
        }
        if (submitted.length() > MAX_INPUT_LENGTH) {
            throw invalid("deeds.input-length",
                    "The statement of deeds is at most {0,number,#} characters as submitted.", MAX_INPUT_LENGTH);
        }
        Rendered rendered = render(submitted);
        Deeds deeds = rendered.deeds();
        int length = (int) deeds.text().codePoints().filter(c -> c != '\n').count();
        if (length == 0) {
            throw invalid("deeds.empty",
                    "The statement of deeds has no visible text once disallowed markup (such as scripts) is removed.")
                    .with("markupRemoved", rendered.markupRemoved());
        }
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            ProblemException problem = rendered.markupRemoved()
                    ? invalid("deeds.length-after-sanitising", "Once disallowed markup is removed, the statement "
                            + "of deeds has {0,number,#} characters; 20 to 5000 are required.", length)
                    : invalid("deeds.length", "The statement of deeds has 20 to 5000 characters (now {0,number,#}).",
                            length);
            throw problem.with("length", length).with("markupRemoved", rendered.markupRemoved());
        }
        if (deeds.html().length() > MAX_HTML_LENGTH) {
            throw invalid("deeds.html-length", "As stored HTML (formatting and character references included) "
                    + "the statement of deeds has {0,number,#} characters; at most 30000 are stored.",
                    deeds.html().length()).with("htmlLength", deeds.html().length());
        }
        return deeds;
    }

    /**
     * Deeds as stored. Documents written before rich text hold the plain text in the HTML field
     * and no text; they are rendered like plain-text input, without re-checking the limits.
     */
    public static Deeds stored(String html, String text) {
        if (html == null) {
            return new Deeds("", "");
        }
        return text != null ? new Deeds(html, text) : render(html).deeds();
    }

    private record Rendered(Deeds deeds, boolean markupRemoved) {
    }

    private static Rendered render(String submitted) {
        String normalised = submitted.replace("\r\n", "\n").replace('\r', '\n');
        String html = MARKUP.matcher(normalised).find() ? normalised : paragraphs(normalised);
        StringBuilder out = new StringBuilder(html.length());
        TextCollector collector = new TextCollector(HtmlStreamRenderer.create(out, Handler.DO_NOTHING));
        Removals removals = new Removals();
        HtmlSanitizer.sanitize(html, POLICY.apply(collector, removals, null));
        return new Rendered(new Deeds(out.toString(), collector.text()), removals.any);
    }

    /** Whether the policy dropped a tag or attribute: a refusal for length then says so. */
    private static final class Removals implements HtmlChangeListener<Object> {

        private boolean any;

        @Override
        public void discardedTag(Object context, String elementName) {
            any = true;
        }

        @Override
        public void discardedAttributes(Object context, String tagName, String... attributeNames) {
            any = true;
        }
    }

    /** Plain text as HTML: escaped, blank lines part paragraphs, single line breaks stay. */
    private static String paragraphs(String text) {
        StringBuilder html = new StringBuilder(text.length() + 32);
        for (String paragraph : PARAGRAPH_BREAK.split(text.strip())) {
            html.append("<p>").append(escape(paragraph.strip()).replace("\n", "<br>")).append("</p>");
        }
        return html.toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /**
     * Sits behind the policy, so it sees only what is kept: drops invisible characters from the
     * text (also when they came as entities) before it is rendered, and collects the visible text
     * as a browser lays it out — whitespace collapsed, blocks apart, list items and breaks on their
     * own lines.
     */
    private static final class TextCollector implements HtmlStreamEventReceiver {

        private final HtmlStreamEventReceiver html;
        private final StringBuilder text = new StringBuilder();

        TextCollector(HtmlStreamEventReceiver html) {
            this.html = html;
        }

        @Override
        public void openDocument() {
            html.openDocument();
        }

        @Override
        public void closeDocument() {
            html.closeDocument();
        }

        @Override
        public void openTag(String name, List<String> attributes) {
            html.openTag(name, attributes);
            if (BLOCKS.contains(name)) {
                text.append("\n\n");
            }
            else if ("li".equals(name) || "br".equals(name)) {
                text.append('\n');
            }
        }

        @Override
        public void closeTag(String name) {
            html.closeTag(name);
            if (BLOCKS.contains(name)) {
                text.append("\n\n");
            }
        }

        @Override
        public void text(String chunk) {
            String visible = INVISIBLE.matcher(chunk).replaceAll("");
            html.text(visible);
            text.append(visible.replace('\u00A0', ' ').replaceAll("[ \t\n\f]+", " "));
        }

        String text() {
            return text.toString().replaceAll(" *\n *", "\n").replaceAll("\n{3,}", "\n\n").strip();
        }
    }

    private static ProblemException invalid(String code, String detail, Object... args) {
        String message = MessageFormat.format(detail, args);
        return new ProblemException(ProblemType.VALIDATION_FAILED, "nomination." + code, message, args).with("errors",
                List.of(Map.of("field", "deeds", "message", message)));
    }
}

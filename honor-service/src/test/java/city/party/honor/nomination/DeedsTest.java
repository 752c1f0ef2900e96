package city.party.honor.nomination;

import java.util.List;

import city.party.honor.nomination.domain.Deeds;
import city.party.platform.web.ProblemException;
import city.party.platform.web.ProblemType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeedsTest {

    static final String STORY = "该同志在抗击疫情中冲锋在前，带头捐款，组织党员志愿者连续奋战四十余天，事迹突出。";
    /** The sanitiser writes fullwidth punctuation as character references (older browsers folded some to ASCII). */
    static final String STORY_HTML = "该同志在抗击疫情中冲锋在前&#xff0c;带头捐款&#xff0c;组织党员志愿者连续奋战四十余天&#xff0c;事迹突出。";

    static ProblemException refusal(String input) {
        try {
            Deeds.of(input);
        }
        catch (ProblemException e) {
            assertThat(e.type()).isEqualTo(ProblemType.VALIDATION_FAILED);
            assertThat(String.valueOf(e.properties().get("errors"))).contains("field=deeds");
            return e;
        }
        throw new AssertionError("accepted: " + input);
    }

    /** What a browser could execute or load from the stored HTML, whatever the case or spelling. */
    static void assertInert(String html) {
        assertThat(html.toLowerCase()).doesNotContain("<script").doesNotContain("javascript:")
                .doesNotContain("vbscript:").doesNotContain("data:").doesNotContain("<img")
                .doesNotContain("<iframe").doesNotContain("<svg").doesNotContain("<style").doesNotContain("style=")
                .doesNotContain("<object").doesNotContain("<embed").doesNotContain("<form")
                .doesNotContainPattern("\\son[a-z]+\\s*=");
    }

    @Test
    void plainTextAsBeforeBecomesEscapedParagraphs() {
        Deeds deeds = Deeds.of("  带头捐款\r\n组织志愿者连续奋战四十余天，事迹突出感人至深。\u0000 \r\n\r\n\r\n第二段：a < b & c > d，\u202E不可见字符被去掉。");
        assertThat(deeds.html()).isEqualTo("<p>带头捐款<br />组织志愿者连续奋战四十余天&#xff0c;事迹突出感人至深。</p>"
                + "<p>第二段&#xff1a;a &lt; b &amp; c &gt; d&#xff0c;不可见字符被去掉。</p>");
        assertThat(deeds.text()).isEqualTo("带头捐款\n组织志愿者连续奋战四十余天，事迹突出感人至深。\n\n第二段：a < b & c > d，不可见字符被去掉。");
    }

    @Test
    void theAllowedSubsetIsKept() {
        String html = "<h3>抗疫一线</h3><p>%s<br /><b>加粗</b><strong>强调</strong><i>斜</i><em>体</em><u>下划线</u></p>"
                + "<ol><li>捐款</li><li>值守</li></ol><ul><li>志愿服务</li></ul><h4>群众评价</h4><blockquote>引用</blockquote>";
        Deeds deeds = Deeds.of(html.formatted(STORY));
        assertThat(deeds.html()).isEqualTo(html.formatted(STORY_HTML));
        assertThat(deeds.text()).isEqualTo("抗疫一线\n\n" + STORY + "\n加粗强调斜体下划线\n\n捐款\n值守\n\n志愿服务\n\n群众评价\n\n引用");
    }

    @Test
    void webLinksStayWithoutRankingOrOpener() {
        Deeds deeds = Deeds.of("<p>" + STORY + "<a href=\"https://news.example.cn/a?id=1\" target=\"_blank\">人民网报道</a></p>");
        assertThat(deeds.html()).contains("<a href=\"https://news.example.cn/a?id&#61;1\" rel=\"")
                .contains("nofollow").contains("noopener").contains("noreferrer").doesNotContain("target");
        assertThat(deeds.text()).endsWith("人民网报道");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "<script>alert(1)</script>",
            "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
            "<img src=x onerror=alert(1)>",
            "<p onclick=\"alert(1)\" onmouseover='alert(1)'>点击</p>",
            "<a href=\"javascript:alert(1)\">链接</a>",
            "<a href=\" JaVaScRiPt:alert(1)\">链接</a>",
            "<a href=\"jav&#x09;ascript:alert(1)\">链接</a>",
            "<a href=\"vbscript:msgbox(1)\">链接</a>",
            "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">链接</a>",
            "<iframe src=\"https://evil.example\"></iframe>",
            "<svg onload=alert(1)><circle/></svg>",
            "<style>body{background:url(javascript:alert(1))}</style><p style=\"color:red\">红</p>",
            "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
            "<object data=\"x.swf\"></object><embed src=\"x.swf\"><form action=\"https://evil\"><input></form>",
            "<<script>alert(1);//<</script>",
            "<p title=\"</p><script>alert(1)</script>\">属性</p>",
            "<a href=\"https://x.example/\" onclick=\"alert(1)\" style=\"position:fixed\">覆盖</a>",
            "<!--<script>alert(1)</script>--><![CDATA[<script>alert(1)</script>]]>"})
    void disallowedMarkupIsStrippedAndNeverComesBackOut(String attack) {
        Deeds deeds = Deeds.of("<p>" + STORY + "</p>" + attack);
        assertInert(deeds.html());
        assertThat(deeds.text()).startsWith(STORY);
        // what is stored passes the policy unchanged, so reading it back cannot differ from what was checked
        assertThat(Deeds.of(deeds.html()).html()).isEqualTo(deeds.html());
        try {
            assertInert(Deeds.of(attack + "<p>" + STORY + "</p>").html());
        }
        catch (ProblemException swallowed) {
            // an unclosed <style> or <script> in front takes the statement with it: refused, not stored
            assertThat(swallowed.detailCode()).isEqualTo("nomination.deeds.empty");
        }
    }

    @Test
    void nothingVisibleLeftIsRefusedWithTheReason() {
        ProblemException e = refusal("<script>alert('" + STORY + "')</script><img src=x onerror=alert(1)>");
        assertThat(e.detailCode()).isEqualTo("nomination.deeds.empty");
        assertThat(e.properties()).containsEntry("markupRemoved", true);
        assertThat(refusal("<p>&nbsp;</p><b> </b>&#8203;").detailCode()).isEqualTo("nomination.deeds.empty");
    }

    @Test
    void tooShortAfterStrippingSaysSo() {
        ProblemException e = refusal("<b>事迹突出</b><script>" + STORY + "</script>");
        assertThat(e.detailCode()).isEqualTo("nomination.deeds.length-after-sanitising");
        assertThat(e.properties()).containsEntry("length", 4).containsEntry("markupRemoved", true);
        assertThat(e.getMessage()).contains("4 characters");
    }

    @Test
    void visibleTextIsCountedNotMarkup() {
        assertThat(refusal("太短").detailCode()).isEqualTo("nomination.deeds.length");
        assertThat(refusal("<p><strong>" + "好".repeat(19) + "</strong></p>").properties()).containsEntry("length", 19)
                .containsEntry("markupRemoved", false);
        assertThat(Deeds.of("<p><strong>" + "好".repeat(20) + "</strong></p>").text()).hasSize(20);
        assertThat(Deeds.of("好".repeat(5000)).text()).hasSize(5000);
        // line breaks are not counted
        assertThat(Deeds.of("<p>" + "好".repeat(4999) + "</p><p>好</p>").text()).hasSize(5002);
        assertThat(refusal("好".repeat(5001)).properties()).containsEntry("length", 5001);
        // characters beyond the BMP count once
        assertThat(Deeds.of("😀".repeat(20)).text().codePointCount(0, 40)).isEqualTo(20);
    }

    @Test
    void theStoredHtmlIsCappedToo() {
        // 4000 visible characters, but each in its own tags
        ProblemException e = refusal("<p>" + "<b>好</b>".repeat(4000) + "</p>");
        assertThat(e.detailCode()).isEqualTo("nomination.deeds.html-length");
        assertThat((Integer) e.properties().get("htmlLength")).isGreaterThan(Deeds.MAX_HTML_LENGTH);
        // a full-length statement with ordinary Chinese punctuation and paragraphs fits
        String paragraph = "该同志带头捐款，组织志愿者（共四十余人）连续值守：事迹突出！";
        String longest = ("<p>" + paragraph + "</p>").repeat(Deeds.MAX_LENGTH / paragraph.length());
        assertThat(Deeds.of(longest).html().length()).isBetween(Deeds.MAX_LENGTH, Deeds.MAX_HTML_LENGTH);
    }

    @Test
    void missingOrOversizedInputIsRefused() {
        assertThat(refusal(null).detailCode()).isEqualTo("nomination.deeds.missing");
        assertThat(refusal(" \n ").detailCode()).isEqualTo("nomination.deeds.missing");
        assertThat(refusal("<span></span>".repeat(Deeds.MAX_INPUT_LENGTH / 10) + STORY).detailCode())
                .isEqualTo("nomination.deeds.input-length");
    }

    @Test
    void deedsStoredBeforeRichTextReadAsPlainText() {
        Deeds legacy = Deeds.stored("带头捐款\n组织志愿者连续奋战四十余天，事迹突出感人至深。", null);
        assertThat(legacy.html()).isEqualTo("<p>带头捐款<br />组织志愿者连续奋战四十余天&#xff0c;事迹突出感人至深。</p>");
        assertThat(legacy.text()).isEqualTo("带头捐款\n组织志愿者连续奋战四十余天，事迹突出感人至深。");
        Deeds current = Deeds.of("<p><b>" + STORY + "</b></p>");
        assertThat(Deeds.stored(current.html(), current.text())).isEqualTo(current);
        assertThat(List.of(Deeds.stored(null, null).html(), Deeds.stored(null, null).text())).containsOnly("");
    }
}

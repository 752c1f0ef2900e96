package city.party.member.importing.domain;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import city.party.member.member.domain.LifecycleStage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MemberSheetTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 26);

    private static Map<String, String> row() {
        Map<String, String> row = new HashMap<>();
        row.put("姓名", " 王芳 ");
        row.put("性别", "女");
        row.put("公民身份号码", "11010519491231002x");
        row.put("人员类别", "正式党员");
        row.put("所在党支部", "机关第一党支部");
        row.put("入党日期", "1975/7/1");
        row.put("转正日期", "1976年7月1日");
        row.put("党籍状态", "正常");
        return row;
    }

    @Test
    void aGoodRowBecomesARegistrationWhateverTheDateStyle() {
        MemberSheet.ParsedRow parsed = MemberSheet.parse(2, row(), TODAY);
        assertThat(parsed.valid()).isTrue();
        assertThat(parsed.registration().name()).isEqualTo("王芳");
        assertThat(parsed.registration().idNumber()).isEqualTo("11010519491231002X");
        assertThat(parsed.registration().stage()).isEqualTo(LifecycleStage.FULL);
        assertThat(parsed.registration().joinedPartyOn()).isEqualTo(LocalDate.of(1975, 7, 1));
        assertThat(parsed.registration().fullMemberOn()).isEqualTo(LocalDate.of(1976, 7, 1));
        assertThat(parsed.branch()).isEqualTo("机关第一党支部");
    }

    @Test
    void everyProblemOfARowIsReportedWithItsColumn() {
        Map<String, String> bad = row();
        bad.put("公民身份号码", "110105194912310021");
        bad.put("入党日期", "2010-13-45");
        bad.put("性别", "未知");
        bad.put("人员类别", "积极分子");
        bad.put("党籍状态", "停止党籍");
        MemberSheet.ParsedRow parsed = MemberSheet.parse(7, bad, TODAY);
        assertThat(parsed.valid()).isFalse();
        assertThat(parsed.errors()).extracting(MemberSheet.RowError::column).containsExactlyInAnyOrder("公民身份号码",
                "入党日期", "性别", "人员类别", "党籍状态");
        assertThat(parsed.errors()).allSatisfy(e -> assertThat(e.row()).isEqualTo(7));
        assertThat(parsed.errors()).filteredOn(e -> e.column().equals("公民身份号码")).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("校验码错误"));
    }

    @Test
    void datesInTheFutureAndMissingRequiredCellsAreRowErrors() {
        Map<String, String> bad = row();
        bad.put("入党日期", "2027-01-01");
        bad.put("姓名", "");
        MemberSheet.ParsedRow parsed = MemberSheet.parse(3, bad, TODAY);
        assertThat(parsed.errors()).extracting(MemberSheet.RowError::column).contains("入党日期", "姓名");
    }

    @Test
    void headersMustContainTheRequiredColumnsOnce() {
        assertThat(MemberSheet.headerProblems(MemberSheet.COLUMNS)).isEmpty();
        assertThat(MemberSheet.headerProblems(List.of("姓名", "公民身份号码", "所在党支部", "入党日期", "人员类别", "备注")))
                .isEmpty();
        assertThat(MemberSheet.headerProblems(List.of("name", "id", "姓名", "姓名")))
                .anyMatch(p -> p.contains("公民身份号码")).anyMatch(p -> p.contains("重复"));
    }
}

package city.party.member.importing.domain;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import city.party.member.member.domain.CitizenIdNumber;
import city.party.member.member.domain.Gender;
import city.party.member.member.domain.LifecycleStage;
import city.party.member.member.domain.MemberRegistration;

/**
 * The party-member information form (党员基本信息采集表) as clerks keep it in Excel or CSV: Chinese
 * column headers, in any order. Turns one row into a registration, or into the list of what is
 * wrong with it (column and reason), so a whole file can be checked before anything is written.
 */
public final class MemberSheet {

    public static final String NAME = "姓名";
    public static final String GENDER = "性别";
    public static final String ETHNICITY = "民族";
    public static final String NATIVE_PLACE = "籍贯";
    public static final String BIRTH_DATE = "出生日期";
    public static final String ID_NUMBER = "公民身份号码";
    public static final String EDUCATION = "学历";
    public static final String CATEGORY = "人员类别";
    public static final String BRANCH = "所在党支部";
    public static final String JOINED_ON = "入党日期";
    public static final String FULL_ON = "转正日期";
    public static final String WORK_STARTED_ON = "参加工作日期";
    public static final String POSITION = "工作岗位";
    public static final String PHONE = "联系电话";
    public static final String ADDRESS = "家庭住址";
    public static final String STATUS = "党籍状态";

    /** The columns of the form, in the order an export writes them. */
    public static final List<String> COLUMNS = List.of(NAME, GENDER, ETHNICITY, NATIVE_PLACE, BIRTH_DATE, ID_NUMBER,
            EDUCATION, CATEGORY, BRANCH, JOINED_ON, FULL_ON, WORK_STARTED_ON, POSITION, PHONE, ADDRESS, STATUS);

    /** Columns an import cannot do without. */
    public static final Set<String> REQUIRED = Set.of(NAME, ID_NUMBER, CATEGORY, BRANCH, JOINED_ON);

    private static final List<DateTimeFormatter> DATE_FORMATS = List.of(DateTimeFormatter.ofPattern("uuuu-M-d"),
            DateTimeFormatter.ofPattern("uuuu/M/d"), DateTimeFormatter.ofPattern("uuuu.M.d"),
            DateTimeFormatter.ofPattern("uuuuMMdd"), DateTimeFormatter.ofPattern("uuuu年M月d日"));

    private MemberSheet() {
    }

    /** A problem with one cell (or the whole row when {@code column} is null). Rows count from 2. */
    public record RowError(int row, String column, String message) {
    }

    /** A parsed row: either a registration or errors. */
    public record ParsedRow(int row, MemberRegistration registration, String branch, List<RowError> errors) {

        public boolean valid() {
            return errors.isEmpty();
        }
    }

    /** The header row's problems: required columns missing, unknown or duplicated columns. */
    public static List<String> headerProblems(List<String> headers) {
        List<String> problems = new ArrayList<>();
        for (String required : REQUIRED) {
            if (!headers.contains(required)) {
                problems.add("缺少必填列「" + required + "」 (missing required column " + required + ")");
            }
        }
        Set<String> seen = new java.util.HashSet<>();
        for (String header : headers) {
            if (!header.isBlank() && !seen.add(header)) {
                problems.add("列「" + header + "」重复 (duplicate column " + header + ")");
            }
        }
        return problems;
    }

    /**
     * Parses one row ({@code cells}: header → raw text). The branch column is returned as written;
     * the caller resolves it to an organisation.
     */
    public static ParsedRow parse(int row, Map<String, String> cells, LocalDate today) {
        List<RowError> errors = new ArrayList<>();
        Map<String, String> c = new LinkedHashMap<>();
        cells.forEach((k, v) -> c.put(k.trim(), v == null ? "" : v.trim()));
        String name = required(row, c, NAME, errors);
        String idNumber = required(row, c, ID_NUMBER, errors);
        String branch = required(row, c, BRANCH, errors);
        if (!idNumber.isEmpty()) {
            try {
                CitizenIdNumber.parse(idNumber);
            }
            catch (CitizenIdNumber.InvalidCitizenIdNumberException e) {
                errors.add(new RowError(row, ID_NUMBER, "公民身份号码无效：" + reason(e.reason())));
            }
        }
        if (name.length() > 50) {
            errors.add(new RowError(row, NAME, "姓名超过50个字符"));
        }
        Gender gender = switch (c.getOrDefault(GENDER, "")) {
            case "" -> null;
            case "男" -> Gender.MALE;
            case "女" -> Gender.FEMALE;
            default -> {
                errors.add(new RowError(row, GENDER, "性别应为「男」或「女」"));
                yield null;
            }
        };
        LifecycleStage stage = switch (c.getOrDefault(CATEGORY, "")) {
            case "正式党员" -> LifecycleStage.FULL;
            case "预备党员" -> LifecycleStage.PROBATIONARY;
            case "" -> null;
            default -> {
                errors.add(new RowError(row, CATEGORY, "人员类别应为「正式党员」或「预备党员」"));
                yield null;
            }
        };
        String status = c.getOrDefault(STATUS, "");
        if (!status.isEmpty() && !status.equals("正常")) {
            errors.add(new RowError(row, STATUS, "只能导入党籍状态为「正常」的党员"));
        }
        LocalDate birth = date(row, c, BIRTH_DATE, today, errors);
        LocalDate joined = date(row, c, JOINED_ON, today, errors);
        LocalDate full = date(row, c, FULL_ON, today, errors);
        LocalDate workStarted = date(row, c, WORK_STARTED_ON, today, errors);
        if (joined == null && c.getOrDefault(JOINED_ON, "").isEmpty()) {
            errors.add(new RowError(row, JOINED_ON, "入党日期为必填项"));
        }
        if (stage == LifecycleStage.FULL && full == null && c.getOrDefault(FULL_ON, "").isEmpty()) {
            errors.add(new RowError(row, FULL_ON, "正式党员须填写转正日期"));
        }
        if (!errors.isEmpty()) {
            return new ParsedRow(row, null, branch, errors);
        }
        MemberRegistration registration = new MemberRegistration(name, gender, blankToNull(c.get(ETHNICITY)),
                blankToNull(c.get(NATIVE_PLACE)), birth, idNumber.toUpperCase(), blankToNull(c.get(EDUCATION)), null,
                stage, null, null, null, joined, stage == LifecycleStage.FULL ? full : null, workStarted,
                blankToNull(c.get(POSITION)), blankToNull(c.get(PHONE)), blankToNull(c.get(ADDRESS)), null);
        return new ParsedRow(row, registration, branch, List.of());
    }

    /** One exported row, in {@link #COLUMNS} order. */
    public static List<String> row(Function<String, String> value) {
        return COLUMNS.stream().map(column -> {
            String v = value.apply(column);
            return v == null ? "" : v;
        }).toList();
    }

    private static String required(int row, Map<String, String> c, String column, List<RowError> errors) {
        String value = c.getOrDefault(column, "");
        if (value.isEmpty()) {
            errors.add(new RowError(row, column, column + "为必填项"));
        }
        return value;
    }

    private static LocalDate date(int row, Map<String, String> c, String column, LocalDate today,
            List<RowError> errors) {
        String value = c.getOrDefault(column, "");
        if (value.isEmpty()) {
            return null;
        }
        String text = value.length() > 10 && value.charAt(10) == ' ' ? value.substring(0, 10) : value;
        for (DateTimeFormatter format : DATE_FORMATS) {
            try {
                LocalDate date = LocalDate.parse(text, format);
                if (date.isAfter(today)) {
                    errors.add(new RowError(row, column, column + "不能晚于今天"));
                }
                return date;
            }
            catch (DateTimeParseException next) {
                // try the next format
            }
        }
        errors.add(new RowError(row, column, column + "「" + value + "」不是有效日期（如 2010-07-01）"));
        return null;
    }

    private static String reason(String code) {
        return switch (code) {
            case "length" -> "应为18位";
            case "characters" -> "含有非法字符";
            case "birth-date" -> "出生日期不存在";
            case "check-character" -> "校验码错误";
            default -> "缺失";
        };
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}

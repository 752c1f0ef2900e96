package city.party.activity.compliance.domain;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import city.party.platform.web.ProblemException;
import city.party.platform.web.ProblemType;

/**
 * A calendar window in the city's zone: a month ({@code 2026-11}), a quarter ({@code 2026-Q4}), a
 * half year ({@code 2026-H2}) or a year ({@code 2026}). {@code start} inclusive, {@code end}
 * exclusive; every window lies within one calendar year.
 */
public record Period(String id, int year, int firstMonth, Frequency length) {

    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{2})");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");
    private static final Pattern HALF = Pattern.compile("(\\d{4})-H([12])");
    private static final Pattern YEAR = Pattern.compile("(\\d{4})");

    public static Period parse(String text) {
        String value = text == null ? "" : text.trim().toUpperCase();
        Matcher m;
        if ((m = MONTH.matcher(value)).matches() && Integer.parseInt(m.group(2)) >= 1
                && Integer.parseInt(m.group(2)) <= 12) {
            return of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Frequency.MONTHLY);
        }
        if ((m = QUARTER.matcher(value)).matches()) {
            return of(Integer.parseInt(m.group(1)), (Integer.parseInt(m.group(2)) - 1) * 3 + 1, Frequency.QUARTERLY);
        }
        if ((m = HALF.matcher(value)).matches()) {
            return of(Integer.parseInt(m.group(1)), (Integer.parseInt(m.group(2)) - 1) * 6 + 1,
                    Frequency.HALF_YEARLY);
        }
        if ((m = YEAR.matcher(value)).matches()) {
            return of(Integer.parseInt(m.group(1)), 1, Frequency.YEARLY);
        }
        throw new ProblemException(ProblemType.MALFORMED_REQUEST, "compliance.period-malformed",
                "A period is a month (2026-11), a quarter (2026-Q4), a half year (2026-H2) or a year (2026).")
                .with("parameter", "period");
    }

    /** The window of {@code length} that contains the month {@code month} of {@code year}. */
    public static Period of(int year, int month, Frequency length) {
        if (year < 2000 || year > 2100) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST, "compliance.period-year",
                    "The period's year must lie between 2000 and 2100.").with("parameter", "period");
        }
        int first = (month - 1) / length.months() * length.months() + 1;
        String id = switch (length) {
            case MONTHLY -> String.format("%d-%02d", year, first);
            case QUARTERLY -> year + "-Q" + ((first - 1) / 3 + 1);
            case HALF_YEARLY -> year + "-H" + ((first - 1) / 6 + 1);
            case YEARLY -> String.valueOf(year);
        };
        return new Period(id, year, first, length);
    }

    public static Period containing(LocalDate day, Frequency length) {
        return of(day.getYear(), day.getMonthValue(), length);
    }

    public LocalDate start() {
        return LocalDate.of(year, firstMonth, 1);
    }

    /** The first day after the window. */
    public LocalDate end() {
        return start().plusMonths(length.months());
    }

    /** The last day of the window: when its activities are due. */
    public LocalDate dueOn() {
        return end().minusDays(1);
    }

    /** Months of the window, 1–12. */
    public List<Integer> months() {
        List<Integer> months = new ArrayList<>();
        for (int i = 0; i < length.months(); i++) {
            months.add(firstMonth + i);
        }
        return months;
    }

    /**
     * The windows of a rule of frequency {@code rule} that a query for this period looks at: the one
     * window containing it when the rule's windows are at least as long, else every window inside it.
     */
    public List<Period> windowsOf(Frequency rule) {
        if (rule.months() >= length.months()) {
            return List.of(of(year, firstMonth, rule));
        }
        List<Period> windows = new ArrayList<>();
        for (int month = firstMonth; month < firstMonth + length.months(); month += rule.months()) {
            windows.add(of(year, month, rule));
        }
        return windows;
    }

    public YearMonth firstYearMonth() {
        return YearMonth.of(year, firstMonth);
    }
}

package city.party.platform.money;

import java.util.regex.Pattern;

import city.party.platform.web.ProblemException;
import city.party.platform.web.ProblemType;

/**
 * Exact money in 元 as the API writes it ({@code "100.00"}) and as storage keeps it (integer 分).
 * Never floating point: {@code "1e3"}, {@code "-5"}, {@code "0.001"}, {@code "abc"} and absurdly
 * large amounts are refused with a 400 naming the field.
 */
public final class Money {

    /** Up to 99,999,999,999.99 元 — far above any single payment, far below overflow. */
    private static final Pattern AMOUNT = Pattern.compile("(0|[1-9][0-9]{0,10})(\\.[0-9]{1,2})?");

    private Money() {
    }

    /** Parses a non-negative amount like {@code "22.5"} or {@code "100.00"} into 分. */
    public static long parseFen(String field, String amount) {
        if (amount == null || !AMOUNT.matcher(amount.trim()).matches()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "problem.money.format",
                    "{0} must be an amount in yuan with at most two decimals, e.g. \"100.00\".", field)
                    .with("errors", java.util.List.of(java.util.Map.of("field", field, "message",
                            "must be an amount like \"100.00\"")));
        }
        String[] parts = amount.trim().split("\\.");
        long yuan = Long.parseLong(parts[0]);
        long fen = parts.length == 1 ? 0 : Long.parseLong((parts[1] + "0").substring(0, 2));
        return yuan * 100 + fen;
    }

    /** Formats 分 as {@code "1234.50"}. */
    public static String format(long fen) {
        String sign = fen < 0 ? "-" : "";
        long abs = Math.abs(fen);
        return sign + (abs / 100) + "." + String.format("%02d", abs % 100);
    }
}

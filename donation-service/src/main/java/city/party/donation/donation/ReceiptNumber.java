package city.party.donation.donation;

import java.time.Instant;
import java.time.ZoneId;
import java.util.regex.Pattern;

/**
 * Receipt numbers like {@code JZ-2026-000123} (捐赠): prefix, the year in the city's time zone, and a
 * sequence drawn from one counter per year for the whole service. Unique and strictly increasing in
 * the order they were drawn; not gap-free — a number drawn by a request whose write then failed (or
 * which lost an idempotency race) is never reused.
 */
public final class ReceiptNumber {

    public static final ZoneId CITY_ZONE = ZoneId.of("Asia/Shanghai");
    public static final String PREFIX = "JZ";
    private static final Pattern FORMAT = Pattern.compile("JZ-[0-9]{4}-[0-9]{6,}");

    private ReceiptNumber() {
    }

    /** The counter that numbers receipts issued at {@code at}. */
    public static String series(Instant at) {
        return PREFIX + "-" + at.atZone(CITY_ZONE).getYear();
    }

    public static String format(String series, long sequence) {
        if (sequence < 1) {
            throw new IllegalArgumentException("receipt sequences start at 1");
        }
        return series + "-" + String.format("%06d", sequence);
    }

    public static boolean isWellFormed(String receipt) {
        return receipt != null && FORMAT.matcher(receipt).matches();
    }
}

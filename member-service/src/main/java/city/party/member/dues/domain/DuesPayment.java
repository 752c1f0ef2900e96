package city.party.member.dues.domain;

import java.time.Instant;
import java.time.LocalDate;

/** One month's dues as paid: the month ({@code 2026-11}), the amount in 分, when and who recorded it. */
public record DuesPayment(String month, long amountFen, LocalDate paidOn, String recordedBy, Instant recordedAt) {
}

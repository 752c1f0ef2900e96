package city.party.member.dues.web;

import java.net.URI;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import city.party.member.dues.application.DuesService;
import city.party.member.dues.domain.DuesPayment;
import city.party.member.dues.domain.IncomeCategory;
import city.party.member.member.application.MemberService;
import city.party.member.member.domain.Member;
import city.party.platform.money.Money;
import city.party.platform.security.CallerScope;
import city.party.platform.web.IfMatch;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code /api/members/{id}/dues}: what a member pays each month (from the scale), what was paid,
 * and which months are open. Amounts are money strings ({@code "22.50"}).
 */
@RestController
class DuesController {

    private static final String MONTH = "[0-9]{4}-(0[1-9]|1[0-2])";

    private final DuesService dues;

    DuesController(DuesService dues) {
        this.dues = dues;
    }

    record AssessmentRequest(@NotNull IncomeCategory category, @NotBlank String monthlyIncome,
            @NotBlank @Pattern(regexp = MONTH) String since) {
    }

    record PaymentRequest(@NotBlank @Pattern(regexp = MONTH) String month, @NotBlank String amount,
            @NotNull LocalDate paidOn) {
    }

    record PaymentView(String month, String amount, LocalDate paidOn, String recordedBy) {

        static PaymentView of(DuesPayment p) {
            return new PaymentView(p.month(), Money.format(p.amountFen()), p.paidOn(), p.recordedBy());
        }
    }

    /**
     * @param monthlyIncome shown only to the member and their administrators ({@code null} otherwise)
     */
    record DuesStatement(String memberId, long version, IncomeCategory category, String monthlyIncome,
            String monthlyDues, String assessedSince, List<PaymentView> payments, List<String> arrears,
            String scaleSource) {

        static DuesStatement of(Member m, YearMonth current, boolean sensitive) {
            var base = m.getDuesBase();
            return new DuesStatement(m.getId(), m.getVersion() == null ? 0 : m.getVersion(),
                    base == null ? null : base.category(),
                    base == null || !sensitive ? null : Money.format(base.monthlyIncomeFen()),
                    base == null ? null : Money.format(base.monthlyDuesFen()), base == null ? null : base.since(),
                    m.getDuesPayments().stream().map(PaymentView::of).toList(), m.duesArrears(current),
                    city.party.member.dues.domain.DuesScale.SOURCE);
        }
    }

    @GetMapping("/api/members/{id}/dues")
    Mono<ResponseEntity<DuesStatement>> statement(@PathVariable String id, CallerScope caller) {
        return dues.statement(id, caller).map(m -> ResponseEntity.ok().eTag(IfMatch.etag(m.getVersion()))
                .body(DuesStatement.of(m, dues.currentMonth(), MemberService.seesSensitiveData(m, caller))));
    }

    @PutMapping("/api/members/{id}/dues/assessment")
    Mono<ResponseEntity<DuesStatement>> assess(@PathVariable String id, @RequestHeader("If-Match") String ifMatch,
            @Valid @RequestBody AssessmentRequest request, CallerScope caller) {
        long income = Money.parseFen("monthlyIncome", request.monthlyIncome());
        return dues.assess(id, IfMatch.version(ifMatch), request.category(), income, YearMonth.parse(request.since()),
                caller).map(m -> ResponseEntity.ok().eTag(IfMatch.etag(m.getVersion()))
                        .body(DuesStatement.of(m, dues.currentMonth(), true)));
    }

    @PostMapping("/api/members/{id}/dues/payments")
    Mono<ResponseEntity<PaymentView>> pay(@PathVariable String id, @RequestHeader("If-Match") String ifMatch,
            @Valid @RequestBody PaymentRequest request, CallerScope caller) {
        long amount = Money.parseFen("amount", request.amount());
        return dues.pay(id, IfMatch.version(ifMatch), YearMonth.parse(request.month()), amount, request.paidOn(), caller)
                .map(p -> ResponseEntity.created(URI.create("/api/members/" + id + "/dues")).body(PaymentView.of(p)));
    }
}

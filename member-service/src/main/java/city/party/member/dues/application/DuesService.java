package city.party.member.dues.application;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;

import city.party.member.dues.domain.DuesPayment;
import city.party.member.dues.domain.IncomeCategory;
import city.party.member.member.application.MemberService;
import city.party.member.member.domain.Member;
import city.party.member.member.domain.MemberRepository;
import city.party.platform.security.CallerScope;
import city.party.platform.security.Roles;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** Dues (党费): the assessment, payments and arrears of one member — never mixed with donations. */
@Service
public class DuesService {

    private final MemberService members;
    private final MemberRepository repository;
    private final Clock clock;
    private final int backPaymentMonths;
    private final String backPaymentSource;

    DuesService(MemberService members, MemberRepository repository, Clock clock,
            @Value("${member.dues.back-payment-months.value:6}") int backPaymentMonths,
            @Value("${member.dues.back-payment-months.source:}") String backPaymentSource) {
        this.members = members;
        this.repository = repository;
        this.clock = clock;
        this.backPaymentMonths = backPaymentMonths;
        this.backPaymentSource = backPaymentSource;
    }

    public Mono<Member> statement(String memberId, CallerScope caller) {
        return members.get(memberId, caller);
    }

    public Mono<Member> assess(String memberId, long expectedVersion, IncomeCategory category, long incomeFen,
            YearMonth since, CallerScope caller) {
        return administered(memberId, expectedVersion, caller).flatMap(member -> {
            member.assessDues(category, incomeFen, since, caller.username(), clock);
            return repository.save(member);
        });
    }

    public Mono<DuesPayment> pay(String memberId, long expectedVersion, YearMonth month, long amountFen,
            LocalDate paidOn, CallerScope caller) {
        return administered(memberId, expectedVersion, caller).flatMap(member -> {
            DuesPayment payment = member.recordDuesPayment(month, amountFen, paidOn, backPaymentMonths,
                    backPaymentSource, caller.username(), clock);
            return repository.save(member).thenReturn(payment);
        });
    }

    public YearMonth currentMonth() {
        return YearMonth.now(clock.withZone(Member.CITY_ZONE));
    }

    private Mono<Member> administered(String memberId, long expectedVersion, CallerScope caller) {
        if (!caller.hasRole(Roles.COMMITTEE_ADMIN) && !caller.hasRole(Roles.ORG_ADMIN)) {
            return Mono.error(new AccessDeniedException("dues are recorded by the member's organisation"));
        }
        return members.get(memberId, caller).map(member -> {
            if (member.getVersion() == null || member.getVersion() != expectedVersion) {
                throw new OptimisticLockingFailureException("member " + memberId + " changed");
            }
            return member;
        });
    }
}

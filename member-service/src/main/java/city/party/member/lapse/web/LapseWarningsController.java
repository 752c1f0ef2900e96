package city.party.member.lapse.web;

import java.time.Clock;
import java.time.YearMonth;
import java.util.List;

import city.party.member.lapse.domain.LapseRules;
import city.party.member.lapse.domain.LapseRules.LapseWarning;
import city.party.member.member.application.MemberService;
import city.party.member.member.domain.Member;
import city.party.member.member.domain.MemberStatus;
import city.party.platform.security.CallerScope;
import city.party.platform.security.Roles;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.domain.Sort;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/members/lapse-warnings}: members of the caller's organisations whose dues are
 * unpaid long enough to warn of, or start, the lapse procedure — longest first.
 */
@RestController
@Validated
class LapseWarningsController {

    private final MemberService members;
    private final LapseRules rules;
    private final Clock clock;

    LapseWarningsController(MemberService members, Clock clock,
            @Value("${member.lapse.warn-after-months.value:3}") int warnAfterMonths,
            @Value("${member.lapse.lapse-after-months.value:6}") int lapseAfterMonths,
            @Value("${member.lapse.lapse-after-months.source:}") String source) {
        this.members = members;
        this.clock = clock;
        this.rules = new LapseRules(warnAfterMonths, lapseAfterMonths, source);
    }

    record LapseWarningPage(List<LapseWarning> content, int page, int size, long totalElements, long totalPages,
            int warnAfterMonths, int lapseAfterMonths, String source) {
    }

    @GetMapping("/api/members/lapse-warnings")
    Mono<LapseWarningPage> warnings(@RequestParam(required = false) String organizationId,
            @RequestParam(required = false) LapseRules.Level level,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size, CallerScope caller) {
        if (!caller.hasRole(Roles.COMMITTEE_ADMIN) && !caller.hasRole(Roles.ORG_ADMIN)
                && !caller.hasRole(Roles.AUDITOR)) {
            return Mono.error(new AccessDeniedException("lapse warnings are for the member's organisations"));
        }
        YearMonth current = YearMonth.now(clock.withZone(Member.CITY_ZONE));
        MemberService.Search search = new MemberService.Search(null, organizationId, null, MemberStatus.ACTIVE, false,
                0, Integer.MAX_VALUE, Sort.by("_id"));
        return members.searchAll(search, caller)
                .flatMapIterable(member -> rules.assess(member, current).stream().toList())
                .filter(warning -> level == null || warning.level() == level)
                .sort((a, b) -> a.consecutiveUnpaidMonths() != b.consecutiveUnpaidMonths()
                        ? Integer.compare(b.consecutiveUnpaidMonths(), a.consecutiveUnpaidMonths())
                        : a.memberId().compareTo(b.memberId()))
                .collectList()
                .map(all -> new LapseWarningPage(
                        all.stream().skip((long) page * size).limit(size).toList(), page, size, all.size(),
                        (all.size() + size - 1L) / size, rules.warnAfterMonths(), rules.lapseAfterMonths(),
                        rules.source()));
    }
}

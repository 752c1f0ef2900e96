package city.party.member.me.web;

import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import city.party.member.member.application.MemberService;
import city.party.platform.security.CallerScope;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/me}: who the caller is and what part of the organisation tree they act in, so a
 * frontend can decide what to show without decoding tokens itself.
 */
@RestController
class MeController {

    /**
     * @param memberId the caller's member record; {@code null} for accounts that are not members
     *                 (committee staff, machine clients): the member record whose {@code username}
     *                 is the caller's
     */
    record Me(String username, String subject, List<String> roles, List<String> organizationPaths,
            List<String> administeredPaths, boolean seesWholeCity, String memberId) {
    }

    private final MemberService members;

    MeController(MemberService members) {
        this.members = members;
    }

    @GetMapping("/api/me")
    Mono<Me> me(CallerScope caller) {
        return members.findByUsername(caller.username()).map(member -> Optional.of(member.getId()))
                .defaultIfEmpty(Optional.empty())
                .map(memberId -> new Me(caller.username(), caller.subject(),
                        List.copyOf(new TreeSet<>(caller.roles())), caller.organizationPaths(),
                        caller.administeredPaths(), caller.seesWholeCity(), memberId.orElse(null)));
    }
}

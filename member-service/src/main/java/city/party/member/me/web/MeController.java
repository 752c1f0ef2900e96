package city.party.member.me.web;

import java.util.List;
import java.util.TreeSet;

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
     *                 (committee staff, machine clients) and until member records are linked
     */
    record Me(String username, String subject, List<String> roles, List<String> organizationPaths,
            List<String> administeredPaths, boolean seesWholeCity, String memberId) {
    }

    @GetMapping("/api/me")
    Mono<Me> me(CallerScope caller) {
        return Mono.just(new Me(caller.username(), caller.subject(), List.copyOf(new TreeSet<>(caller.roles())),
                caller.organizationPaths(), caller.administeredPaths(), caller.seesWholeCity(), null));
    }
}

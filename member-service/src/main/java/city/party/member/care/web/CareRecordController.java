package city.party.member.care.web;

import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import city.party.member.care.domain.CareRecord;
import city.party.member.member.application.MemberService;
import city.party.member.member.domain.Member;
import city.party.platform.money.Money;
import city.party.platform.security.CallerScope;
import city.party.platform.security.Roles;
import city.party.platform.web.ProblemException;
import city.party.platform.web.ProblemType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * {@code /api/members/{id}/care-records}: care given to a member (关怀帮扶). Visible to whoever may
 * see the member; recorded by the member's administrators.
 */
@RestController
class CareRecordController {

    private final MemberService members;
    private final ReactiveMongoTemplate mongo;
    private final Clock clock;

    CareRecordController(MemberService members, ReactiveMongoTemplate mongo, Clock clock) {
        this.members = members;
        this.mongo = mongo;
        this.clock = clock;
    }

    record CareRequest(@NotNull CareRecord.CareKind kind, @NotNull LocalDate date,
            @NotBlank @Size(max = 2000) String description, String amount) {
    }

    record CareView(String id, CareRecord.CareKind kind, LocalDate date, String description, String amount,
            String recordedBy, java.time.Instant recordedAt) {

        static CareView of(CareRecord r) {
            return new CareView(r.id(), r.kind(), r.date(), r.description(),
                    r.amountFen() == null ? null : Money.format(r.amountFen()), r.recordedBy(), r.recordedAt());
        }
    }

    @GetMapping("/api/members/{id}/care-records")
    Mono<List<CareView>> list(@PathVariable String id, CallerScope caller) {
        return members.get(id, caller).flatMap(member -> mongo.find(Query.query(where("memberId").is(member.getId()))
                .with(Sort.by(Sort.Direction.DESC, "date")), CareRecord.class).map(CareView::of).collectList());
    }

    @PostMapping("/api/members/{id}/care-records")
    Mono<ResponseEntity<CareView>> add(@PathVariable String id, @Valid @RequestBody CareRequest request,
            CallerScope caller) {
        if (!caller.hasRole(Roles.COMMITTEE_ADMIN) && !caller.hasRole(Roles.ORG_ADMIN)) {
            return Mono.error(new AccessDeniedException("care is recorded by the member's organisation"));
        }
        if (request.date().isAfter(LocalDate.now(clock.withZone(Member.CITY_ZONE)))) {
            return Mono.error(new ProblemException(ProblemType.VALIDATION_FAILED, "member.date-in-future",
                    "The date cannot lie in the future."));
        }
        Long amount = request.amount() == null || request.amount().isBlank() ? null
                : Money.parseFen("amount", request.amount());
        return members.get(id, caller).flatMap(member -> mongo.insert(CareRecord.record(member.getId(),
                member.getOrganizationId(), request.kind(), request.date(), request.description(), amount,
                caller.username(), clock.instant())))
                .map(r -> ResponseEntity.created(URI.create("/api/members/" + id + "/care-records")).body(
                        CareView.of(r)));
    }
}

package city.party.member.member.web;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import city.party.member.member.application.MemberService;
import city.party.member.member.domain.Gender;
import city.party.member.member.domain.LifecycleStage;
import city.party.member.member.domain.MemberRegistration;
import city.party.member.member.domain.MemberStatus;
import city.party.member.member.domain.StageChange;
import city.party.platform.security.CallerScope;
import city.party.platform.web.IfMatch;
import city.party.platform.web.ProblemException;
import city.party.platform.web.ProblemType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.data.domain.Sort;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** {@code /api/members}: the register of members. */
@RestController
@RequestMapping("/api/members")
class MemberController {

    private static final Set<String> SORTABLE = Set.of("name", "registeredAt", "stage", "organizationId");

    private final MemberService members;

    MemberController(MemberService members) {
        this.members = members;
    }

    record RegisterMemberRequest(@NotBlank @Size(max = 50) String name, Gender gender, @Size(max = 20) String ethnicity,
            @Size(max = 100) String nativePlace, LocalDate birthDate, @NotBlank String idNumber,
            @Size(max = 50) String education, @NotBlank String organizationId, LifecycleStage stage,
            LocalDate appliedOn, LocalDate activistSince, LocalDate candidateSince, LocalDate joinedPartyOn,
            LocalDate fullMemberOn, LocalDate workStartedOn, @Size(max = 100) String position,
            @Pattern(regexp = "[0-9+\\- ]{5,20}") String phone, @Size(max = 200) String address,
            @Pattern(regexp = "[a-z0-9._-]{3,50}") String username) {

        MemberRegistration toRegistration() {
            return new MemberRegistration(name, gender, ethnicity, nativePlace, birthDate, idNumber, education,
                    organizationId, stage, appliedOn, activistSince, candidateSince, joinedPartyOn, fullMemberOn,
                    workStartedOn, position, phone, address, username);
        }
    }

    record StageChangeRequest(@NotNull LifecycleStage to, @NotNull LocalDate effectiveOn,
            @Size(max = 500) String reason, @Min(0) @Max(365) Integer trainingDays,
            @Min(0) @Max(2000) Integer trainingHours, @Size(max = 5) List<@NotBlank String> introducerIds, LocalDate approvedOn) {
    }

    record ProbationExtensionRequest(@NotNull Integer months, @NotBlank @Size(max = 500) String reason) {
    }

    record TransferRequest(@NotBlank String toOrganizationId, @NotBlank @Size(max = 500) String reason) {
    }

    record DecisionRequest(@Size(max = 500) String note) {
    }

    record EndMembershipRequest(@NotNull MemberStatus status, @NotNull LocalDate effectiveOn,
            @NotBlank @Size(max = 500) String reason) {
    }

    record MemberPage(List<MemberView> content, int page, int size, long totalElements, long totalPages) {
    }

    @PostMapping
    Mono<ResponseEntity<MemberView>> register(@Valid @RequestBody RegisterMemberRequest request, CallerScope caller) {
        return members.register(request.toRegistration(), caller).map(member -> ResponseEntity
                .created(URI.create("/api/members/" + member.getId()))
                .eTag(IfMatch.etag(member.getVersion()))
                .body(MemberView.of(member, true)));
    }

    @GetMapping
    Mono<MemberPage> search(
            // no control characters: the name becomes a MongoDB regex, which cannot hold a NUL (was a 500)
            @RequestParam(required = false) @Size(max = 100) @Pattern(regexp = "\\P{Cc}*") String name,
            @RequestParam(required = false) String organizationId, @RequestParam(required = false) LifecycleStage stage,
            @RequestParam(required = false) MemberStatus status,
            @RequestParam(defaultValue = "false") boolean incomingTransfers,
            @RequestParam(required = false) Boolean floating,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size,
            @RequestParam(defaultValue = "name,asc") String sort, CallerScope caller) {
        MemberService.Search search = new MemberService.Search(name, organizationId, stage, status, incomingTransfers, page,
                size, parseSort(sort), floating);
        return members.search(search, caller).map(result -> new MemberPage(
                result.content().stream().map(m -> MemberView.of(m, MemberService.seesSensitiveData(m, caller)))
                        .toList(),
                page, size, result.totalElements(), (result.totalElements() + size - 1) / size));
    }

    @GetMapping("/{id}")
    Mono<ResponseEntity<MemberView>> get(@PathVariable String id, CallerScope caller) {
        return members.get(id, caller).map(member -> ResponseEntity.ok().eTag(IfMatch.etag(member.getVersion()))
                .body(MemberView.of(member, MemberService.seesSensitiveData(member, caller))));
    }

    /** One lifecycle step; {@code If-Match} carries the version the clerk saw. */
    @PostMapping("/{id}/stage-transitions")
    Mono<ResponseEntity<MemberView>> advance(@PathVariable String id, @RequestHeader("If-Match") String ifMatch,
            @Valid @RequestBody StageChangeRequest request, CallerScope caller) {
        StageChange change = new StageChange(request.to(), request.effectiveOn(), request.reason(),
                request.trainingDays(), request.trainingHours(), request.introducerIds(), false,
                request.approvedOn());
        return members.advance(id, IfMatch.version(ifMatch), change, caller).map(member -> ResponseEntity.ok()
                .eTag(IfMatch.etag(member.getVersion())).body(MemberView.of(member, true)));
    }

    @PostMapping("/{id}/probation-extensions")
    Mono<ResponseEntity<MemberView>> extendProbation(@PathVariable String id,
            @RequestHeader("If-Match") String ifMatch, @Valid @RequestBody ProbationExtensionRequest request,
            CallerScope caller) {
        return members.extendProbation(id, IfMatch.version(ifMatch), request.months(), request.reason(), caller)
                .map(member -> ResponseEntity.ok().eTag(IfMatch.etag(member.getVersion()))
                        .body(MemberView.of(member, true)));
    }

    /** A member's transfers: the pending one (if any) and the history. */
    @GetMapping("/{id}/transfers")
    Mono<List<city.party.member.member.domain.Transfer>> transfers(@PathVariable String id, CallerScope caller) {
        return members.get(id, caller).map(member -> member.getTransfers());
    }

    /** The sending organisation issues a letter of introduction ({@code If-Match}). */
    @PostMapping("/{id}/transfers")
    Mono<ResponseEntity<city.party.member.member.domain.Transfer>> issueTransfer(@PathVariable String id,
            @RequestHeader("If-Match") String ifMatch, @Valid @RequestBody TransferRequest request,
            CallerScope caller) {
        return members.issueTransfer(id, IfMatch.version(ifMatch), request.toOrganizationId(), request.reason(), caller)
                .map(transfer -> ResponseEntity.created(URI.create("/api/members/" + id + "/transfers/"
                        + transfer.id())).body(transfer));
    }

    record FloatingRequest(@NotNull LocalDate since, @NotBlank @Size(max = 200) String destination,
            @Size(max = 500) String reason, @Size(max = 200) String hostOrganization) {
    }

    record ReturnRequest(@NotNull LocalDate returnedOn) {
    }

    /** Registers the member as away for a long time (流动党员), keeping the membership here ({@code If-Match}). */
    @org.springframework.web.bind.annotation.PutMapping("/{id}/floating")
    Mono<ResponseEntity<MemberView>> startFloating(@PathVariable String id, @RequestHeader("If-Match") String ifMatch,
            @Valid @RequestBody FloatingRequest request, CallerScope caller) {
        return members.startFloating(id, IfMatch.version(ifMatch), request.since(), request.destination(),
                request.reason(), request.hostOrganization(), caller)
                .map(member -> ResponseEntity.ok().eTag(IfMatch.etag(member.getVersion()))
                        .body(MemberView.of(member, true)));
    }

    /** The floating member is back ({@code If-Match}); the period stays in the history. */
    @PostMapping("/{id}/floating/return")
    Mono<ResponseEntity<MemberView>> endFloating(@PathVariable String id, @RequestHeader("If-Match") String ifMatch,
            @Valid @RequestBody ReturnRequest request, CallerScope caller) {
        return members.endFloating(id, IfMatch.version(ifMatch), request.returnedOn(), caller)
                .map(member -> ResponseEntity.ok().eTag(IfMatch.etag(member.getVersion()))
                        .body(MemberView.of(member, true)));
    }

    @PostMapping("/{id}/transfers/{transferId}/acceptance")
    Mono<MemberView> acceptTransfer(@PathVariable String id, @PathVariable String transferId,
            @Valid @RequestBody(required = false) DecisionRequest request, CallerScope caller) {
        return members.decideTransfer(id, transferId, true, request == null ? null : request.note(), caller)
                .map(member -> MemberView.of(member, true));
    }

    @PostMapping("/{id}/transfers/{transferId}/refusal")
    Mono<MemberView> refuseTransfer(@PathVariable String id, @PathVariable String transferId,
            @Valid @RequestBody(required = false) DecisionRequest request, CallerScope caller) {
        return members.decideTransfer(id, transferId, false, request == null ? null : request.note(), caller)
                .map(member -> MemberView.of(member, MemberService.seesSensitiveData(member, caller)));
    }

    @PostMapping("/{id}/transfers/{transferId}/cancellation")
    Mono<MemberView> cancelTransfer(@PathVariable String id, @PathVariable String transferId,
            @Valid @RequestBody(required = false) DecisionRequest request, CallerScope caller) {
        return members.cancelTransfer(id, transferId, request == null ? null : request.note(), caller)
                .map(member -> MemberView.of(member, true));
    }

    /** Death, leaving or lapsing ({@code If-Match}). */
    @PostMapping("/{id}/status-changes")
    Mono<ResponseEntity<MemberView>> endMembership(@PathVariable String id, @RequestHeader("If-Match") String ifMatch,
            @Valid @RequestBody EndMembershipRequest request, CallerScope caller) {
        return members.endMembership(id, IfMatch.version(ifMatch), request.status(), request.effectiveOn(),
                request.reason(), caller).map(member -> ResponseEntity.ok().eTag(IfMatch.etag(member.getVersion()))
                        .body(MemberView.of(member, true)));
    }

    static Sort parseSort(String sort) {
        String[] parts = sort.split(",");
        // ",,," splits into nothing at all
        String property = parts.length == 0 ? "" : parts[0].trim();
        if (!SORTABLE.contains(property)) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST, "problem.malformed-request.sort",
                    "Sort by one of " + SORTABLE + ".").with("parameter", "sort");
        }
        boolean descending = parts.length > 1 && parts[1].trim().equalsIgnoreCase("desc");
        return Sort.by(descending ? Sort.Direction.DESC : Sort.Direction.ASC, property).and(Sort.by("_id"));
    }
}

package city.party.member.organization.web;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import city.party.member.organization.application.OrganizationService;
import city.party.member.organization.domain.CommitteeTerm;
import city.party.member.organization.domain.Organization;
import city.party.member.organization.domain.OrganizationLabel;
import city.party.member.organization.domain.OrganizationStatus;
import city.party.member.organization.domain.OrganizationType;
import city.party.platform.security.CallerScope;
import city.party.platform.web.IfMatch;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** {@code /api/organizations}: the organisation tree. Changes need {@code If-Match} (the ETag). */
@RestController
@RequestMapping("/api/organizations")
class OrganizationController {

    private final OrganizationService organizations;

    OrganizationController(OrganizationService organizations) {
        this.organizations = organizations;
    }

    record OrganizationView(String id, long version, String name, OrganizationType type, String parentId,
            String path, OrganizationStatus status, CommitteeTerm committee, Instant createdAt, String createdBy,
            Instant updatedAt) {

        static OrganizationView of(Organization o) {
            return new OrganizationView(o.getId(), o.getVersion() == null ? 0 : o.getVersion(), o.getName(),
                    o.getType(), o.getParentId(), o.getPath(), o.getStatus(), o.getCommittee(), o.getCreatedAt(),
                    o.getCreatedBy(), o.getUpdatedAt());
        }
    }

    record CommitteeRequest(@NotNull java.time.LocalDate electedOn,
            @jakarta.validation.constraints.Min(1) @jakarta.validation.constraints.Max(5) int termYears,
            @NotNull @jakarta.validation.constraints.Size(min = 1, max = 15) List<@NotNull @Valid SeatRequest> seats) {
    }

    record SeatRequest(String memberId, @NotBlank @Size(max = 50) String name, @NotBlank @Size(max = 30) String post) {
    }

    record CreateOrganizationRequest(@NotBlank @Size(max = 40) String id, @NotBlank @Size(max = 100) String name,
            @NotNull OrganizationType type, @NotBlank String parentId) {
    }

    record RenameRequest(@NotBlank @Size(max = 100) String name) {
    }

    record MoveRequest(@NotBlank String parentId) {
    }

    /** Children of {@code parentId}; without it, the top of what the caller may see. */
    @GetMapping
    Mono<List<OrganizationView>> list(@RequestParam(required = false) String parentId,
            @RequestParam(defaultValue = "false") boolean includeDissolved, CallerScope caller) {
        return organizations.children(parentId, caller, includeDissolved).map(OrganizationView::of).collectList();
    }

    /**
     * Names for pickers: {@code name} (contained in the name) or {@code ids} (comma-separated, at most
     * 100); {@code scope=city} looks beyond the caller's subtrees (administrators only).
     */
    @GetMapping("/directory")
    Mono<List<OrganizationLabel>> directory(
            @RequestParam(required = false) @Size(max = 100) @Pattern(regexp = "\\P{Cc}*") String name,
            @RequestParam(required = false) @Size(max = 100) List<String> ids,
            @RequestParam(defaultValue = "visible") @jakarta.validation.constraints.Pattern(regexp = "visible|city") String scope,
            @RequestParam(defaultValue = "20") @jakarta.validation.constraints.Min(1) @jakarta.validation.constraints.Max(100) int size,
            CallerScope caller) {
        List<String> wanted = ids == null ? List.of() : ids.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
        return organizations.directory(name, wanted, scope.equals("city"), wanted.isEmpty() ? size : wanted.size(), caller)
                .collectList();
    }

    @GetMapping("/{id}")
    Mono<ResponseEntity<OrganizationView>> get(@PathVariable String id, CallerScope caller) {
        return organizations.get(id, caller).map(OrganizationController::withETag);
    }

    /** The whole active subtree under an organisation, in path order. */
    @GetMapping("/{id}/subtree")
    Mono<List<OrganizationView>> subtree(@PathVariable String id, CallerScope caller) {
        return organizations.subtree(id, caller).map(OrganizationView::of).collectList();
    }

    @PostMapping
    Mono<ResponseEntity<OrganizationView>> create(@Valid @RequestBody CreateOrganizationRequest request,
            CallerScope caller) {
        return organizations.create(request.id(), request.name(), request.type(), request.parentId(), caller)
                .map(o -> ResponseEntity.created(URI.create("/api/organizations/" + o.getId()))
                        .eTag(IfMatch.etag(o.getVersion())).body(OrganizationView.of(o)));
    }

    @PatchMapping("/{id}")
    Mono<ResponseEntity<OrganizationView>> rename(@PathVariable String id, @RequestHeader("If-Match") String ifMatch,
            @Valid @RequestBody RenameRequest request, CallerScope caller) {
        return organizations.rename(id, request.name(), IfMatch.version(ifMatch), caller)
                .map(OrganizationController::withETag);
    }

    @PostMapping("/{id}/move")
    Mono<ResponseEntity<OrganizationView>> move(@PathVariable String id, @RequestHeader("If-Match") String ifMatch,
            @Valid @RequestBody MoveRequest request, CallerScope caller) {
        return organizations.move(id, request.parentId(), IfMatch.version(ifMatch), caller)
                .map(OrganizationController::withETag);
    }

    /** Records the elected committee and its term ({@code If-Match}); re-elections are then flagged. */
    @org.springframework.web.bind.annotation.PutMapping("/{id}/committee")
    Mono<ResponseEntity<OrganizationView>> electCommittee(@PathVariable String id,
            @RequestHeader("If-Match") String ifMatch, @Valid @RequestBody CommitteeRequest request,
            CallerScope caller) {
        CommitteeTerm term = new CommitteeTerm(request.electedOn(), request.termYears(), request.seats().stream()
                .map(s -> new CommitteeTerm.Seat(s.memberId(), s.name(), s.post())).toList());
        return organizations.electCommittee(id, IfMatch.version(ifMatch), term, caller)
                .map(OrganizationController::withETag);
    }

    record AdministratorsView(String organizationId, List<String> administrators) {

        static AdministratorsView of(Organization o) {
            return new AdministratorsView(o.getId(), o.getAdministrators());
        }
    }

    /** Who administers the organisation (org-admin of its subtree). */
    @GetMapping("/{id}/administrators")
    Mono<AdministratorsView> administrators(@PathVariable String id, CallerScope caller) {
        return organizations.get(id, caller).map(AdministratorsView::of);
    }

    /**
     * Makes {@code username} an administrator: the identity sync gives the account the org-admin
     * role and the organisation's group (creating the account if there is none). Idempotent.
     */
    @org.springframework.web.bind.annotation.PutMapping("/{id}/administrators/{username}")
    Mono<AdministratorsView> assignAdministrator(@PathVariable String id, @PathVariable String username,
            CallerScope caller) {
        return organizations.assignAdministrator(id, username, caller).map(AdministratorsView::of);
    }

    /** Ends an administration; the identity sync takes the group and (if it was the last) the role away. */
    @DeleteMapping("/{id}/administrators/{username}")
    Mono<ResponseEntity<Void>> removeAdministrator(@PathVariable String id, @PathVariable String username,
            CallerScope caller) {
        return organizations.removeAdministrator(id, username, caller)
                .map(o -> ResponseEntity.noContent().build());
    }

    /** Dissolves an empty organisation (kept, marked dissolved: history refers to it). */
    @DeleteMapping("/{id}")
    Mono<ResponseEntity<OrganizationView>> dissolve(@PathVariable String id,
            @RequestHeader("If-Match") String ifMatch, CallerScope caller) {
        return organizations.dissolve(id, IfMatch.version(ifMatch), caller).map(OrganizationController::withETag);
    }

    private static ResponseEntity<OrganizationView> withETag(Organization o) {
        return ResponseEntity.ok().eTag(IfMatch.etag(o.getVersion())).body(OrganizationView.of(o));
    }
}

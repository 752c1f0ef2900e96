package city.party.honor.program.web;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import city.party.honor.nomination.application.NominationService;
import city.party.honor.program.application.ProgramService;
import city.party.honor.program.domain.Category;
import city.party.honor.program.domain.CategoryKind;
import city.party.honor.program.domain.HonorProgram;
import city.party.honor.program.domain.NoticeRound;
import city.party.honor.program.domain.ProgramDraft;
import city.party.honor.program.domain.Quota;
import city.party.platform.security.CallerScope;
import city.party.platform.web.IfMatch;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** {@code /api/honor-programs}: commendation programmes and their public notices. */
@RestController
@RequestMapping("/api/honor-programs")
class ProgramController {

    private final ProgramService programs;
    private final NominationService nominations;

    ProgramController(ProgramService programs, NominationService nominations) {
        this.programs = programs;
        this.nominations = nominations;
    }

    record CategoryRequest(@NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{1,49}") String code,
            @NotBlank @Size(max = 50) String name, @NotNull CategoryKind kind) {
    }

    record QuotaRequest(@NotBlank @Size(max = 100) String unitId, @NotBlank String category,
            @Min(0) @Max(1000) int limit) {
    }

    record CreateProgramRequest(@NotBlank @Size(max = 100) String name, @Min(2000) @Max(2100) Integer year,
            @NotEmpty @Size(max = 20) List<@NotNull @Valid CategoryRequest> categories,
            @Size(max = 2000) List<@NotNull @Valid QuotaRequest> quotas, @NotNull Instant opensAt, @NotNull Instant closesAt,
            @NotNull Instant unitReviewDeadline, @NotNull Instant committeeReviewDeadline,
            @Min(1) @Max(30) Integer noticeDays) {

        ProgramDraft toDraft() {
            return new ProgramDraft(name, year,
                    categories.stream().map(c -> new Category(c.code(), c.name().trim(), c.kind())).toList(),
                    quotas == null ? List.of()
                            : quotas.stream().map(q -> new Quota(q.unitId(), q.category(), q.limit())).toList(),
                    opensAt, closesAt, unitReviewDeadline, committeeReviewDeadline, noticeDays);
        }
    }

    record ProgramView(String id, String name, int year, List<Category> categories, List<Quota> quotas,
            Instant opensAt, Instant closesAt, Instant unitReviewDeadline, Instant committeeReviewDeadline,
            int noticeDays, List<NoticeRound> notices, String createdBy, Instant createdAt) {

        static ProgramView of(HonorProgram p) {
            return new ProgramView(p.getId(), p.getName(), p.getYear(), p.getCategories(), p.getQuotas(),
                    p.getOpensAt(), p.getClosesAt(), p.getUnitReviewDeadline(), p.getCommitteeReviewDeadline(),
                    p.getNoticeDays(), p.getNotices(), p.getCreatedBy(), p.getCreatedAt());
        }
    }

    record ProgramPage(List<ProgramView> content, int page, int size, long totalElements, long totalPages) {
    }

    @PostMapping
    Mono<ResponseEntity<ProgramView>> create(@Valid @RequestBody CreateProgramRequest request, CallerScope caller) {
        return programs.create(request.toDraft(), caller).map(p -> ResponseEntity
                .created(URI.create("/api/honor-programs/" + p.getId())).eTag(IfMatch.etag(p.getVersion()))
                .body(ProgramView.of(p)));
    }

    @GetMapping
    Mono<ProgramPage> list(@RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size, CallerScope caller) {
        return programs.list(page, size).map(result -> new ProgramPage(
                result.content().stream().map(ProgramView::of).toList(), page, size, result.totalElements(),
                (result.totalElements() + size - 1) / size));
    }

    @GetMapping("/{id}")
    Mono<ResponseEntity<ProgramView>> get(@PathVariable String id, CallerScope caller) {
        return programs.get(id).map(p -> ResponseEntity.ok().eTag(IfMatch.etag(p.getVersion()))
                .body(ProgramView.of(p)));
    }

    /** Starts the public notice (公示) of every nomination the work committee approved. */
    @PostMapping("/{id}/notice")
    Mono<ResponseEntity<NoticeRound>> startNotice(@PathVariable String id, CallerScope caller) {
        return nominations.startNotice(id, caller).map(round -> ResponseEntity.status(201).body(round));
    }
}

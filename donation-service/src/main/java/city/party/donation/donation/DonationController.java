package city.party.donation.donation;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import city.party.platform.security.CallerScope;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
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

/** {@code /api/donations}: record (idempotently), read within scope, reverse. */
@RestController
@RequestMapping("/api/donations")
class DonationController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    record DonationRequest(@NotBlank @Size(max = 100) String campaignId, @NotBlank @Size(max = 100) String memberId,
            @NotNull String amount, @NotNull String channel, Instant donatedAt, Boolean publicConsent,
            @Size(max = 500) String note) {
    }

    record ReversalRequest(@NotBlank @Size(max = 500) String reason) {
    }

    record DonationPage(List<DonationView> content, int page, int size, long totalElements, long totalPages) {
    }

    private final DonationService donations;

    DonationController(DonationService donations) {
        this.donations = donations;
    }

    /**
     * Records a donation. A retry with the same {@code Idempotency-Key} and body answers exactly as
     * the first request did (same status, body and Location) with {@code Idempotent-Replayed: true}.
     */
    @PostMapping
    Mono<ResponseEntity<DonationView>> record(
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey,
            @Valid @RequestBody DonationRequest request, CallerScope caller) {
        if (idempotencyKey == null || idempotencyKey.isBlank() || idempotencyKey.length() > 200) {
            return Mono.error(DonationService.invalid(IDEMPOTENCY_KEY, "problem.donation.idempotency-key",
                    "The Idempotency-Key header is required (at most 200 characters)."));
        }
        DonationService.Request command = new DonationService.Request(request.campaignId(), request.memberId(),
                request.amount(), request.channel(), request.donatedAt(), request.publicConsent(), request.note());
        return donations.record(idempotencyKey.trim(), command, caller).map(outcome -> ResponseEntity
                .status(HttpStatus.CREATED)
                .location(URI.create("/api/donations/" + outcome.donation().getId()))
                .header("Idempotent-Replayed", Boolean.toString(outcome.replayed()))
                .body(DonationView.of(outcome.donation())));
    }

    /** Members see their own donations ({@code mine=true} is implied for them), org-admins their subtree. */
    @GetMapping
    Mono<DonationPage> search(@RequestParam(required = false) String campaignId,
            @RequestParam(required = false) String memberId, @RequestParam(required = false) String mine,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size, CallerScope caller) {
        boolean onlyMine = mine != null && !mine.equalsIgnoreCase("false");
        return donations.search(campaignId, memberId, onlyMine, page, size, caller).map(p -> new DonationPage(
                p.content().stream().map(DonationView::of).toList(), page, size, p.totalElements(),
                (p.totalElements() + size - 1) / size));
    }

    @GetMapping("/{id}")
    Mono<DonationView> get(@PathVariable String id, CallerScope caller) {
        return donations.get(id, caller).map(DonationView::of);
    }

    /** A reversing entry (correction or refund); the original donation and receipt stay as they were. */
    @PostMapping("/{id}/reversal")
    Mono<DonationView> reverse(@PathVariable String id, @Valid @RequestBody ReversalRequest request,
            CallerScope caller) {
        return donations.reverse(id, request.reason(), caller).map(DonationView::of);
    }
}

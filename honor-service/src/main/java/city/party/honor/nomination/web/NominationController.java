package city.party.honor.nomination.web;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import city.party.honor.nomination.application.NominationService;
import city.party.honor.nomination.application.PhotoService;
import city.party.honor.nomination.domain.PhotoRef;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.web.bind.annotation.RequestPart;
import city.party.honor.nomination.domain.Deeds;
import city.party.honor.nomination.domain.EligibilityCheck;
import city.party.honor.nomination.domain.Nomination;
import city.party.honor.nomination.domain.NominationState;
import city.party.honor.nomination.domain.NomineeType;
import city.party.honor.nomination.domain.Objection;
import city.party.honor.nomination.domain.Review;
import city.party.platform.security.CallerScope;
import city.party.platform.security.Roles;
import city.party.platform.web.IfMatch;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
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

/** {@code /api/nominations}: nominations, their eligibility, reviews, objections and approval. */
@RestController
@RequestMapping("/api/nominations")
class NominationController {

    private final NominationService nominations;
    private final PhotoService photos;
    private final EligibilityMessages eligibilityMessages;

    NominationController(NominationService nominations, PhotoService photos, EligibilityMessages eligibilityMessages) {
        this.nominations = nominations;
        this.photos = photos;
        this.eligibilityMessages = eligibilityMessages;
    }

    record SubmitRequest(@NotBlank String programId, @NotBlank String category, @NotNull NomineeType nomineeType,
            @NotBlank @Size(max = 100) String nomineeId, @NotBlank @Size(max = Deeds.MAX_INPUT_LENGTH) String deeds) {
    }

    record ReviewRequest(@NotNull Review.Decision decision, @Size(max = 1000) String comment) {
    }

    record ResolutionRequest(@NotNull Objection.Status outcome, @NotBlank @Size(max = 1000) String comment) {
    }

    record NomineeView(String type, String id, String name, String organizationId, String organizationName,
            String unitId, String unitName) {
    }

    record NominationView(String id, String programId, int programYear, String category, String categoryName,
            String kind, NomineeView nominee, String deeds, String deedsText, EligibilityCheck eligibility,
            NominationState state, String submittedBy, Instant submittedAt, List<Review> reviews,
            Instant noticeStartsAt, Instant noticeEndsAt, List<Objection> objections, List<PhotoRef> photos,
            String awardId) {

        /** Objections (their texts and who lodged them) are for the work committee's eyes only. */
        static NominationView of(Nomination n, CallerScope caller) {
            var e = n.getNominee();
            Deeds deeds = n.getDeeds();
            return new NominationView(n.getId(), n.getProgramId(), n.getProgramYear(), n.getCategory(),
                    n.getCategoryName(), n.getKind().name(), new NomineeView(e.type().name(), e.id(), e.name(),
                            e.organizationId(), e.organizationName(), e.unitId(), e.unitName()),
                    deeds.html(), deeds.text(), n.getEligibility(), n.getState(), n.getSubmittedBy(),
                    n.getSubmittedAt(), n.getReviews(), n.getNoticeStartsAt(), n.getNoticeEndsAt(),
                    caller.hasRole(Roles.COMMITTEE_ADMIN) ? n.getObjections() : null, n.getPhotos(), n.getAwardId());
        }
    }

    record NominationPage(List<NominationView> content, int page, int size, long totalElements, long totalPages) {
    }

    record AwardReceipt(String awardId, String nominationId, Instant awardedAt) {
    }

    @PostMapping
    Mono<ResponseEntity<NominationView>> submit(@Valid @RequestBody SubmitRequest request, CallerScope caller) {
        return nominations.submit(new NominationService.Submission(request.programId(), request.category(),
                request.nomineeType(), request.nomineeId(), request.deeds()), caller)
                .map(n -> ResponseEntity.created(URI.create("/api/nominations/" + n.getId()))
                        .eTag(IfMatch.etag(n.getVersion())).body(NominationView.of(n, caller)));
    }

    @GetMapping
    Mono<NominationPage> search(@RequestParam(required = false) String programId,
            @RequestParam(required = false) String category, @RequestParam(required = false) NominationState state,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size, CallerScope caller) {
        return nominations.search(new NominationService.Search(programId, category, state, page, size), caller)
                .map(result -> new NominationPage(result.content().stream().map(n -> NominationView.of(n, caller))
                        .toList(), page, size, result.totalElements(), (result.totalElements() + size - 1) / size));
    }

    /** Whether a member could be nominated in a programme, and why (not). */
    @GetMapping("/eligibility")
    Mono<EligibilityCheck> eligibility(@RequestParam String programId, @RequestParam String memberId,
            CallerScope caller, org.springframework.web.server.ServerWebExchange exchange) {
        return nominations.eligibility(programId, memberId, caller)
                .map(check -> eligibilityMessages.localise(check, exchange));
    }

    @GetMapping("/{id}")
    Mono<ResponseEntity<NominationView>> get(@PathVariable String id, CallerScope caller) {
        return nominations.get(id, caller).map(n -> ResponseEntity.ok().eTag(IfMatch.etag(n.getVersion()))
                .body(NominationView.of(n, caller)));
    }

    @PostMapping("/{id}/reviews")
    Mono<NominationView> review(@PathVariable String id, @Valid @RequestBody ReviewRequest request,
            CallerScope caller) {
        return nominations.review(id, request.decision(), request.comment(), caller)
                .map(n -> NominationView.of(n, caller));
    }

    @PostMapping("/{id}/objections/{objectionId}/resolution")
    Mono<NominationView> resolve(@PathVariable String id, @PathVariable String objectionId,
            @Valid @RequestBody ResolutionRequest request, CallerScope caller) {
        return nominations.resolveObjection(id, objectionId, request.outcome(), request.comment(), caller)
                .map(n -> NominationView.of(n, caller));
    }

    /** Final approval after the public notice: the honour is conferred and goes on the honor roll. */
    @PostMapping("/{id}/approval")
    Mono<ResponseEntity<AwardReceipt>> approve(@PathVariable String id, CallerScope caller) {
        return nominations.approve(id, caller).map(a -> ResponseEntity.status(201)
                .body(new AwardReceipt(a.getId(), a.getNominationId(), a.getAwardedAt())));
    }

    /** A photo of the deeds (multipart field {@code photo}; JPEG or PNG, metadata removed). */
    @PostMapping(path = "/{id}/photos", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    Mono<ResponseEntity<PhotoRef>> attachPhoto(@PathVariable String id, @RequestPart("photo") FilePart photo,
            CallerScope caller) {
        return photos.attach(id, photo, caller).map(ref -> ResponseEntity
                .created(URI.create("/api/nominations/" + id + "/photos/" + ref.id())).body(ref));
    }

    @GetMapping("/{id}/photos/{photoId}")
    Mono<ResponseEntity<byte[]>> photo(@PathVariable String id, @PathVariable String photoId, CallerScope caller) {
        return photos.photo(id, photoId, caller).map(p -> ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(p.contentType())).cacheControl(CacheControl.noStore())
                .header("X-Content-Type-Options", "nosniff").body(p.bytes()));
    }
}

package city.party.honor.award.web;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import city.party.honor.award.application.AwardService;
import city.party.honor.award.domain.Award;
import city.party.honor.nomination.application.NominationService;
import city.party.honor.nomination.application.PhotoService;
import city.party.honor.nomination.domain.Deeds;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import city.party.honor.nomination.domain.Nomination;
import city.party.platform.security.CallerScope;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code /api/honor-roll}: the public honor roll (光荣榜) and the public notices (公示), open
 * without a token. Public views are built field by field from what is meant to be published —
 * name, organisation, unit, category, deeds — never member ids, accounts, reviews or objections.
 * {@code deeds} is the HTML sanitised on write (safe to insert into a page), {@code deedsText} its
 * visible text for clients that show no markup.
 */
@RestController
@RequestMapping("/api/honor-roll")
class HonorRollController {

    private final AwardService awards;
    private final NominationService nominations;
    private final PhotoService photos;

    HonorRollController(AwardService awards, NominationService nominations, PhotoService photos) {
        this.awards = awards;
        this.nominations = nominations;
        this.photos = photos;
    }

    record HonorEntry(String awardId, String programId, String programName, int year, String category,
            String categoryName, String kind, String name, String organizationName, String unitId, String unitName,
            String deeds, String deedsText, List<String> photos, Instant awardedAt) {

        static HonorEntry of(Award a) {
            Deeds deeds = a.getDeeds();
            return new HonorEntry(a.getId(), a.getProgramId(), a.getProgramName(), a.getProgramYear(),
                    a.getCategory(), a.getCategoryName(), a.getKind().name(), a.getName(), a.getOrganizationName(),
                    a.getUnitId(), a.getUnitName(), deeds.html(), deeds.text(), a.getPhotoIds().stream()
                            .map(id -> "/api/honor-roll/" + a.getId() + "/photos/" + id).toList(), a.getAwardedAt());
        }
    }

    record NoticeEntry(String nominationId, String programId, String category, String categoryName, String kind,
            String name, String organizationName, String unitName, String deeds, String deedsText,
            Instant noticeStartsAt, Instant noticeEndsAt) {

        static NoticeEntry of(Nomination n) {
            Deeds deeds = n.getDeeds();
            return new NoticeEntry(n.getId(), n.getProgramId(), n.getCategory(), n.getCategoryName(),
                    n.getKind().name(), n.getNominee().name(), n.getNominee().organizationName(),
                    n.getNominee().unitName(), deeds.html(), deeds.text(), n.getNoticeStartsAt(), n.getNoticeEndsAt());
        }
    }

    record RollPage<T>(List<T> content, int page, int size, long totalElements, long totalPages) {
    }

    record ObjectionRequest(@NotBlank @Size(max = 2000) String text) {
    }

    record ObjectionReceipt(String objectionId, String nominationId, Instant lodgedAt, boolean anonymous) {
    }

    record RevocationRequest(@NotBlank @Size(max = 1000) String reason) {
    }

    record RevocationView(String awardId, boolean revoked, String reason, String revokedBy, Instant revokedAt) {
    }

    @GetMapping
    Mono<RollPage<HonorEntry>> roll(@RequestParam(required = false) String programId,
            @RequestParam(required = false) String unitId, @RequestParam(required = false) String category,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        return awards.roll(programId, unitId, category, page, size).map(result -> new RollPage<>(
                result.content().stream().map(HonorEntry::of).toList(), page, size, result.totalElements(),
                (result.totalElements() + size - 1) / size));
    }

    @GetMapping("/notices")
    Mono<RollPage<NoticeEntry>> notices(@RequestParam(required = false) String programId,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        return nominations.onNotice(programId, page, size).map(result -> new RollPage<>(
                result.content().stream().map(NoticeEntry::of).toList(), page, size, result.totalElements(),
                (result.totalElements() + size - 1) / size));
    }

    /** Open without a token (platform.security.public-submission-paths); a signed-in caller is recorded. */
    @PostMapping("/notices/{nominationId}/objections")
    Mono<ResponseEntity<ObjectionReceipt>> object(@PathVariable String nominationId,
            @Valid @RequestBody ObjectionRequest request) {
        return ReactiveSecurityContextHolder.getContext().mapNotNull(context -> context.getAuthentication())
                .filter(JwtAuthenticationToken.class::isInstance)
                .map(auth -> Optional.of(CallerScope.of(((JwtAuthenticationToken) auth).getToken())))
                .defaultIfEmpty(Optional.empty())
                .flatMap(caller -> nominations.lodgeObjection(nominationId, request.text(), caller))
                .map(o -> ResponseEntity.status(201)
                        .body(new ObjectionReceipt(o.id(), nominationId, o.lodgedAt(), o.lodgedBy() == null)));
    }

    /** A photo of an awarded nomination's deeds, public while the award stands. */
    @GetMapping("/{awardId}/photos/{photoId}")
    Mono<ResponseEntity<byte[]>> photo(@PathVariable String awardId, @PathVariable String photoId) {
        return photos.publicPhoto(awardId, photoId).map(p -> ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(p.contentType()))
                .cacheControl(CacheControl.maxAge(java.time.Duration.ofMinutes(5)).cachePublic())
                .header("X-Content-Type-Options", "nosniff").body(p.bytes()));
    }

    @PostMapping("/{awardId}/revocation")
    Mono<RevocationView> revoke(@PathVariable String awardId, @Valid @RequestBody RevocationRequest request,
            CallerScope caller) {
        return awards.revoke(awardId, request.reason(), caller).map(a -> new RevocationView(a.getId(), a.isRevoked(),
                a.getRevocationReason(), a.getRevokedBy(), a.getRevokedAt()));
    }
}

package city.party.donation.campaign;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import city.party.platform.money.Money;
import city.party.platform.security.CallerScope;
import city.party.platform.web.IfMatch;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
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

/** {@code /api/donation-campaigns}: list, create, close, extend. */
@RestController
@RequestMapping("/api/donation-campaigns")
class CampaignController {

    record CreateRequest(@Pattern(regexp = "[a-z0-9][a-z0-9-]{2,63}") String id, @NotBlank @Size(max = 100) String name,
            @Size(max = 2000) String purpose, @Size(max = 100) String organiser,
            @NotBlank String participatingOrganizationId, @NotNull Instant opensAt, @NotNull Instant closesAt,
            String target) {
    }

    record ExtensionRequest(@NotNull Instant closesAt, @NotBlank @Size(max = 500) String reason) {
    }

    record CampaignPage(List<CampaignView> content, int page, int size, long totalElements, long totalPages) {
    }

    private final CampaignService campaigns;
    private final java.time.Clock clock;

    CampaignController(CampaignService campaigns, java.time.Clock clock) {
        this.campaigns = campaigns;
        this.clock = clock;
    }

    @PostMapping
    Mono<ResponseEntity<CampaignView>> create(@Valid @RequestBody CreateRequest request, CallerScope caller) {
        Long target = request.target() == null ? null : Money.parseFen("target", request.target());
        return campaigns.create(new CampaignService.NewCampaign(request.id(), request.name(), request.purpose(),
                request.organiser(), request.participatingOrganizationId(), request.opensAt(), request.closesAt(),
                target), caller).map(c -> ResponseEntity.created(URI.create("/api/donation-campaigns/" + c.getId()))
                        .eTag(IfMatch.etag(c.getVersion())).body(CampaignView.of(c, Instant.now(clock))));
    }

    @GetMapping
    Mono<CampaignPage> list(@RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        Instant now = Instant.now(clock);
        return campaigns.list(page, size).map(p -> new CampaignPage(
                p.content().stream().map(c -> CampaignView.of(c, now)).toList(), page, size, p.totalElements(),
                (p.totalElements() + size - 1) / size));
    }

    @GetMapping("/{id}")
    Mono<ResponseEntity<CampaignView>> get(@PathVariable String id) {
        return campaigns.get(id).map(c -> ResponseEntity.ok().eTag(IfMatch.etag(c.getVersion()))
                .body(CampaignView.of(c, Instant.now(clock))));
    }

    /** Ends the window now; {@code If-Match} is optional (without it the latest version is closed). */
    @PostMapping("/{id}/close")
    Mono<ResponseEntity<CampaignView>> close(@PathVariable String id,
            @RequestHeader(name = "If-Match", required = false) String ifMatch, CallerScope caller) {
        return campaigns.close(id, ifMatch == null ? -1 : IfMatch.version(ifMatch), caller)
                .map(c -> ResponseEntity.ok().eTag(IfMatch.etag(c.getVersion())).body(CampaignView.of(c,
                        Instant.now(clock))));
    }

    @PostMapping("/{id}/extension")
    Mono<ResponseEntity<CampaignView>> extend(@PathVariable String id,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            @Valid @RequestBody ExtensionRequest request, CallerScope caller) {
        return campaigns.extend(id, ifMatch == null ? -1 : IfMatch.version(ifMatch), request.closesAt(),
                request.reason(), caller).map(c -> ResponseEntity.ok().eTag(IfMatch.etag(c.getVersion()))
                        .body(CampaignView.of(c, Instant.now(clock))));
    }
}

package city.party.activity.kind;

import java.net.URI;
import java.util.List;

import city.party.platform.security.CallerScope;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** {@code /api/activities/kinds}: the catalogue of kinds; the work committee adds new ones. */
@RestController
@RequestMapping("/api/activities/kinds")
class ActivityKindController {

    private final ActivityKinds kinds;

    ActivityKindController(ActivityKinds kinds) {
        this.kinds = kinds;
    }

    record NewKind(@NotBlank @Pattern(regexp = "[a-z][a-z0-9-]{1,49}") String code,
            @NotBlank @Size(max = 50) String name, @Size(max = 500) String description, Boolean votes,
            Boolean appraisal) {
    }

    @GetMapping
    Mono<List<ActivityKind>> list() {
        return kinds.all().collectList();
    }

    @PostMapping
    Mono<ResponseEntity<ActivityKind>> add(@Valid @RequestBody NewKind request, CallerScope caller) {
        return kinds.add(request.code(), request.name(), request.description(), Boolean.TRUE.equals(request.votes()),
                Boolean.TRUE.equals(request.appraisal()),
                caller).map(kind -> ResponseEntity.created(URI.create("/api/activities/kinds/" + kind.code()))
                        .body(kind));
    }
}

package city.party.platform.testapp;

import city.party.platform.security.CallerScope;
import city.party.platform.web.ProblemException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/samples")
class SampleController {

    private final SampleRepository samples;

    SampleController(SampleRepository samples) {
        this.samples = samples;
    }

    record NewSample(@NotBlank @Size(max = 20) String id, @NotBlank String name) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Mono<Sample> create(@Valid @RequestBody NewSample body) {
        return samples.insert(Sample.create(body.id(), body.name()));
    }

    @GetMapping("/{id}")
    Mono<Sample> get(@PathVariable String id) {
        return samples.findById(id).switchIfEmpty(Mono.error(ProblemException.notFound("sample", id)));
    }

    /** Renames a sample the caller loaded at {@code version}: a stale version is a conflict. */
    @PutMapping("/{id}")
    Mono<Sample> rename(@PathVariable String id, @RequestParam long version, @RequestParam String name) {
        return get(id).flatMap(sample -> {
            if (sample.getVersion() != version) {
                return Mono.error(new OptimisticLockingFailureException("sample " + id + " is at a newer version"));
            }
            sample.rename(name);
            return samples.save(sample);
        });
    }

    /** Two writers load the same version; the second save loses the race in the database. */
    @PutMapping("/{id}/race")
    Mono<Sample> race(@PathVariable String id) {
        return Mono.zip(get(id), get(id)).flatMap(pair -> {
            pair.getT1().rename("first");
            pair.getT2().rename("second");
            return samples.save(pair.getT1()).then(samples.save(pair.getT2()));
        });
    }

    @GetMapping("/number/{n}")
    Mono<Integer> number(@PathVariable int n) {
        return Mono.just(n);
    }

    @GetMapping("/rule")
    Mono<Void> rule() {
        return Mono.error(ProblemException.ruleViolation("sample.rule", "test regulation §1",
                "sample.rule.detail", "A sample rule was broken."));
    }

    @GetMapping("/boom")
    Mono<Void> boom() {
        return Mono.error(new IllegalStateException("secret internal detail"));
    }

    @GetMapping("/me")
    Mono<CallerScope> me(CallerScope caller) {
        return Mono.just(caller);
    }

    @GetMapping("/admin")
    @PreAuthorize("hasRole('committee-admin')")
    Mono<String> admin() {
        return Mono.just("ok");
    }
}

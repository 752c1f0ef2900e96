package city.party.member.importing.web;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import city.party.member.importing.application.MemberExportService;
import city.party.member.importing.application.MemberImportService;
import city.party.member.importing.domain.ImportJob;
import city.party.platform.security.CallerScope;
import city.party.platform.security.Roles;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.ContentDisposition;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * {@code /api/members/import}: upload the member form (.xlsx or .csv, multipart field {@code file});
 * the answer is 202 with the job, whose progress and row errors {@code GET …/import/{jobId}} shows.
 * {@code /api/members/export}: the same form, for what the caller may see.
 */
@RestController
class MemberImportController {

    private final MemberImportService imports;
    private final MemberExportService exports;

    MemberImportController(MemberImportService imports, MemberExportService exports) {
        this.imports = imports;
        this.exports = exports;
    }

    @PostMapping(path = "/api/members/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    Mono<ResponseEntity<ImportJob>> upload(@RequestPart("file") FilePart file,
            @RequestParam String organizationId, @RequestParam(defaultValue = "false") boolean partial,
            CallerScope caller) {
        return imports.start(file, organizationId, partial, caller).map(job -> ResponseEntity
                .accepted().location(URI.create("/api/members/import/" + job.getId())).body(job));
    }

    @GetMapping("/api/members/import/{jobId}")
    Mono<ImportJob> job(@PathVariable String jobId, CallerScope caller) {
        // a job's row errors quote the file: for administrators, like the export (an auditor reading
        // any city-wide job by its id was found by the e2e authorization matrix)
        return requireAdministrator(caller, "only administrators follow imports")
                .then(Mono.defer(() -> imports.job(jobId, caller)));
    }

    @GetMapping("/api/members/export")
    Mono<Void> export(@RequestParam(defaultValue = "xlsx") String format,
            @RequestParam(required = false) String organizationId, CallerScope caller, ServerWebExchange exchange) {
        boolean xlsx = !"csv".equalsIgnoreCase(format);
        // Exports carry unmasked personal data: only those who administer the members.
        return requireAdministrator(caller, "only administrators export the register").then(Mono.defer(() ->
                exports.export(organizationId, xlsx, caller))).flatMap(path -> {
            var response = exchange.getResponse();
            response.getHeaders().setContentType(xlsx
                    ? MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                    : new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8));
            response.getHeaders().setContentDisposition(ContentDisposition.attachment()
                    .filename("党员信息." + (xlsx ? "xlsx" : "csv"), java.nio.charset.StandardCharsets.UTF_8).build());
            return response.writeWith(DataBufferUtils.read(path, new DefaultDataBufferFactory(), 64 * 1024))
                    .doFinally(signal -> deleteQuietly(path));
        });
    }

    private static Mono<Void> requireAdministrator(CallerScope caller, String why) {
        return caller.hasRole(Roles.COMMITTEE_ADMIN) || caller.hasRole(Roles.ORG_ADMIN) ? Mono.empty()
                : Mono.error(new AccessDeniedException(why));
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        }
        catch (java.io.IOException ignored) {
            // a temp file; the OS cleans up
        }
    }

}

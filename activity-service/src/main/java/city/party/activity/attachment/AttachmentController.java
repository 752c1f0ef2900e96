package city.party.activity.attachment;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import city.party.platform.security.CallerScope;
import city.party.platform.web.ProblemException;
import city.party.platform.web.ProblemType;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.http.codec.multipart.Part;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** {@code /api/activities/{id}/attachments}: files of the record (multipart field {@code file}). */
@RestController
@RequestMapping("/api/activities/{activityId}/attachments")
class AttachmentController {

    private final AttachmentService attachments;

    AttachmentController(AttachmentService attachments) {
        this.attachments = attachments;
    }

    record AttachmentView(String id, String filename, String contentType, long size, String sha256,
            String uploadedBy, Instant uploadedAt) {

        static AttachmentView of(Attachment a) {
            return new AttachmentView(a.id(), a.filename(), a.contentType(), a.size(), a.sha256(), a.uploadedBy(),
                    a.uploadedAt());
        }
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    Mono<ResponseEntity<AttachmentView>> upload(@PathVariable String activityId,
            @RequestBody Mono<MultiValueMap<String, Part>> parts, CallerScope caller) {
        return parts.flatMap(map -> {
            if (!(map.getFirst("file") instanceof FilePart file)) {
                return Mono.error(new ProblemException(ProblemType.VALIDATION_FAILED, "activity.attachment-missing",
                        "Send the file in the multipart field \"file\".").with("errors",
                                List.of(java.util.Map.of("field", "file", "message", "required"))));
            }
            return attachments.upload(activityId, file, caller);
        }).onErrorMap(org.springframework.core.io.buffer.DataBufferLimitException.class,
                e -> new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "problem.payload-too-large.detail",
                        "The request is larger than allowed.")).map(a -> ResponseEntity.created(URI.create("/api/activities/" + activityId + "/attachments/" + a.id()))
                .body(AttachmentView.of(a)));
    }

    @GetMapping
    Mono<List<AttachmentView>> list(@PathVariable String activityId, CallerScope caller) {
        return attachments.list(activityId, caller).map(AttachmentView::of).collectList();
    }

    @GetMapping("/{attachmentId}")
    Mono<ResponseEntity<byte[]>> download(@PathVariable String activityId, @PathVariable String attachmentId,
            CallerScope caller) {
        return attachments.download(activityId, attachmentId, caller).map(a -> ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(a.contentType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(a.filename(), StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .body(a.content().getData()));
    }
}

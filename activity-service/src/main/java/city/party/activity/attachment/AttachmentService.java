package city.party.activity.attachment;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import city.party.activity.activity.application.ActivityService;
import city.party.platform.security.CallerScope;
import city.party.platform.web.ProblemException;
import city.party.platform.web.ProblemType;
import org.bson.types.Binary;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.stereotype.Service;
import org.springframework.util.unit.DataSize;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * Attachments with limits: at most {@code activity.attachments.max-size} bytes, only the media
 * types of {@code activity.attachments.allowed-types}, and the content must look like what it
 * claims to be (magic bytes), so a renamed executable is not stored as a PDF. Nothing is stored
 * unless every check passes.
 */
@Service
public class AttachmentService {

    /** First bytes of each allowed type; Office files are ZIP containers. */
    private static final Map<String, byte[][]> MAGIC = Map.of(
            "application/pdf", new byte[][] { "%PDF".getBytes() },
            "image/png", new byte[][] { { (byte) 0x89, 'P', 'N', 'G' } },
            "image/jpeg", new byte[][] { { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF } },
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document", new byte[][] { { 'P', 'K', 3, 4 } },
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", new byte[][] { { 'P', 'K', 3, 4 } });

    private final ReactiveMongoTemplate mongo;
    private final ActivityService activities;
    private final Clock clock;
    private final DataSize maxSize;
    private final List<String> allowedTypes;
    private final int maxPerActivity;

    AttachmentService(ReactiveMongoTemplate mongo, ActivityService activities, Clock clock,
            @Value("${activity.attachments.max-size:10MB}") DataSize maxSize,
            @Value("${activity.attachments.allowed-types:application/pdf,image/png,image/jpeg}") List<String> allowedTypes,
            @Value("${activity.attachments.max-per-activity:30}") int maxPerActivity) {
        this.mongo = mongo;
        this.activities = activities;
        this.clock = clock;
        this.maxSize = maxSize;
        this.allowedTypes = allowedTypes.stream().map(t -> t.trim().toLowerCase(Locale.ROOT)).toList();
        this.maxPerActivity = maxPerActivity;
    }

    public Mono<Attachment> upload(String activityId, FilePart file, CallerScope caller) {
        String type = file.headers().getContentType() == null ? ""
                : file.headers().getContentType().getType() + "/" + file.headers().getContentType().getSubtype();
        return activities.requireWritable(activityId, caller)
                .then(Mono.defer(() -> allowedTypes.contains(type.toLowerCase(Locale.ROOT)) ? Mono.<Void>empty()
                        : Mono.error(unsupported(type))))
                .then(mongo.count(query(where("activityId").is(activityId)), Attachment.class))
                .flatMap(count -> count >= maxPerActivity ? Mono.error(ProblemException.conflict(
                        "activity.attachments-full", "An activity has at most {0} attachments.", maxPerActivity))
                        : DataBufferUtils.join(file.content(), (int) maxSize.toBytes()))
                .onErrorMap(DataBufferLimitException.class, e -> tooLarge())
                .map(buffer -> {
                    byte[] bytes = new byte[buffer.readableByteCount()];
                    buffer.read(bytes);
                    DataBufferUtils.release(buffer);
                    return bytes;
                })
                .flatMap(bytes -> {
                    if (bytes.length == 0) {
                        return Mono.error(new ProblemException(ProblemType.VALIDATION_FAILED,
                                "activity.attachment-empty", "The file is empty.").with("errors",
                                        List.of(Map.of("field", "file", "message", "empty"))));
                    }
                    if (!looksLike(type, bytes)) {
                        return Mono.error(unsupported(type));
                    }
                    return mongo.insert(new Attachment(UUID.randomUUID().toString(), activityId,
                            safeName(file.filename()), type, bytes.length, sha256(bytes), caller.username(),
                            clock.instant(), new Binary(bytes)));
                });
    }

    public Flux<Attachment> list(String activityId, CallerScope caller) {
        Query q = query(where("activityId").is(activityId)).with(Sort.by("uploadedAt", "_id"));
        q.fields().exclude("content");
        return activities.get(activityId, caller).thenMany(mongo.find(q, Attachment.class));
    }

    public Mono<Attachment> download(String activityId, String attachmentId, CallerScope caller) {
        return activities.get(activityId, caller).then(mongo.findOne(query(where("_id").is(attachmentId)
                .and("activityId").is(activityId)), Attachment.class))
                .switchIfEmpty(Mono.error(ProblemException.notFound("attachment", attachmentId)));
    }

    private ProblemException tooLarge() {
        return new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "activity.attachment-too-large",
                "An attachment may have at most {0} bytes.", maxSize.toBytes()).with("maxBytes", maxSize.toBytes());
    }

    private ProblemException unsupported(String type) {
        return new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "activity.attachment-type",
                "Attachments may be {0}; this file is not one of them.", String.join(", ", allowedTypes))
                .with("allowedTypes", allowedTypes);
    }

    static boolean looksLike(String type, byte[] bytes) {
        byte[][] signatures = MAGIC.get(type);
        if (signatures == null) {
            return true;
        }
        for (byte[] signature : signatures) {
            if (bytes.length >= signature.length
                    && java.util.Arrays.equals(bytes, 0, signature.length, signature, 0, signature.length)) {
                return true;
            }
        }
        return false;
    }

    private static String safeName(String filename) {
        String name = filename == null ? "attachment" : filename.replaceAll("[\\\\/\\p{Cntrl}]", "_").trim();
        return name.isEmpty() ? "attachment" : name.length() > 200 ? name.substring(name.length() - 200) : name;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

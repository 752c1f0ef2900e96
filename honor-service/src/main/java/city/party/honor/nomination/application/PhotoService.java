package city.party.honor.nomination.application;

import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.util.UUID;

import city.party.honor.award.domain.Award;
import city.party.honor.nomination.domain.PhotoRef;
import city.party.honor.nomination.domain.Photos;
import city.party.platform.security.CallerScope;
import city.party.platform.security.Roles;
import city.party.platform.web.ProblemException;
import city.party.platform.web.ProblemType;
import org.bson.Document;
import org.bson.types.Binary;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.util.unit.DataSize;
import reactor.core.publisher.Mono;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * Photos of the deeds: uploaded by the nominating side while the nomination is with the unit,
 * seen by those who see the nomination, and public once the honour is awarded (until revoked).
 */
@Service
public class PhotoService {

    public static final String COLLECTION = "nomination_photos";

    public record Photo(String contentType, byte[] bytes) {
    }

    private final ReactiveMongoTemplate mongo;
    private final NominationService nominations;
    private final Clock clock;
    private final long maxBytes;

    PhotoService(ReactiveMongoTemplate mongo, NominationService nominations, Clock clock,
            @Value("${honor.photos.max-size:1MB}") DataSize maxSize) {
        this.mongo = mongo;
        this.nominations = nominations;
        this.clock = clock;
        this.maxBytes = maxSize.toBytes();
    }

    /** The photo is stored first and referenced second; if referencing fails it is deleted again. */
    public Mono<PhotoRef> attach(String nominationId, FilePart file, CallerScope caller) {
        if (!caller.hasRole(Roles.COMMITTEE_ADMIN) && !caller.hasRole(Roles.ORG_ADMIN)) {
            return Mono.error(new AccessDeniedException("only the nominating side adds photos"));
        }
        return nominations.get(nominationId, caller).flatMap(nomination -> read(file).flatMap(raw -> {
            byte[] clean = Photos.withoutMetadata(raw);
            PhotoRef ref = new PhotoRef(UUID.randomUUID().toString(), Photos.typeOf(clean), clean.length,
                    caller.username(), clock.instant());
            nomination.attachPhoto(ref);
            Document doc = new Document("_id", ref.id()).append("nominationId", nominationId)
                    .append("contentType", ref.contentType()).append("bytes", new Binary(clean));
            return mongo.insert(doc, COLLECTION).then(mongo.save(nomination)
                    .onErrorResume(e -> mongo.remove(query(where("_id").is(ref.id())), COLLECTION)
                            .then(Mono.error(e))))
                    .thenReturn(ref);
        }));
    }

    public Mono<Photo> photo(String nominationId, String photoId, CallerScope caller) {
        return nominations.get(nominationId, caller)
                .filter(n -> n.getPhotos().stream().anyMatch(p -> p.id().equals(photoId)))
                .flatMap(n -> load(photoId))
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("photo", photoId)));
    }

    /** A photo of an award that stands, for anyone. */
    public Mono<Photo> publicPhoto(String awardId, String photoId) {
        return mongo.findById(awardId, Award.class)
                .filter(a -> !a.isRevoked() && a.getPhotoIds().contains(photoId))
                .flatMap(a -> load(photoId))
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("photo", photoId)));
    }

    private Mono<Photo> load(String photoId) {
        return mongo.findById(photoId, Document.class, COLLECTION)
                .map(doc -> new Photo(doc.getString("contentType"), bytes(doc.get("bytes"))));
    }

    private static byte[] bytes(Object value) {
        return value instanceof Binary binary ? binary.getData() : (byte[]) value;
    }

    private Mono<byte[]> read(FilePart file) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        return file.content().doOnNext(buffer -> {
            try {
                if (out.size() + buffer.readableByteCount() > maxBytes) {
                    throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "nomination.photo-too-large",
                            "A photo has at most {0} bytes.", maxBytes);
                }
                byte[] chunk = new byte[buffer.readableByteCount()];
                buffer.read(chunk);
                out.write(chunk, 0, chunk.length);
            }
            finally {
                DataBufferUtils.release(buffer);
            }
        }).then(Mono.fromCallable(out::toByteArray));
    }
}

package city.party.activity.attachment;

import java.time.Instant;

import org.bson.types.Binary;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A file of an activity's record (纪实: sign-in sheet, photos, minutes as signed). Kept whole in one
 * document (the size limit is far below MongoDB's 16 MB); listings never load {@code content}.
 */
@Document("activity_attachments")
public record Attachment(@Id String id, String activityId, String filename, String contentType, long size,
        String sha256, String uploadedBy, Instant uploadedAt, Binary content) {
}

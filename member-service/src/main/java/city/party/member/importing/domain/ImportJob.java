package city.party.member.importing.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One bulk import of the member form and its progress. The whole file is checked first; unless
 * the clerk asked for a partial import, a file with any bad row imports nothing and the job lists
 * every problem (row, column, reason).
 */
@Document("import_jobs")
public class ImportJob {

    public enum Status { VALIDATING, IMPORTING, COMPLETED, REJECTED, FAILED }

    public static final int MAX_REPORTED_ERRORS = 500;

    @Id
    private String id;
    @Version
    private Long version;
    private String organizationId;
    private String fileName;
    private String format;
    private boolean partial;
    private Status status;
    private long totalRows;
    private long invalidRows;
    private long processedRows;
    private long created;
    private long skippedExisting;
    private List<MemberSheet.RowError> errors = new ArrayList<>();
    private String failure;
    private String requestedBy;
    private Instant requestedAt;
    private Instant finishedAt;

    ImportJob() {
    }

    public ImportJob(String id, String organizationId, String fileName, String format, boolean partial,
            String requestedBy, Instant requestedAt) {
        this.id = id;
        this.organizationId = organizationId;
        this.fileName = fileName;
        this.format = format;
        this.partial = partial;
        this.status = Status.VALIDATING;
        this.requestedBy = requestedBy;
        this.requestedAt = requestedAt;
    }

    public void validated(long totalRows, long invalidRows, List<MemberSheet.RowError> errors) {
        this.totalRows = totalRows;
        this.invalidRows = invalidRows;
        this.errors = new ArrayList<>(errors.subList(0, Math.min(errors.size(), MAX_REPORTED_ERRORS)));
        this.status = invalidRows > 0 && !partial ? Status.REJECTED : Status.IMPORTING;
    }

    public void progressed(long processed, long created, long skippedExisting) {
        this.processedRows = processed;
        this.created = created;
        this.skippedExisting = skippedExisting;
    }

    public void finish(Status status, String failure, Instant at) {
        this.status = status;
        this.failure = failure;
        this.finishedAt = at;
    }

    public String getId() {
        return id;
    }

    public Long getVersion() {
        return version;
    }

    public String getOrganizationId() {
        return organizationId;
    }

    public String getFileName() {
        return fileName;
    }

    public String getFormat() {
        return format;
    }

    public boolean isPartial() {
        return partial;
    }

    public Status getStatus() {
        return status;
    }

    public long getTotalRows() {
        return totalRows;
    }

    public long getInvalidRows() {
        return invalidRows;
    }

    public long getProcessedRows() {
        return processedRows;
    }

    public long getCreated() {
        return created;
    }

    public long getSkippedExisting() {
        return skippedExisting;
    }

    public List<MemberSheet.RowError> getErrors() {
        return errors;
    }

    public String getFailure() {
        return failure;
    }

    public String getRequestedBy() {
        return requestedBy;
    }

    public Instant getRequestedAt() {
        return requestedAt;
    }

    public Instant getFinishedAt() {
        return finishedAt;
    }
}

package city.party.member.importing.application;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import city.party.member.importing.domain.ImportJob;
import city.party.member.importing.domain.MemberSheet;
import city.party.member.member.domain.LifecycleRules;
import city.party.member.member.domain.Member;
import city.party.member.member.domain.MemberRegistration;
import city.party.member.organization.application.OrganizationService;
import city.party.member.organization.domain.Organization;
import city.party.platform.security.CallerScope;
import city.party.platform.web.ProblemException;
import city.party.platform.web.ProblemType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * Bulk import of the member form. The upload is stored in a temporary file (bounded size), its
 * headers checked at once (a wrong file is a 400 before any job exists), then a job checks every
 * row — citizen id numbers, dates, categories, branch names within the target organisation,
 * duplicates — and only then registers the members, in chunks, through the domain (each with its
 * event). Re-importing the same file creates nothing twice: rows whose id number is already in the
 * register are skipped. Memory stays bounded: rows are streamed twice, never held all at once.
 */
@Service
public class MemberImportService {

    private static final Logger log = LoggerFactory.getLogger(MemberImportService.class);
    private static final int CHUNK = 500;
    private static final int CHUNKS_IN_FLIGHT = 3;
    /** Longer than the driver's read timeout (platform.mongodb.read-timeout, 60 s), which fails first. */
    private static final java.time.Duration CHUNK_TIMEOUT = java.time.Duration.ofSeconds(90);
    private static final int CHUNK_RETRIES = 2;
    private static final long PROGRESS_EVERY_NANOS = java.time.Duration.ofSeconds(1).toNanos();

    private final ReactiveMongoTemplate mongo;
    private final city.party.member.protection.FieldProtection protection;
    private final OrganizationService organizations;
    private final LifecycleRules rules;
    private final Clock clock;
    private final long maxBytes;

    MemberImportService(ReactiveMongoTemplate mongo, OrganizationService organizations, LifecycleRules rules,
            Clock clock, @Value("${member.import.max-file-size:20MB}") org.springframework.util.unit.DataSize maxSize,
            city.party.member.protection.FieldProtection protection) {
        this.mongo = mongo;
        this.protection = protection;
        this.organizations = organizations;
        this.rules = rules;
        this.clock = clock;
        this.maxBytes = maxSize.toBytes();
    }

    public Mono<ImportJob> start(FilePart file, String organizationId, boolean partial, CallerScope caller) {
        SheetReader.Format format = format(file.filename());
        return organizations.requireAdministers(organizationId, caller).flatMap(target -> store(file)
                .flatMap(path -> checkHeaders(path, format).then(Mono.defer(() -> {
                    ImportJob job = new ImportJob(UUID.randomUUID().toString(), organizationId, file.filename(),
                            format.name(), partial, caller.username(), clock.instant());
                    return mongo.insert(job).doOnNext(saved -> run(saved, path, format, target, caller));
                })).onErrorResume(e -> delete(path).then(Mono.error(e)))));
    }

    public Mono<ImportJob> job(String jobId, CallerScope caller) {
        return mongo.findById(jobId, ImportJob.class)
                .filterWhen(job -> organizations.get(job.getOrganizationId(), caller).hasElement())
                .switchIfEmpty(Mono.error(ProblemException.notFound("import job", jobId)));
    }

    private static SheetReader.Format format(String fileName) {
        String lower = fileName == null ? "" : fileName.toLowerCase();
        if (lower.endsWith(".xlsx")) {
            return SheetReader.Format.XLSX;
        }
        if (lower.endsWith(".csv")) {
            return SheetReader.Format.CSV;
        }
        throw new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "member.import.format",
                "Import an .xlsx or .csv file of the member form.");
    }

    private Mono<Path> store(FilePart file) {
        return Mono.fromCallable(() -> Files.createTempFile("member-import-", ".upload"))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(path -> {
                    long[] size = { 0 };
                    return DataBufferUtils.write(file.content().doOnNext(buffer -> {
                        size[0] += buffer.readableByteCount();
                        if (size[0] > maxBytes) {
                            throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "member.import.too-large",
                                    "The file is larger than {0} bytes; split it.", maxBytes);
                        }
                    }), path).then(Mono.just(path)).onErrorResume(e -> delete(path).then(Mono.error(e)));
                });
    }

    private Mono<Void> checkHeaders(Path path, SheetReader.Format format) {
        return Mono.<Void>fromRunnable(() -> {
            List<String> problems = new ArrayList<>();
            boolean[] sawHeaders = { false };
            try {
                SheetReader.read(path, format, headers -> {
                    sawHeaders[0] = true;
                    problems.addAll(MemberSheet.headerProblems(headers));
                    throw new SheetReader.StopReading();
                }, (row, cells) -> { });
            }
            catch (SheetReader.StopReading done) {
                // headers seen
            }
            catch (SheetReader.UnreadableSheetException e) {
                throw new ProblemException(ProblemType.MALFORMED_REQUEST, "member.import.unreadable",
                        "The file cannot be read as {0}: is it really that kind of file?", format.name().toLowerCase());
            }
            if (!sawHeaders[0]) {
                problems.add("文件为空 (the file has no header row)");
            }
            if (!problems.isEmpty()) {
                throw new ProblemException(ProblemType.VALIDATION_FAILED, "member.import.headers",
                        "The file's columns do not match the member form.").with("errors", problems.stream()
                                .map(p -> Map.of("field", "file", "message", p)).toList());
            }
        }).subscribeOn(Schedulers.boundedElastic());
    }

    private void run(ImportJob job, Path path, SheetReader.Format format, Organization target, CallerScope caller) {
        organizations.subtree(target.getId(), caller).collectList()
                .publishOn(Schedulers.boundedElastic())
                .doOnNext(subtree -> process(job, path, format, subtree, caller))
                .doOnError(e -> {
                    log.error("member import {} failed", job.getId(), e);
                    job.finish(ImportJob.Status.FAILED, e.getMessage(), clock.instant());
                    mongo.save(job).block();
                })
                .doFinally(signal -> delete(path).subscribe())
                .subscribe();
    }

    /** Both passes, on a worker thread (blocking is fine here, never on the event loop). */
    private void process(ImportJob job, Path path, SheetReader.Format format, List<Organization> subtree,
            CallerScope caller) {
        Map<String, String> branchIds = branchLookup(subtree);
        LocalDate today = LocalDate.now(clock.withZone(Member.CITY_ZONE));
        List<MemberSheet.RowError> errors = new ArrayList<>();
        Set<String> idNumbers = new HashSet<>();
        long[] rows = { 0 };
        long[] invalid = { 0 };
        SheetReader.read(path, format, headers -> { }, (row, cells) -> {
            rows[0]++;
            List<MemberSheet.RowError> problems = new ArrayList<>(check(row, cells, today, branchIds).errors());
            String idNumber = cells.getOrDefault(MemberSheet.ID_NUMBER, "");
            if (idNumber != null && !idNumber.isBlank() && !idNumbers.add(idNumber.trim().toUpperCase())) {
                problems.add(new MemberSheet.RowError(row, MemberSheet.ID_NUMBER, "文件中公民身份号码重复"));
            }
            if (!problems.isEmpty()) {
                invalid[0]++;
                if (errors.size() < ImportJob.MAX_REPORTED_ERRORS) {
                    errors.addAll(problems);
                }
            }
        });
        job.validated(rows[0], invalid[0], errors);
        mongo.save(job).block();
        if (job.getStatus() == ImportJob.Status.REJECTED) {
            job.finish(ImportJob.Status.REJECTED, null, clock.instant());
            mongo.save(job).block();
            return;
        }
        ChunkWriter writer = new ChunkWriter(caller);
        List<MemberRegistration> chunk = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        long[] lastSave = { System.nanoTime() };
        SheetReader.read(path, format, headers -> { }, (row, cells) -> {
            MemberSheet.ParsedRow parsed = check(row, cells, today, branchIds);
            writer.processed.incrementAndGet();
            if (parsed.valid() && seen.add(parsed.registration().idNumber())) {
                chunk.add(parsed.registration());
            }
            if (chunk.size() >= CHUNK) {
                writer.submit(List.copyOf(chunk));
                chunk.clear();
                if (System.nanoTime() - lastSave[0] > PROGRESS_EVERY_NANOS) {
                    job.progressed(writer.processed.get(), writer.created.get(), writer.skipped.get());
                    mongo.save(job).block();
                    lastSave[0] = System.nanoTime();
                }
            }
        });
        writer.submit(List.copyOf(chunk));
        writer.awaitAll();
        job.progressed(writer.processed.get(), writer.created.get(), writer.skipped.get());
        job.finish(ImportJob.Status.COMPLETED, null, clock.instant());
        mongo.save(job).block();
    }

    /**
     * Writes chunks while the next ones are read and checked: up to {@value #CHUNKS_IN_FLIGHT} at
     * once, so the service's work (checking, encrypting) overlaps the database's. Chunks never
     * share an id number (duplicates within the file are dropped before), so their order does not
     * matter. The first failure stops the import.
     */
    private final class ChunkWriter {

        final java.util.concurrent.atomic.AtomicLong processed = new java.util.concurrent.atomic.AtomicLong();
        final java.util.concurrent.atomic.AtomicLong created = new java.util.concurrent.atomic.AtomicLong();
        final java.util.concurrent.atomic.AtomicLong skipped = new java.util.concurrent.atomic.AtomicLong();
        private final java.util.concurrent.Semaphore slots = new java.util.concurrent.Semaphore(CHUNKS_IN_FLIGHT);
        private final java.util.concurrent.atomic.AtomicReference<Throwable> failure =
                new java.util.concurrent.atomic.AtomicReference<>();
        private final CallerScope caller;

        ChunkWriter(CallerScope caller) {
            this.caller = caller;
        }

        void submit(List<MemberRegistration> chunk) {
            rethrowFailure();
            if (chunk.isEmpty()) {
                return;
            }
            slots.acquireUninterruptibly();
            // A chunk whose write is never answered must not leave the import IMPORTING for good
            // (seen on the emulator: the three chunks in flight at the end never completed). Each
            // attempt is bounded; a retry is safe because write() looks the chunk's id numbers up
            // again and inserts only those still missing (the digest is unique).
            Mono.defer(() -> write(chunk, caller)).timeout(CHUNK_TIMEOUT)
                    .retryWhen(Retry.backoff(CHUNK_RETRIES, java.time.Duration.ofSeconds(1))
                            .filter(MemberImportService::transientWriteFailure)
                            .doBeforeRetry(retry -> log.warn("member import chunk of {} rows: attempt {} failed, "
                                    + "retrying", chunk.size(), retry.totalRetries() + 1, retry.failure()))
                            // the job's failure then names what went wrong, not "Retries exhausted: 2/2"
                            .onRetryExhaustedThrow((spec, retry) -> retry.failure()))
                    .subscribeOn(Schedulers.boundedElastic()).subscribe(counts -> {
                created.addAndGet(counts[0]);
                skipped.addAndGet(counts[1]);
                slots.release();
            }, e -> {
                failure.compareAndSet(null, e);
                slots.release();
            });
        }

        void awaitAll() {
            slots.acquireUninterruptibly(CHUNKS_IN_FLIGHT);
            slots.release(CHUNKS_IN_FLIGHT);
            rethrowFailure();
        }

        private void rethrowFailure() {
            Throwable e = failure.get();
            if (e != null) {
                throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
            }
        }
    }

    /** Worth another attempt: no answer in time, or the database briefly unreachable. */
    static boolean transientWriteFailure(Throwable e) {
        return e instanceof java.util.concurrent.TimeoutException
                || e instanceof org.springframework.dao.DataAccessResourceFailureException
                || e instanceof org.springframework.dao.TransientDataAccessException;
    }

    private MemberSheet.ParsedRow check(int row, Map<String, String> cells, LocalDate today,
            Map<String, String> branchIds) {
        MemberSheet.ParsedRow parsed = MemberSheet.parse(row, cells, today);
        String branchId = parsed.branch() == null ? null : branchIds.get(parsed.branch());
        List<MemberSheet.RowError> errors = new ArrayList<>(parsed.errors());
        if (parsed.branch() != null && !parsed.branch().isEmpty() && branchId == null) {
            errors.add(new MemberSheet.RowError(row, MemberSheet.BRANCH, "「" + parsed.branch()
                    + "」不是本次导入范围内唯一的党组织（请填写组织名称或编号）"));
        }
        if (!errors.isEmpty()) {
            return new MemberSheet.ParsedRow(row, null, parsed.branch(), errors);
        }
        MemberRegistration r = parsed.registration();
        MemberRegistration withBranch = new MemberRegistration(r.name(), r.gender(), r.ethnicity(), r.nativePlace(),
                r.birthDate(), r.idNumber(), r.education(), branchId, r.stage(), r.appliedOn(), r.activistSince(),
                r.candidateSince(), r.joinedPartyOn(), r.fullMemberOn(), r.workStartedOn(), r.position(), r.phone(),
                r.address(), r.username());
        try {
            Member.register(withBranch, rules, "import-check", clock);
        }
        catch (ProblemException e) {
            errors.add(new MemberSheet.RowError(row, null, e.getMessage()));
            return new MemberSheet.ParsedRow(row, null, parsed.branch(), errors);
        }
        return new MemberSheet.ParsedRow(row, withBranch, parsed.branch(), List.of());
    }

    /** Organisation id or (unique) name → id, for the organisations that hold members. */
    private static Map<String, String> branchLookup(List<Organization> subtree) {
        Map<String, String> byKey = new HashMap<>();
        Map<String, Integer> nameCount = new HashMap<>();
        for (Organization organization : subtree) {
            if (organization.getType().holdsMembers()) {
                byKey.put(organization.getId(), organization.getId());
                nameCount.merge(organization.getName(), 1, Integer::sum);
            }
        }
        for (Organization organization : subtree) {
            if (organization.getType().holdsMembers() && nameCount.get(organization.getName()) == 1) {
                byKey.put(organization.getName(), organization.getId());
            }
        }
        return byKey;
    }

    /** Registers a chunk's members that are not in the register yet; emits {created, skipped}. */
    private Mono<long[]> write(List<MemberRegistration> chunk, CallerScope caller) {
        // id numbers are stored encrypted: look them up by their keyed digest
        List<String> digests = chunk.stream().map(r -> protection.digest(r.idNumber())).toList();
        return mongo.find(Query.query(where("idNumberDigest").in(digests)), Member.class)
                .map(Member::getIdNumberDigest).collect(java.util.stream.Collectors.toSet())
                .publishOn(Schedulers.boundedElastic())
                .flatMap(existing -> {
                    List<Member> fresh = chunk.stream().filter(r -> !existing.contains(protection.digest(r.idNumber())))
                            .map(r -> Member.register(r, rules, caller.username(), clock)).toList();
                    long[] counts = { fresh.size(), existing.size() };
                    return fresh.isEmpty() ? Mono.just(counts) : mongo.insertAll(fresh).then(Mono.just(counts));
                });
    }

    private static Mono<Void> delete(Path path) {
        return Mono.fromRunnable(() -> {
            try {
                Files.deleteIfExists(path);
            }
            catch (IOException e) {
                log.warn("could not delete {}", path, e);
            }
        }).subscribeOn(Schedulers.boundedElastic()).then();
    }
}

package city.party.member.importing.application;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import city.party.member.importing.domain.MemberSheet;
import city.party.member.member.application.MemberService;
import city.party.member.member.domain.Gender;
import city.party.member.member.domain.Member;
import city.party.member.member.domain.MemberStatus;
import city.party.member.organization.domain.Organization;
import city.party.platform.security.CallerScope;
import cn.idev.excel.ExcelWriter;
import cn.idev.excel.FastExcel;
import cn.idev.excel.write.metadata.WriteSheet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * Exports the members the caller may see in the shape of the member form (the same Chinese
 * columns an import reads), as .xlsx or .csv. Written to a temporary file in chunks, so memory
 * does not grow with the register.
 */
@Service
public class MemberExportService {

    private static final int CHUNK = 1000;

    private final MemberService members;
    private final ReactiveMongoTemplate mongo;

    MemberExportService(MemberService members, ReactiveMongoTemplate mongo) {
        this.members = members;
        this.mongo = mongo;
    }

    /** Writes the export and returns the temporary file; the caller streams and deletes it. */
    public Mono<Path> export(String organizationId, boolean xlsx, CallerScope caller) {
        MemberService.Search all = new MemberService.Search(null, organizationId, null, null, false, 0,
                Integer.MAX_VALUE, org.springframework.data.domain.Sort.by("organizationId", "name"));
        Mono<java.util.Map<String, String>> names = mongo.findAll(Organization.class)
                .collectMap(Organization::getId, Organization::getName);
        return Mono.zip(members.searchAll(all, caller).collectList(), names)
                .publishOn(Schedulers.boundedElastic())
                .map(result -> write(result.getT1(), result.getT2(), xlsx));
    }

    private static Path write(List<Member> list, java.util.Map<String, String> organizationNames, boolean xlsx) {
        try {
            Path file = Files.createTempFile("member-export-", xlsx ? ".xlsx" : ".csv");
            try (OutputStream out = Files.newOutputStream(file)) {
                if (xlsx) {
                    List<List<String>> head = MemberSheet.COLUMNS.stream().map(List::of).toList();
                    ExcelWriter writer = FastExcel.write(out).head(head).build();
                    WriteSheet sheet = FastExcel.writerSheet("党员信息").build();
                    for (int from = 0; from < list.size() || from == 0; from += CHUNK) {
                        List<List<String>> rows = new ArrayList<>();
                        for (Member member : list.subList(from, Math.min(list.size(), from + CHUNK))) {
                            rows.add(row(member, organizationNames));
                        }
                        writer.write(rows, sheet);
                        if (list.isEmpty()) {
                            break;
                        }
                    }
                    writer.finish();
                }
                else {
                    out.write(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF }); // BOM: Excel opens UTF-8
                    try (CSVPrinter csv = new CSVPrinter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8),
                            CSVFormat.DEFAULT.builder().setHeader(MemberSheet.COLUMNS.toArray(String[]::new)).build())) {
                        for (Member member : list) {
                            csv.printRecord(row(member, organizationNames));
                        }
                    }
                }
            }
            return file;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> row(Member m, java.util.Map<String, String> organizationNames) {
        return MemberSheet.row(column -> switch (column) {
            case MemberSheet.NAME -> m.getName();
            case MemberSheet.GENDER -> m.getGender() == Gender.MALE ? "男" : "女";
            case MemberSheet.ETHNICITY -> m.getEthnicity();
            case MemberSheet.NATIVE_PLACE -> m.getNativePlace();
            case MemberSheet.BIRTH_DATE -> date(m.getBirthDate());
            case MemberSheet.ID_NUMBER -> m.getIdNumber();
            case MemberSheet.EDUCATION -> m.getEducation();
            case MemberSheet.CATEGORY -> switch (m.getStage()) {
                case FULL -> "正式党员";
                case PROBATIONARY -> "预备党员";
                case CANDIDATE -> "发展对象";
                case ACTIVIST -> "入党积极分子";
                case APPLICANT -> "入党申请人";
            };
            case MemberSheet.BRANCH -> organizationNames.getOrDefault(m.getOrganizationId(), m.getOrganizationId());
            case MemberSheet.JOINED_ON -> date(m.getJoinedPartyOn());
            case MemberSheet.FULL_ON -> date(m.getFullMemberOn());
            case MemberSheet.WORK_STARTED_ON -> date(m.getWorkStartedOn());
            case MemberSheet.POSITION -> m.getPosition();
            case MemberSheet.PHONE -> m.getPhone();
            case MemberSheet.ADDRESS -> m.getAddress();
            case MemberSheet.STATUS -> m.getStatus() == MemberStatus.ACTIVE || m.getStatus() == MemberStatus.TRANSFERRING
                    ? "正常" : m.getStatus().name();
            default -> "";
        });
    }

    private static String date(LocalDate date) {
        return date == null ? "" : date.toString();
    }
}

package city.party.donation.ledger;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import cn.idev.excel.ExcelWriter;
import cn.idev.excel.FastExcel;
import cn.idev.excel.write.metadata.WriteSheet;
import city.party.donation.campaign.CampaignService;
import city.party.donation.directory.Directory;
import city.party.platform.money.Money;
import city.party.platform.security.CallerScope;
import city.party.platform.security.Roles;
import city.party.platform.web.ProblemException;
import city.party.platform.web.ProblemType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A campaign's money: progress, unit completion, hand-overs, disbursements, the public ledger and
 * reconciliation, under {@code /api/donation-campaigns/{id}}.
 */
@RestController
@RequestMapping("/api/donation-campaigns/{id}")
class LedgerController {

    record HandOverRequest(@NotBlank String unitId, @NotBlank @Size(max = 200) String recipient,
            @NotNull String amount, @NotBlank @Size(max = 200) String documentReference, @Size(max = 500) String note) {
    }

    record DisbursementRequest(@NotBlank String beneficiaryGroup, @NotNull String amount,
            @NotNull @Size(min = 1, max = 20) List<@NotBlank @Size(max = 200) String> documents,
            @Size(max = 500) String description) {
    }

    record CompletionRequest(@Size(max = 500) String note) {
    }

    record CompletionView(String campaignId, String unitId, boolean completedNow, java.time.Instant completedAt,
            String completedBy, String completion) {
    }

    private final CampaignService campaigns;
    private final LedgerService ledgers;
    private final LedgerViews views;
    private final Reconciliation reconciliation;
    private final Directory directory;
    private final BeneficiaryGroups groups;

    LedgerController(CampaignService campaigns, LedgerService ledgers, LedgerViews views, Reconciliation reconciliation,
            Directory directory, BeneficiaryGroups groups) {
        this.campaigns = campaigns;
        this.ledgers = ledgers;
        this.views = views;
        this.reconciliation = reconciliation;
        this.directory = directory;
        this.groups = groups;
    }

    @GetMapping("/progress")
    Mono<LedgerViews.Progress> progress(@PathVariable String id) {
        return campaigns.get(id).flatMap(views::progress);
    }

    /** The unit's org-admin (or the committee) declares the collection finished. */
    @PostMapping("/units/{unitId}/completion")
    Mono<CompletionView> complete(@PathVariable String id, @PathVariable String unitId,
            @Valid @RequestBody(required = false) CompletionRequest request, CallerScope caller) {
        LedgerService.requireUnitId(unitId);
        return campaigns.get(id).flatMap(campaign -> requireUnitAdmin(unitId, caller)
                .then(ledgers.complete(id, unitId, "DECLARED", caller.username()))
                .flatMap(now -> ledgers.ledger(id).map(ledger -> {
                    CampaignLedger.UnitTally tally = ledger.getUnits().get(unitId);
                    return new CompletionView(id, unitId, now, tally == null ? null : tally.completedAt(),
                            tally == null ? null : tally.completedBy(), tally == null ? null : tally.completion());
                })));
    }

    /**
     * Hands a unit's money over. An optional {@code Idempotency-Key} makes a retry safe: the same key
     * and body answer with the first hand-over (201, {@code Idempotent-Replayed: true}) and move
     * nothing; the same key with another body is a 422.
     */
    @PostMapping("/hand-overs")
    Mono<ResponseEntity<LedgerViews.HandOverView>> handOver(@PathVariable String id,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey,
            @Valid @RequestBody HandOverRequest request, CallerScope caller) {
        long amount = Money.parseFen("amount", request.amount());
        LedgerService.requireUnitId(request.unitId());
        String key = idempotencyKey(idempotencyKey);
        return campaigns.get(id).flatMap(campaign -> requireUnitAdmin(request.unitId(), caller)
                .then(ledgers.handOver(id, request.unitId(), request.recipient(), amount,
                        request.documentReference(), request.note(), caller.username(), key)))
                .map(made -> {
                    CampaignLedger.HandOver h = made.entry();
                    return created(id, made.replayed()).body(new LedgerViews.HandOverView(h.id(), h.unitId(), null,
                            h.recipient(), Money.format(h.amountFen()), h.documentReference(), h.note(),
                            h.handedOverAt()));
                });
    }

    /** Spends handed-over money; idempotent with an optional {@code Idempotency-Key}, as hand-overs. */
    @PostMapping("/disbursements")
    Mono<ResponseEntity<LedgerViews.DisbursementView>> disburse(@PathVariable String id,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey,
            @Valid @RequestBody DisbursementRequest request, CallerScope caller) {
        if (!caller.hasRole(Roles.COMMITTEE_ADMIN)) {
            return Mono.error(new AccessDeniedException("disbursements are decided by the work committee"));
        }
        long amount = Money.parseFen("amount", request.amount());
        if (!groups.knows(request.beneficiaryGroup())) {
            return Mono.error(new ProblemException(ProblemType.VALIDATION_FAILED, "problem.ledger.beneficiary-group",
                    "beneficiaryGroup is one of " + groups.beneficiaryGroups().keySet(),
                    groups.beneficiaryGroups().keySet()).with("errors", List.of(java.util.Map.of("field",
                            "beneficiaryGroup", "message", "one of " + groups.beneficiaryGroups().keySet()))));
        }
        String key = idempotencyKey(idempotencyKey);
        return campaigns.get(id).flatMap(campaign -> ledgers.disburse(id, request.beneficiaryGroup(), amount,
                request.documents(), request.description(), caller.username(), key))
                .map(made -> {
                    CampaignLedger.Disbursement d = made.entry();
                    return created(id, made.replayed()).body(new LedgerViews.DisbursementView(d.id(),
                            d.beneficiaryGroup(), groups.name(d.beneficiaryGroup()), Money.format(d.amountFen()),
                            d.documents(), d.description(), d.disbursedAt()));
                });
    }

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private static String idempotencyKey(String header) {
        if (header == null) {
            return null;
        }
        if (header.isBlank() || header.length() > 200) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "problem.ledger.idempotency-key",
                    "The Idempotency-Key header, when sent, has 1 to 200 characters.")
                    .with("errors", List.of(java.util.Map.of("field", IDEMPOTENCY_KEY, "message", "1 to 200 characters")));
        }
        return header.trim();
    }

    private static ResponseEntity.BodyBuilder created(String campaignId, boolean replayed) {
        return ResponseEntity.created(URI.create("/api/donation-campaigns/" + campaignId + "/ledger"))
                .header("Idempotent-Replayed", Boolean.toString(replayed));
    }

    /** Public (anonymous): income per unit, hand-overs, disbursements, balance; json, csv or xlsx. */
    @GetMapping("/ledger")
    Mono<ResponseEntity<?>> ledger(@PathVariable String id, @RequestParam(defaultValue = "json") String format) {
        String wanted = format.toLowerCase(java.util.Locale.ROOT);
        if (!List.of("json", "csv", "xlsx").contains(wanted)) {
            return Mono.error(new ProblemException(ProblemType.MALFORMED_REQUEST, "problem.ledger.format",
                    "format is json, csv or xlsx.").with("parameter", "format"));
        }
        return campaigns.get(id).flatMap(views::publicLedger).flatMap(ledger -> switch (wanted) {
            case "csv" -> Mono.fromCallable(() -> csv(ledger)).map(bytes -> file(bytes,
                    new MediaType("text", "csv", StandardCharsets.UTF_8), id + "-ledger.csv"));
            case "xlsx" -> Mono.fromCallable(() -> xlsx(ledger)).subscribeOn(Schedulers.boundedElastic())
                    .map(bytes -> file(bytes, MediaType.parseMediaType(
                            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), id + "-ledger.xlsx"));
            default -> Mono.just(ResponseEntity.ok().body(ledger));
        });
    }

    /** Recomputes every total from the entries; committee staff (POST) and auditors (GET, read-only). */
    @PostMapping("/reconciliation")
    Mono<Reconciliation.Report> reconcile(@PathVariable String id, CallerScope caller) {
        return requireAuditing(caller).then(campaigns.get(id)).flatMap(c -> reconciliation.run(id));
    }

    @GetMapping("/reconciliation")
    Mono<Reconciliation.Report> reconciliationReport(@PathVariable String id, CallerScope caller) {
        return reconcile(id, caller);
    }

    private static Mono<Void> requireAuditing(CallerScope caller) {
        return caller.hasRole(Roles.COMMITTEE_ADMIN) || caller.hasRole(Roles.AUDITOR) ? Mono.empty()
                : Mono.error(new AccessDeniedException("reconciliation is for the committee and auditors"));
    }

    private Mono<Void> requireUnitAdmin(String unitId, CallerScope caller) {
        if (caller.hasRole(Roles.COMMITTEE_ADMIN)) {
            return Mono.empty();
        }
        if (!caller.hasRole(Roles.ORG_ADMIN)) {
            return Mono.error(new AccessDeniedException("only administrators act for a unit"));
        }
        return directory.organization(unitId).filter(unit -> caller.covers(unit.path()) || coversAncestorOf(caller,
                unit.path())).switchIfEmpty(Mono.error(new AccessDeniedException("unit outside your organisation")))
                .then();
    }

    /** A branch secretary of a unit also acts for that unit's collection (the unit is on their path). */
    private static boolean coversAncestorOf(CallerScope caller, String unitPath) {
        return caller.administeredPaths().stream().anyMatch(path -> Directory.within(path, unitPath));
    }

    private static ResponseEntity<byte[]> file(byte[] bytes, MediaType type, String name) {
        return ResponseEntity.ok().contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name,
                        StandardCharsets.UTF_8).build().toString())
                .body(bytes);
    }

    static List<List<String>> rows(LedgerViews.PublicLedger l) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("类别 section", "单位/对象 party", "金额 amount", "笔数 count", "说明 details", "时间 at"));
        for (LedgerViews.UnitIncome u : l.income()) {
            rows.add(List.of("收入 income", u.unitName(), u.total(), Long.toString(u.count()),
                    "捐款人数 donors " + u.donors() + "; 已移交 handed over " + u.handedOver() + "; 留存 held " + u.held(),
                    ""));
        }
        for (LedgerViews.NamedDonation d : l.donationsWithConsent()) {
            rows.add(List.of("公开捐款 donation (consented)", d.donorName() + " / " + d.unitName(), d.amount(), "1",
                    d.receiptNumber(), String.valueOf(d.donatedAt())));
        }
        for (LedgerViews.HandOverView h : l.handOvers()) {
            rows.add(List.of("移交 hand-over", h.unitName() + " → " + h.recipient(), h.amount(), "1",
                    h.documentReference(), String.valueOf(h.handedOverAt())));
        }
        for (LedgerViews.DisbursementView d : l.disbursements()) {
            rows.add(List.of("支出 disbursement", d.beneficiaryGroupName(), d.amount(), "1",
                    String.join("; ", d.documents()) + (d.description() == null ? "" : " — " + d.description()),
                    String.valueOf(d.disbursedAt())));
        }
        LedgerViews.Balance b = l.balance();
        rows.add(List.of("结余 balance", "收入 received", b.received(), Long.toString(l.count()), "", ""));
        rows.add(List.of("结余 balance", "已移交 handed over", b.handedOver(), "", "", ""));
        rows.add(List.of("结余 balance", "单位留存 held by units", b.heldByUnits(), "", "", ""));
        rows.add(List.of("结余 balance", "已支出 disbursed", b.disbursed(), "", "", ""));
        rows.add(List.of("结余 balance", "待支出 available", b.availableForDisbursement(), "", "", ""));
        return rows;
    }

    static byte[] csv(LedgerViews.PublicLedger ledger) {
        StringBuilder out = new StringBuilder("\uFEFF"); // BOM: Excel opens UTF-8
        for (List<String> row : rows(ledger)) {
            out.append(String.join(",", row.stream().map(LedgerController::csvField).toList())).append("\r\n");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String csvField(String value) {
        String v = value == null ? "" : value;
        // A leading formula character would be evaluated by spreadsheet programs (CSV injection).
        if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0 && !v.matches("-?[0-9]+\\.[0-9]{2}")) {
            v = "'" + v;
        }
        return v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")
                ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }

    static byte[] xlsx(LedgerViews.PublicLedger ledger) {
        List<List<String>> rows = rows(ledger);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExcelWriter writer = FastExcel.write(out).head(rows.get(0).stream().map(List::of).toList()).build();
        WriteSheet sheet = FastExcel.writerSheet("捐款账目").build();
        writer.write(rows.subList(1, rows.size()), sheet);
        writer.finish();
        return out.toByteArray();
    }
}

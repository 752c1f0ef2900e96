package city.party.donation.campaign;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import city.party.donation.directory.Directory;
import city.party.donation.ledger.LedgerService;
import city.party.platform.security.CallerScope;
import city.party.platform.security.Roles;
import city.party.platform.web.ProblemException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/** Campaigns: created, closed and extended by the work committee's staff only. */
@Service
public class CampaignService {

    public record NewCampaign(String id, String name, String purpose, String organiser,
            String participatingOrganizationId, Instant opensAt, Instant closesAt, Long targetFen) {
    }

    public record Page(List<Campaign> content, long totalElements) {
    }

    private final ReactiveMongoTemplate mongo;
    private final Directory directory;
    private final LedgerService ledgers;
    private final Clock clock;
    private final city.party.donation.config.ShortCache<String, Campaign> cache;

    public CampaignService(ReactiveMongoTemplate mongo, Directory directory, LedgerService ledgers, Clock clock,
            @org.springframework.beans.factory.annotation.Value("${donation.cache.campaign-ttl:2s}")
            java.time.Duration campaignTtl) {
        this.mongo = mongo;
        this.directory = directory;
        this.ledgers = ledgers;
        this.clock = clock;
        this.cache = new city.party.donation.config.ShortCache<>(campaignTtl, 10_000, clock);
    }

    /**
     * The campaign as donations see it, read at most {@code donation.cache.campaign-ttl} ago (closing
     * or extending on this instance evicts it at once; other instances see it within the TTL).
     */
    public Mono<Campaign> forDonations(String id) {
        return cache.get(id, key -> mongo.findById(key, Campaign.class));
    }

    public Mono<Campaign> create(NewCampaign request, CallerScope caller) {
        requireCommittee(caller);
        return directory.organization(request.participatingOrganizationId())
                .switchIfEmpty(Mono.error(ProblemException.ruleViolation("campaign.participants-known",
                        "participating organisation must exist in the tree", "problem.campaign.participants-unknown",
                        "Organisation {0} is not known (yet).", request.participatingOrganizationId())))
                .flatMap(org -> {
                    // Without an explicit organiser, the participating organisation organises its campaign.
                    String organiser = request.organiser() == null || request.organiser().isBlank() ? org.name()
                            : request.organiser();
                    String purpose = request.purpose() == null || request.purpose().isBlank() ? request.name()
                            : request.purpose();
                    Campaign campaign = Campaign.create(request.id() != null ? request.id()
                            : java.util.UUID.randomUUID().toString(), request.name(), purpose,
                            organiser, org.id(), org.path(), request.opensAt(), request.closesAt(),
                            request.targetFen(), caller.username(), Instant.now(clock));
                    return insert(campaign);
                });
    }

    /** Stores a new campaign and opens its ledger (the ledger first: a campaign never lacks one). */
    public Mono<Campaign> insert(Campaign campaign) {
        return ledgers.open(campaign.getId())
                .onErrorResume(DuplicateKeyException.class, e -> Mono.empty())
                .then(mongo.insert(campaign))
                .onErrorMap(DuplicateKeyException.class, e -> ProblemException.conflict(
                        "problem.campaign.exists", "Campaign {0} already exists.", campaign.getId()));
    }

    public Mono<Campaign> get(String id) {
        return mongo.findById(id, Campaign.class).switchIfEmpty(Mono.error(ProblemException.notFound("campaign", id)));
    }

    public Mono<Page> list(int page, int size) {
        Query all = new Query().with(Sort.by(Sort.Direction.DESC, "opensAt").and(Sort.by("_id")))
                .skip((long) page * size).limit(size);
        return Mono.zip(mongo.find(all, Campaign.class).collectList(), mongo.count(new Query(), Campaign.class))
                .map(t -> new Page(t.getT1(), t.getT2()));
    }

    public Mono<Campaign> close(String id, long expectedVersion, CallerScope caller) {
        requireCommittee(caller);
        return get(id).flatMap(campaign -> {
            checkVersion(campaign, expectedVersion);
            campaign.close(caller.username(), Instant.now(clock));
            cache.evict(id);
            return mongo.save(campaign).doFinally(s -> cache.evict(id));
        });
    }

    public Mono<Campaign> extend(String id, long expectedVersion, Instant newClosesAt, String reason,
            CallerScope caller) {
        requireCommittee(caller);
        return get(id).flatMap(campaign -> {
            checkVersion(campaign, expectedVersion);
            campaign.extend(newClosesAt, reason, caller.username(), Instant.now(clock));
            return mongo.save(campaign).doFinally(s -> cache.evict(id));
        });
    }

    private static void checkVersion(Campaign campaign, long expectedVersion) {
        if (expectedVersion >= 0 && campaign.getVersion() != null && campaign.getVersion() != expectedVersion) {
            throw new org.springframework.dao.OptimisticLockingFailureException("campaign changed meanwhile");
        }
    }

    static void requireCommittee(CallerScope caller) {
        if (!caller.hasRole(Roles.COMMITTEE_ADMIN)) {
            throw new AccessDeniedException("only the work committee runs campaigns");
        }
    }

    public Mono<String> participatingPath(String campaignId) {
        Query path = query(where("_id").is(campaignId));
        path.fields().include("participatingPath");
        return mongo.findOne(path, Campaign.class).mapNotNull(Campaign::getParticipatingPath);
    }
}

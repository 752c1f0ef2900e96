package city.party.donation.campaign;

import java.time.Instant;
import java.util.List;

import city.party.platform.money.Money;

/** A campaign as the API shows it; money as exact strings. */
public record CampaignView(String id, String name, String purpose, String organiser,
        String participatingOrganizationId, Instant opensAt, Instant closesAt, String target, String status,
        Instant closedAt, String closedBy, String createdBy, Instant createdAt, List<Campaign.Extension> extensions) {

    public static CampaignView of(Campaign c, Instant now) {
        return new CampaignView(c.getId(), c.getName(), c.getPurpose(), c.getOrganiser(),
                c.getParticipatingOrganizationId(), c.getOpensAt(), c.getClosesAt(),
                c.getTargetFen() == null ? null : Money.format(c.getTargetFen()), c.statusAt(now).name(),
                c.getClosedAt(), c.getClosedBy(), c.getCreatedBy(), c.getCreatedAt(), c.getExtensions());
    }
}

package city.party.donation.campaign;

import java.time.Duration;
import java.time.Instant;

import city.party.platform.web.ProblemException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CampaignTest {

    static final Instant NOW = Instant.parse("2026-11-26T02:00:00Z");

    static Campaign campaign() {
        return Campaign.create("c", "抗击疫情自愿捐款", "purpose", "市直机关工委", "city", "/city", NOW.minusSeconds(60),
                NOW.plus(Duration.ofDays(30)), null, "committee", NOW);
    }

    @Test
    void aCampaignOpensBeforeItCloses() {
        assertThatThrownBy(() -> Campaign.create("c", "n", "p", "o", "city", "/city", NOW, NOW, null, "x", NOW))
                .isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> Campaign.create("c", "n", "p", "o", "city", "/city", NOW, NOW.plusSeconds(1), 0L,
                "x", NOW)).isInstanceOf(ProblemException.class);
    }

    @Test
    void donationsOnlyWhileOpen() {
        Campaign campaign = campaign();
        campaign.requireOpen(NOW);
        assertThat(campaign.statusAt(NOW.minusSeconds(120))).isEqualTo(Campaign.Status.SCHEDULED);
        assertThatThrownBy(() -> campaign.requireOpen(NOW.minusSeconds(120))).isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> campaign.requireOpen(NOW.plus(Duration.ofDays(31))))
                .isInstanceOf(ProblemException.class);
    }

    @Test
    void closingEndsTheWindowNowAndIsFinal() {
        Campaign campaign = campaign();
        campaign.close("committee", NOW.plusSeconds(10));
        assertThat(campaign.statusAt(NOW.plusSeconds(11))).isEqualTo(Campaign.Status.CLOSED);
        assertThat(campaign.getClosesAt()).isEqualTo(NOW.plusSeconds(10));
        assertThatThrownBy(() -> campaign.close("committee", NOW.plusSeconds(12))).isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> campaign.extend(NOW.plus(Duration.ofDays(60)), "more time", "committee",
                NOW.plusSeconds(12))).isInstanceOf(ProblemException.class);
    }

    @Test
    void anExtensionMovesTheEndLaterAndIsRecorded() {
        Campaign campaign = campaign();
        Instant later = NOW.plus(Duration.ofDays(40));
        campaign.extend(later, "more units", "committee", NOW);
        assertThat(campaign.getClosesAt()).isEqualTo(later);
        assertThat(campaign.getExtensions()).hasSize(1);
        assertThatThrownBy(() -> campaign.extend(NOW.plus(Duration.ofDays(35)), "earlier", "committee", NOW))
                .isInstanceOf(ProblemException.class);
    }
}

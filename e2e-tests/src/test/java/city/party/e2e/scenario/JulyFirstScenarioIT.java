package city.party.e2e.scenario;

import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The July-1 scenario of the seed speech, end to end against the running platform, through the
 * gateway with real Keycloak tokens: a generated city (see {@link Scale}; CI runs {@code small},
 * {@code ./platform scenario} the 30,000-member city) raises donations while the broker and the
 * donation service fail, its branches hold their meetings (some fall behind and the committee sees
 * exactly which), it commends its best, and members move between units with every service
 * following. Nothing may be dead-lettered on the way.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JulyFirstScenarioIT {

    private ScenarioCity city;
    private Map<String, Long> deadLettersBefore;

    @BeforeAll
    void city() {
        deadLettersBefore = DeadLetters.count();
        long started = System.nanoTime();
        city = ScenarioCity.build(Scale.chosen());
        System.out.printf("scenario city (%s): %d units, %d branches, %d members ready in %d s%n",
                city.scale().name(), city.units().size(), city.scale().branches(), city.allMembers().size(),
                (System.nanoTime() - started) / 1_000_000_000);
    }

    @Test
    @Order(1)
    void membersDonateWhileTheBrokerAndTheDonationServiceFailAndTheLedgerBalancesToTheFen() {
        new DonationSurge(city).run();
    }

    @Test
    @Order(2)
    void branchesHoldTheirMeetingsAndTheCommitteeSeesExactlyWhoIsBehind() {
        new BranchMeetings(city).run();
    }

    @Test
    @Order(3)
    void theBestAreCommendedAfterReviewAndNoticeAndTheirRecordsShowIt() {
        new Commendation(city).run();
    }

    @Test
    @Order(4)
    void membersMoveBetweenUnitsAndEveryServiceFollows() {
        new Transfers(city).run();
    }

    @Test
    @Order(5)
    void servicesCrashTheDatabaseRestartsKeycloakStopsAndNothingIsLost() {
        new ServiceCrashes(city).run();
    }

    @Test
    @Order(6)
    void nothingWasDeadLetteredOnTheWay() {
        Map<String, Long> after = DeadLetters.count();
        after.forEach((topic, count) -> assertThat(count).as("records in %s", topic)
                .isEqualTo(deadLettersBefore.getOrDefault(topic, 0L)));
    }
}

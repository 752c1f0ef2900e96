package city.party.member.keycloak;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DirectoryRelevanceTest {

    private static CloudEvent event(String type, String json) {
        return CloudEventBuilder.v1().withId("e1").withSource(URI.create("urn:test")).withType(type)
                .withData("application/json", json == null ? null : json.getBytes(StandardCharsets.UTF_8)).build();
    }

    @Test
    void aRegistrationWakesTheSyncOnlyWhenTheMemberGetsAnAccount() {
        assertThat(DirectoryRelevance.affectsDirectory(event("party.member.registered.v1",
                "{\"memberId\":\"m1\",\"username\":\"zhang.san\"}"))).isTrue();
        assertThat(DirectoryRelevance.affectsDirectory(event("party.member.registered.v1",
                "{\"memberId\":\"m1\",\"username\":null}"))).isFalse();
        assertThat(DirectoryRelevance.affectsDirectory(event("party.member.registered.v1",
                "{\"memberId\":\"m1\"}"))).isFalse();
        assertThat(DirectoryRelevance.affectsDirectory(event("party.member.registered.v1", "not json"))).isTrue();
    }

    @Test
    void organisationChangesTransfersAndStatusChangesWakeIt() {
        assertThat(DirectoryRelevance.affectsDirectory(event("party.organization.renamed.v1", "{}"))).isTrue();
        assertThat(DirectoryRelevance.affectsDirectory(event("party.organization.administrator-assigned.v1", "{}")))
                .isTrue();
        assertThat(DirectoryRelevance.affectsDirectory(event("party.member.transferred.v1", "{}"))).isTrue();
        assertThat(DirectoryRelevance.affectsDirectory(event("party.member.status-changed.v1", "{}"))).isTrue();
        assertThat(DirectoryRelevance.affectsDirectory(event("party.member.something-new.v1", "{}"))).isTrue();
    }

    @Test
    void changesThatNoAccountDependsOnDoNot() {
        for (String name : new String[] { "stage-changed", "dues-paid", "floating-started", "floating-ended",
                "probation-extended", "account-provisioned", "transfer-issued", "transfer-closed" }) {
            assertThat(DirectoryRelevance.affectsDirectory(event("party.member." + name + ".v1", "{}"))).as(name)
                    .isFalse();
            assertThat(DirectoryRelevance.affectsDirectory(event("party.member." + name + ".v2", "{}"))).as(name)
                    .isFalse();
        }
    }
}

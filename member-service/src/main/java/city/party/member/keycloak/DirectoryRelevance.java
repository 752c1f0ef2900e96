package city.party.member.keycloak;

import java.util.Set;

import city.party.platform.events.EventJson;
import io.cloudevents.CloudEvent;
import tools.jackson.databind.JsonNode;

/**
 * Which of the register's events can change what Keycloak must mirror. Every organisation event
 * can (groups, administrators); of the member events only those about someone with an account:
 * a registration with a username, a transfer (another group), a change of status. The rest — a
 * stage, dues, a period away, the account-provisioned event the sync itself causes — cannot, and
 * a 100,000-member import of people without accounts must not run a full reconciliation every
 * second. An unknown type counts as relevant: a needless sync is harmless, a missed one is not
 * (and the periodic sync would still catch it).
 */
final class DirectoryRelevance {

    private static final Set<String> NEUTRAL_MEMBER_EVENTS = Set.of("stage-changed", "probation-extended",
            "dues-paid", "floating-started", "floating-ended", "account-provisioned", "transfer-issued",
            "transfer-closed");

    private DirectoryRelevance() {
    }

    static boolean affectsDirectory(CloudEvent event) {
        String type = event.getType();
        if (type == null || !type.startsWith("party.member.")) {
            return true;
        }
        String name = type.substring("party.member.".length()).replaceFirst("\\.v\\d+$", "");
        if (NEUTRAL_MEMBER_EVENTS.contains(name)) {
            return false;
        }
        if (name.equals("registered")) {
            return hasUsername(event);
        }
        return true;
    }

    private static boolean hasUsername(CloudEvent event) {
        if (event.getData() == null) {
            return true;
        }
        try {
            JsonNode username = EventJson.read(event.getData().toBytes(), JsonNode.class).get("username");
            return username != null && !username.isNull() && !username.asString().isBlank();
        }
        catch (RuntimeException unreadable) {
            return true;
        }
    }
}

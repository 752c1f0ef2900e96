package city.party.member.organization.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * How an organisation is named to people: its name and the names along its path from the work
 * committee down ({@code 市直机关工委 / 市财政局 / 机关第一党支部}), for pickers and for labelling an
 * id wherever one is shown. Carries nothing else of the organisation.
 *
 * @param pathNames one name per segment of {@code path}; an ancestor whose name is unknown keeps its id
 */
public record OrganizationLabel(String id, String name, OrganizationType type, OrganizationStatus status,
        String path, List<String> pathNames) {

    /** The ids along a path, the root first: {@code /city/unit-a/branch-a1} → city, unit-a, branch-a1. */
    public static List<String> pathIds(String path) {
        return path == null ? List.of() : Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
    }

    public static OrganizationLabel of(Organization organization, Map<String, String> namesById) {
        List<String> names = pathIds(organization.getPath()).stream()
                .map(id -> id.equals(organization.getId()) ? organization.getName() : namesById.getOrDefault(id, id))
                .toList();
        return new OrganizationLabel(organization.getId(), organization.getName(), organization.getType(),
                organization.getStatus(), organization.getPath(), names);
    }
}

package city.party.platform.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Who is calling and which part of the organisation tree they may see, read from the token.
 *
 * <p>Organisations are addressed by their path in the tree ({@code /city/unit-a/branch-a1}); the
 * Keycloak group tree mirrors it and the token carries the caller's group paths ({@code groups},
 * full paths). Belonging and administering are different groups: a member belongs to their
 * organisation's group, an administrator is in that group's {@value #ADMINISTRATORS_GROUP}
 * subgroup ({@code /city/unit-a/_administrators}) — so an org-admin who is a member of another
 * branch does not administer it (ADR 0011). An {@code org-admin} acts within the subtrees of the
 * organisations they administer; {@code committee-admin} and {@code auditor} see the whole city.
 * {@link #organizationCriteria(String)} turns that into a MongoDB criterion so that scope is
 * enforced inside queries, never by filtering after loading.
 *
 * @param subject           the token subject (Keycloak user id, or the client's service account)
 * @param username          {@code preferred_username}
 * @param roles             realm roles
 * @param organizationPaths paths of the organisations the caller belongs to
 * @param administeredPaths paths of the organisations the caller is an administrator of; they count
 *                          only with the {@code org-admin} role
 */
public record CallerScope(String subject, String username, Set<String> roles, List<String> organizationPaths,
        List<String> administeredPaths) {

    public static final String GROUPS_CLAIM = "groups";
    public static final String ROLES_CLAIM = "realm_access";
    /**
     * The name of the subgroup, under an organisation's group, that holds its administrators. It
     * cannot clash with an organisation's group: organisation ids have no underscore.
     */
    public static final String ADMINISTRATORS_GROUP = "_administrators";
    private static final String ADMINISTRATORS_SUFFIX = "/" + ADMINISTRATORS_GROUP;

    public CallerScope {
        roles = Set.copyOf(roles);
        organizationPaths = List.copyOf(organizationPaths);
        administeredPaths = List.copyOf(administeredPaths);
    }

    public static CallerScope of(Jwt jwt) {
        List<String> belongs = new ArrayList<>();
        List<String> administers = new ArrayList<>();
        for (String path : normalisedPaths(jwt.getClaimAsStringList(GROUPS_CLAIM))) {
            if (path.endsWith(ADMINISTRATORS_SUFFIX)) {
                String organization = path.substring(0, path.length() - ADMINISTRATORS_SUFFIX.length());
                if (!organization.isEmpty()) {
                    administers.add(organization);
                }
            }
            else {
                belongs.add(path);
            }
        }
        return new CallerScope(jwt.getSubject(), username(jwt), realmRoles(jwt.getClaims()), belongs, administers);
    }

    /** The group path that makes its members administrators of the organisation at {@code organizationPath}. */
    public static String administratorsGroupPath(String organizationPath) {
        return organizationPath + ADMINISTRATORS_SUFFIX;
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    /** Committee staff and auditors see every organisation. */
    public boolean seesWholeCity() {
        return hasRole(Roles.COMMITTEE_ADMIN) || hasRole(Roles.AUDITOR) || hasRole(Roles.SYSTEM_READER);
    }

    /** The subtrees an org-admin administers; empty for anyone else. */
    @Override
    public List<String> administeredPaths() {
        return hasRole(Roles.ORG_ADMIN) ? administeredPaths : List.of();
    }

    /** Whether the organisation at {@code path} lies within what this caller may see. */
    public boolean covers(String path) {
        if (seesWholeCity()) {
            return true;
        }
        if (path == null) {
            return false;
        }
        return administeredPaths().stream().anyMatch(root -> path.equals(root) || path.startsWith(root + "/"));
    }

    /**
     * A criterion on the document field holding an organisation path that admits only what this
     * caller may see: nothing added for the whole city, prefix matches on an org-admin's subtrees
     * (anchored, so an index on the field serves them), and a criterion that matches nothing for
     * callers without an organisation scope.
     */
    public Criteria organizationCriteria(String pathField) {
        if (seesWholeCity()) {
            return new Criteria();
        }
        List<String> roots = administeredPaths();
        if (roots.isEmpty()) {
            return Criteria.where(pathField).in(List.of());
        }
        List<Criteria> anyOf = new ArrayList<>();
        for (String root : roots) {
            anyOf.add(Criteria.where(pathField).regex("^" + Pattern.quote(root) + "(/|$)"));
        }
        return anyOf.size() == 1 ? anyOf.get(0) : new Criteria().orOperator(anyOf);
    }

    private static String username(Jwt jwt) {
        String preferred = jwt.getClaimAsString("preferred_username");
        return preferred != null ? preferred : jwt.getSubject();
    }

    static Set<String> realmRoles(Map<String, Object> claims) {
        Object realmAccess = claims.get(ROLES_CLAIM);
        Set<String> roles = new LinkedHashSet<>();
        if (realmAccess instanceof Map<?, ?> access && access.get("roles") instanceof Collection<?> values) {
            values.forEach(value -> roles.add(String.valueOf(value)));
        }
        return roles;
    }

    private static List<String> normalisedPaths(List<String> groups) {
        if (groups == null) {
            return List.of();
        }
        return groups.stream().map(g -> g.startsWith("/") ? g : "/" + g)
                .map(g -> g.length() > 1 && g.endsWith("/") ? g.substring(0, g.length() - 1) : g).distinct().toList();
    }
}

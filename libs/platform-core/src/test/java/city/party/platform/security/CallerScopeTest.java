package city.party.platform.security;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

import static org.assertj.core.api.Assertions.assertThat;

class CallerScopeTest {

    private static Jwt jwt(List<String> roles, List<String> groups) {
        return Jwt.withTokenValue("t").header("alg", "RS256").subject("s1").claim("preferred_username", "u")
                .claim("realm_access", Map.of("roles", roles)).claim("groups", groups).build();
    }

    @Test
    void readsRolesAndNormalisesGroupPaths() {
        CallerScope scope = CallerScope.of(jwt(List.of("org-admin"), List.of("city/unit-a/", "/city/unit-b")));
        assertThat(scope.roles()).isEqualTo(Set.of("org-admin"));
        assertThat(scope.organizationPaths()).containsExactly("/city/unit-a", "/city/unit-b");
        assertThat(scope.username()).isEqualTo("u");
    }

    @Test
    void orgAdminCoversOnlyTheirSubtreeNotSiblingsWithTheSamePrefix() {
        CallerScope scope = CallerScope.of(jwt(List.of("org-admin"), List.of("/city/unit-a/_administrators")));
        assertThat(scope.administeredPaths()).containsExactly("/city/unit-a");
        assertThat(scope.covers("/city/unit-a")).isTrue();
        assertThat(scope.covers("/city/unit-a/branch-a1")).isTrue();
        assertThat(scope.covers("/city/unit-ab")).isFalse();
        assertThat(scope.covers("/city")).isFalse();
        assertThat(scope.covers(null)).isFalse();
    }

    @Test
    void belongingToAnOrganisationIsNotAdministeringIt() {
        // secretary of branch a1, and an ordinary member of branch b1
        CallerScope scope = CallerScope.of(jwt(List.of("org-admin", "member"),
                List.of("/city/unit-b/branch-b1", "/city/unit-a/branch-a1/_administrators/")));
        assertThat(scope.organizationPaths()).containsExactly("/city/unit-b/branch-b1");
        assertThat(scope.administeredPaths()).containsExactly("/city/unit-a/branch-a1");
        assertThat(scope.covers("/city/unit-a/branch-a1")).isTrue();
        assertThat(scope.covers("/city/unit-b/branch-b1")).isFalse();
        assertThat(scope.organizationCriteria("orgPath").getCriteriaObject().toJson()).contains("branch-a1")
                .doesNotContain("branch-b1");
    }

    @Test
    void anAdministratorsGroupCountsOnlyWithTheOrgAdminRole() {
        CallerScope scope = CallerScope.of(jwt(List.of("member"), List.of("/city/unit-a/_administrators", "/_administrators")));
        assertThat(scope.administeredPaths()).isEmpty();
        assertThat(scope.covers("/city/unit-a")).isFalse();
        assertThat(scope.organizationPaths()).isEmpty();
    }

    @Test
    void administratorsGroupPathIsWhereTheReconcilerPutsAdministrators() {
        assertThat(CallerScope.administratorsGroupPath("/city/unit-a")).isEqualTo("/city/unit-a/_administrators");
    }

    @Test
    void committeeAndAuditorSeeTheWholeCity() {
        assertThat(CallerScope.of(jwt(List.of("committee-admin"), List.of())).covers("/city/x")).isTrue();
        assertThat(CallerScope.of(jwt(List.of("auditor"), List.of())).organizationCriteria("orgPath")
                .getCriteriaObject()).isEmpty();
    }

    @Test
    void memberGroupsGiveNoAdministrativeScope() {
        CallerScope member = CallerScope.of(jwt(List.of("member"), List.of("/city/unit-a/branch-a1")));
        assertThat(member.administeredPaths()).isEmpty();
        assertThat(member.covers("/city/unit-a/branch-a1")).isFalse();
        Document criteria = member.organizationCriteria("orgPath").getCriteriaObject();
        assertThat(criteria.toJson()).contains("\"$in\": []");
    }
}

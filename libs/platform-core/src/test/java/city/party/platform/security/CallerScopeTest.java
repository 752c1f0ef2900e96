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
        CallerScope scope = CallerScope.of(jwt(List.of("org-admin"), List.of("/city/unit-a")));
        assertThat(scope.covers("/city/unit-a")).isTrue();
        assertThat(scope.covers("/city/unit-a/branch-a1")).isTrue();
        assertThat(scope.covers("/city/unit-ab")).isFalse();
        assertThat(scope.covers("/city")).isFalse();
        assertThat(scope.covers(null)).isFalse();
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

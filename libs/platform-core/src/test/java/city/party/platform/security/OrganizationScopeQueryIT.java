package city.party.platform.security;

import java.util.List;
import java.util.Map;

import city.party.platform.test.TestInfrastructure;
import city.party.platform.test.TestTokenIssuer;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.security.oauth2.jwt.Jwt;

import static org.assertj.core.api.Assertions.assertThat;

/** The scope criterion, run as a real query: what an org-admin cannot see is never loaded. */
class OrganizationScopeQueryIT {

    static MongoClient client;
    static ReactiveMongoTemplate mongo;

    @BeforeAll
    static void seed() {
        client = MongoClients.create(TestInfrastructure.mongoUri());
        mongo = new ReactiveMongoTemplate(client, "scope-" + System.nanoTime());
        for (String path : List.of("/city", "/city/unit.a", "/city/unit.a/branch-1", "/city/unitxa",
                "/city/unit.ab", "/city/unit-b/branch-1")) {
            mongo.insert(new Document("orgPath", path), "members").block();
        }
    }

    @AfterAll
    static void close() {
        client.close();
    }

    private static List<String> visibleTo(List<String> roles, List<String> groups) {
        Jwt jwt = Jwt.withTokenValue("t").header("alg", "RS256").subject("s")
                .claim("realm_access", Map.of("roles", roles)).claim("groups", groups).build();
        Query query = new Query(CallerScope.of(jwt).organizationCriteria("orgPath"));
        return mongo.find(query, Document.class, "members").map(d -> d.getString("orgPath")).sort().collectList()
                .block();
    }

    @Test
    void orgAdminSeesExactlyTheirSubtreeEvenWithRegexCharactersInPaths() {
        assertThat(visibleTo(List.of("org-admin"), TestTokenIssuer.administering("/city/unit.a")))
                .containsExactly("/city/unit.a", "/city/unit.a/branch-1");
    }

    @Test
    void severalAdministeredSubtreesAreUnited() {
        assertThat(visibleTo(List.of("org-admin"), TestTokenIssuer.administering("/city/unit.a/branch-1", "/city/unit-b")))
                .containsExactly("/city/unit-b/branch-1", "/city/unit.a/branch-1");
    }

    @Test
    void committeeSeesAllAndMemberSeesNothingThroughOrganisationScope() {
        assertThat(visibleTo(List.of("committee-admin"), List.of())).hasSize(6);
        assertThat(visibleTo(List.of("member"), List.of("/city/unit.a"))).isEmpty();
    }
}

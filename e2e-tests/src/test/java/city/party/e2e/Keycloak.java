package city.party.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

import com.jayway.jsonpath.JsonPath;

/** Obtains real tokens from the real Keycloak that `./platform up` runs. */
public final class Keycloak {

    public static final String URL = System.getProperty("e2e.keycloak", "http://localhost:8180");
    public static final String ISSUER = URL + "/realms/party";

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Keycloak() {
    }

    /** Resource-owner password grant through a public client of the local realm. */
    public static String passwordToken(String client, String username, String password) {
        return token("party", Map.of("grant_type", "password", "client_id", client, "username", username,
                "password", password));
    }

    public static String clientCredentialsToken(String client, String secret) {
        return token("party", Map.of("grant_type", "client_credentials", "client_id", client, "client_secret", secret));
    }

    /** A token from Keycloak's master realm: genuine, but from the wrong issuer. */
    public static String masterRealmAdminToken() {
        return token("master", Map.of("grant_type", "password", "client_id", "admin-cli", "username", "admin",
                "password", "admin"));
    }

    private static String token(String realm, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(
                URI.create(URL + "/realms/" + realm + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("token request failed: " + response.statusCode() + " " + response.body());
            }
            return JsonPath.read(response.body(), "$.access_token");
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

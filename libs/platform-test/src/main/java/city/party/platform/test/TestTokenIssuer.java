package city.party.platform.test;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for Keycloak's token endpoint in service tests: it serves a JWK set over real HTTP
 * and signs tokens shaped like the {@code party} realm's (issuer, {@code party-api} audience,
 * {@code realm_access.roles}, {@code groups}), so a service's real JWT validation (signature,
 * issuer, audience, expiry) is exercised. End-to-end tests use the real Keycloak instead.
 */
public final class TestTokenIssuer implements AutoCloseable {

    public static final String AUDIENCE = "party-api";

    private final HttpServer server;
    private final RSAKey key;
    private final RSAKey otherKey;

    public TestTokenIssuer() {
        this.key = rsaKey("test-key");
        this.otherKey = rsaKey("unknown-key");
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        server.createContext("/realms/party/protocol/openid-connect/certs", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(jwks);
            }
        });
        server.start();
    }

    /** The issuer services must be configured with ({@code KEYCLOAK_ISSUER}). */
    public String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/party";
    }

    /** A valid token for a user with these realm roles and organisation (group) paths. */
    public String token(String username, List<String> roles, List<String> groups) {
        return builder(username).roles(roles).groups(groups).sign();
    }

    /**
     * The groups that make a caller an administrator of these organisations: each one's
     * {@code _administrators} subgroup, as member-service's directory sync puts org-admins there
     * (see {@code CallerScope}).
     */
    public static List<String> administering(String... organizationPaths) {
        return java.util.Arrays.stream(organizationPaths).map(path -> path + "/_administrators").toList();
    }

    public Builder builder(String username) {
        return new Builder(username);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static RSAKey rsaKey(String keyId) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            return new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
                    .keyID(keyId).build();
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Builds a token, valid unless told otherwise. */
    public final class Builder {

        private final String username;
        private List<String> roles = List.of();
        private List<String> groups = List.of();
        private String issuer = TestTokenIssuer.this.issuer();
        private List<String> audience = List.of(AUDIENCE);
        private Instant expiresAt = Instant.now().plus(Duration.ofMinutes(5));
        private boolean signedByUnknownKey;
        private boolean tampered;
        private final Map<String, Object> extra = new LinkedHashMap<>();

        private Builder(String username) {
            this.username = username;
        }

        public Builder roles(List<String> roles) {
            this.roles = roles;
            return this;
        }

        public Builder groups(List<String> groups) {
            this.groups = groups;
            return this;
        }

        public Builder issuer(String issuer) {
            this.issuer = issuer;
            return this;
        }

        public Builder audience(List<String> audience) {
            this.audience = audience;
            return this;
        }

        public Builder expiresAt(Instant expiresAt) {
            this.expiresAt = expiresAt;
            return this;
        }

        /** Signed with a key the JWK set does not contain. */
        public Builder signedByUnknownKey() {
            this.signedByUnknownKey = true;
            return this;
        }

        /** Payload changed after signing (e.g. roles escalated), signature left as it was. */
        public Builder tampered() {
            this.tampered = true;
            return this;
        }

        public Builder claim(String name, Object value) {
            extra.put(name, value);
            return this;
        }

        public String sign() {
            JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(UUID.nameUUIDFromBytes(
                    username.getBytes(StandardCharsets.UTF_8)).toString())
                    .issuer(issuer).audience(audience).issueTime(new Date())
                    .expirationTime(Date.from(expiresAt)).jwtID(UUID.randomUUID().toString())
                    .claim("preferred_username", username).claim("realm_access", Map.of("roles", roles))
                    .claim("groups", groups).claim("azp", "platform-cli");
            extra.forEach(claims::claim);
            RSAKey signingKey = signedByUnknownKey ? otherKey : key;
            try {
                SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                        claims.build());
                jwt.sign(new RSASSASigner(signingKey));
                String token = jwt.serialize();
                if (!tampered) {
                    return token;
                }
                String[] parts = token.split("\\.");
                JWTClaimsSet escalated = new JWTClaimsSet.Builder(claims.build())
                        .claim("realm_access", Map.of("roles", List.of("committee-admin"))).build();
                String payload = java.util.Base64.getUrlEncoder().withoutPadding()
                        .encodeToString(escalated.toString().getBytes(StandardCharsets.UTF_8));
                return parts[0] + "." + payload + "." + parts[2];
            }
            catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}

package city.party.e2e;

import java.util.function.Supplier;

/** A token that is fetched again before it expires (the realm's access tokens live 5 minutes). */
public final class Tokens implements Supplier<String> {

    private static final long RENEW_AFTER_MILLIS = 120_000;

    private final Supplier<String> fetch;
    private String token;
    private long fetchedAt;

    private Tokens(Supplier<String> fetch) {
        this.fetch = fetch;
    }

    public static Tokens password(String username, String password) {
        return new Tokens(() -> Keycloak.passwordToken("platform-cli", username, password));
    }

    public static Tokens clientCredentials(String client, String secret) {
        return new Tokens(() -> Keycloak.clientCredentialsToken(client, secret));
    }

    /** No token at all. */
    public static Tokens none() {
        return new Tokens(() -> null);
    }

    @Override
    public synchronized String get() {
        long now = System.currentTimeMillis();
        if (fetchedAt == 0 || now - fetchedAt > RENEW_AFTER_MILLIS) {
            token = fetch.get();
            fetchedAt = now;
        }
        return token;
    }
}

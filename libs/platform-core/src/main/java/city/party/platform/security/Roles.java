package city.party.platform.security;

/** The realm roles of the {@code party} realm (deploy/keycloak). */
public final class Roles {

    /** Staff of the work committee (工委): the whole city. */
    public static final String COMMITTEE_ADMIN = "committee-admin";
    /** Secretary or party-affairs worker of one organisation: that organisation's subtree. */
    public static final String ORG_ADMIN = "org-admin";
    /** A party member: their own record. */
    public static final String MEMBER = "member";
    /** Discipline and finance auditors: read-only, whole city. */
    public static final String AUDITOR = "auditor";
    /** Other city systems reading through client credentials. */
    public static final String SYSTEM_READER = "system-reader";

    /**
     * Roles that may change anything. Auditors and machine readers are read-only everywhere: the
     * gateway and every service refuse their writes (403) before any domain rule is consulted.
     */
    public static final String[] WRITERS = { COMMITTEE_ADMIN, ORG_ADMIN, MEMBER };

    private Roles() {
    }
}

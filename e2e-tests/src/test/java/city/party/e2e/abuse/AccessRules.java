package city.party.e2e.abuse;

import java.util.LinkedHashMap;
import java.util.Map;

import city.party.e2e.abuse.ApiCatalog.Operation;

/**
 * Who may do what, as ARCHITECTURE.md, DOMAIN.md, docs/api/README.md and the services' documents
 * state it — the expected half of the authorization matrix. Every operation falls in one
 * {@link Access} class: listed explicitly below, or by default a scoped read (GET) or a scoped
 * write (anything else), so a new endpoint is held to the strict default until it is listed.
 */
final class AccessRules {

    /** Classes of operations by who may call them. */
    enum Access {
        /** Anyone, without a token: the honor roll and notices, objections to a notice, the public ledger. */
        PUBLIC,
        /** Any valid token: the caller's own identity and attendance, city-wide reference data. */
        SIGNED_IN,
        /** Committee, auditors and machine readers everywhere; an org-admin in their subtree; a member their own. */
        SCOPED_READ,
        /** Committee, auditors and machine readers everywhere; an org-admin in their subtree; members never (403). */
        OFFICE_READ,
        /** Committee, auditors, an org-admin in their subtree; machines 403, members never. */
        STAFF_READ,
        /** Committee and an org-admin in their subtree only (the register's export and import jobs). */
        ADMIN_READ,
        /** Committee and auditors only. */
        AUDIT_READ,
        /** Members for themselves (donating, signing in), administrators in their subtree, the committee. */
        MEMBER_WRITE,
        /** Administrators in their subtree and the committee; members, auditors and machines never. */
        SCOPED_WRITE,
        /** The committee only. */
        COMMITTEE_WRITE
    }

    /** The demo callers of ARCHITECTURE.md (plus the auditor and the machine client of the local realm). */
    enum Role {
        ANONYMOUS, AUDITOR, MACHINE, MEMBER, ORG_ADMIN, COMMITTEE
    }

    /** What one role must get for one class of operation. */
    enum Outcome {
        /** 401 problem. */
        UNAUTHENTICATED,
        /** 403 problem. */
        FORBIDDEN,
        /** 403 or 404 — refused, and for another organisation's id exactly as for an id that does not exist. */
        DENIED,
        /** Own organisation/record: allowed; another organisation's: DENIED; nothing else asserted. */
        SCOPED,
        /** As SCOPED, but the caller's own organisation/record is not asserted either (a member's view of her branch). */
        SCOPED_OWN_UNSPECIFIED,
        /** Not refused (no 401/403; no 404 where every id in the path exists). */
        ALLOWED
    }

    private static final Map<String, Access> OPERATIONS = new LinkedHashMap<>();

    static {
        // public pages (gateway permitAll + the services' public paths)
        put(Access.PUBLIC, "GET /api/honor-roll", "GET /api/honor-roll/notices",
                "GET /api/honor-roll/{awardId}/photos/{photoId}", "POST /api/honor-roll/notices/{nominationId}/objections",
                "GET /api/donation-campaigns/{id}/ledger");
        // anyone signed in
        put(Access.SIGNED_IN, "GET /api/me", "GET /api/activities/kinds", "GET /api/honor-programs",
                "GET /api/honor-programs/{id}", "GET /api/donation-campaigns", "GET /api/donation-campaigns/{id}",
                "GET /api/donation-campaigns/{id}/progress");
        // administrators' views: members 403 (activity-service.md: "members 403"; README: export, import jobs)
        put(Access.OFFICE_READ, "GET /api/compliance", "GET /api/compliance/overdue");
        // dues arrears are personal: "committee, org-admin, auditor" (docs/api/README.md)
        put(Access.STAFF_READ, "GET /api/members/lapse-warnings");
        // "committee, org-admin" (docs/api/README.md)
        put(Access.ADMIN_READ, "GET /api/members/export", "GET /api/members/import/{jobId}");
        // the reconciliation report and the last identity sync: the committee and auditors
        put(Access.AUDIT_READ, "GET /api/donation-campaigns/{id}/reconciliation", "GET /api/organizations/identity-sync");
        put(Access.MEMBER_WRITE, "POST /api/donations", "POST /api/activities/{id}/sign-in");
        put(Access.COMMITTEE_WRITE, "POST /api/organizations/identity-sync", "POST /api/honor-programs",
                "POST /api/honor-programs/{id}/notice", "POST /api/nominations/{id}/approval",
                "POST /api/nominations/{id}/objections/{objectionId}/resolution",
                "POST /api/honor-roll/{awardId}/revocation", "POST /api/donation-campaigns",
                "POST /api/donation-campaigns/{id}/close", "POST /api/donation-campaigns/{id}/extension",
                "POST /api/donation-campaigns/{id}/disbursements", "POST /api/donation-campaigns/{id}/reconciliation",
                "POST /api/compliance/overdue-checks", "POST /api/activities/kinds");
    }

    private AccessRules() {
    }

    static Access of(Operation operation) {
        return OPERATIONS.getOrDefault(operation.key(), operation.writes() ? Access.SCOPED_WRITE : Access.SCOPED_READ);
    }

    /** The table: rows are classes of operations, columns the callers. */
    static Outcome expected(Role role, Access access) {
        if (access == Access.PUBLIC) {
            return Outcome.ALLOWED;
        }
        if (role == Role.ANONYMOUS) {
            return Outcome.UNAUTHENTICATED;
        }
        boolean write = access == Access.MEMBER_WRITE || access == Access.SCOPED_WRITE
                || access == Access.COMMITTEE_WRITE;
        return switch (role) {
            case COMMITTEE -> Outcome.ALLOWED;
            // read-only roles: the gateway and every service refuse their writes before anything else
            case AUDITOR -> write || access == Access.ADMIN_READ ? Outcome.FORBIDDEN : Outcome.ALLOWED;
            case MACHINE -> write || access == Access.AUDIT_READ || access == Access.STAFF_READ
                    || access == Access.ADMIN_READ ? Outcome.FORBIDDEN : Outcome.ALLOWED;
            case ORG_ADMIN -> switch (access) {
                case SIGNED_IN -> Outcome.ALLOWED;
                case SCOPED_READ, OFFICE_READ, STAFF_READ, ADMIN_READ, MEMBER_WRITE, SCOPED_WRITE -> Outcome.SCOPED;
                default -> Outcome.DENIED;
            };
            case MEMBER -> switch (access) {
                case SIGNED_IN -> Outcome.ALLOWED;
                case SCOPED_READ, MEMBER_WRITE -> Outcome.SCOPED_OWN_UNSPECIFIED;
                // activity-service.md: compliance "members 403"
                case OFFICE_READ -> Outcome.FORBIDDEN;
                default -> Outcome.DENIED;
            };
            default -> throw new IllegalStateException(role.name());
        };
    }

    private static void put(Access access, String... operations) {
        for (String operation : operations) {
            OPERATIONS.put(operation, access);
        }
    }
}

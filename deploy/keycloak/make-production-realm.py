#!/usr/bin/env python3
"""Produce the PRODUCTION realm `realm-party.json` from the local realm `realm-party-local.json`.

The local file is the one source of truth; this script removes what is local-only and replaces
what must come from the environment, so the two files never drift apart:

  * sslRequired "external" (the local realm has "none");
  * no demo users (service-account users of the remaining clients stay: they carry the roles);
  * no local/test clients (platform-cli, test-no-audience, test-short-lived);
  * no client secrets: every confidential client gets "${<CLIENT_ID>_CLIENT_SECRET}", a
    placeholder Keycloak resolves from an environment variable when it imports the realm
    (kc.sh import, start --import-realm, or the operator's KeycloakRealmImport placeholders);
  * redirect URIs, post-logout redirect URIs and web origins use "${PLATFORM_PUBLIC_URL}"
    instead of http://localhost:8080;
  * the group tree is only the root /city (the 工委); units and branches are created by
    member-service at run time.

Everything else (roles, client scopes and mappers, token lifetimes, brute-force detection,
password policy, locales, user profile) is copied unchanged.

Usage (Python 3 standard library only):
  python3 deploy/keycloak/make-production-realm.py          # (re)write realm-party.json and
                                                            # deploy/k8s/.../realm-import.yaml
  python3 deploy/keycloak/make-production-realm.py --check  # fail if realm-party.json is stale
                                                            # or anything local-only remains
  python3 deploy/keycloak/make-production-realm.py --require-env
      # before an import: fail unless every ${VAR} in realm-party.json is set and non-empty.
      # Keycloak imports an unresolved placeholder LITERALLY: an unset secret variable would
      # make the text "${..._CLIENT_SECRET}" the client's secret.
"""

import copy
import os
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
LOCAL = HERE / "realm-party-local.json"
PRODUCTION = HERE / "realm-party.json"
# The same realm as the Keycloak operator's KeycloakRealmImport (deploy/k8s, production overlays).
REALM_IMPORT = HERE.parent / "k8s" / "base" / "infrastructure" / "realm-import.yaml"
REALM_IMPORT_SECRET = "keycloak-realm-import"

# Clients that exist for local use and tests only.
LOCAL_ONLY_CLIENTS = {"platform-cli", "test-no-audience", "test-short-lived"}
# The address browsers use locally; in production it comes from PLATFORM_PUBLIC_URL.
LOCAL_PUBLIC_URL = "http://localhost:8080"
PUBLIC_URL_PLACEHOLDER = "${PLATFORM_PUBLIC_URL}"
# The only group production starts with (organisation id = group name).
ROOT_GROUP = "city"

PLACEHOLDER = re.compile(r"^\$\{[A-Z][A-Z0-9_]*\}$")


def secret_env(client_id):
    """gateway -> GATEWAY_CLIENT_SECRET, city-data-exchange -> CITY_DATA_EXCHANGE_CLIENT_SECRET."""
    return re.sub(r"[^A-Za-z0-9]", "_", client_id).upper() + "_CLIENT_SECRET"


def public_url(value):
    return value.replace(LOCAL_PUBLIC_URL, PUBLIC_URL_PLACEHOLDER)


def make_production(local):
    realm = copy.deepcopy(local)
    realm["sslRequired"] = "external"

    clients = []
    for client in realm.get("clients", []):
        if client["clientId"] in LOCAL_ONLY_CLIENTS:
            continue
        if not client.get("publicClient", False) and not client.get("bearerOnly", False):
            client["secret"] = "${%s}" % secret_env(client["clientId"])
        for key in ("redirectUris", "webOrigins"):
            if key in client:
                client[key] = [public_url(v) for v in client[key]]
        for key in ("rootUrl", "baseUrl", "adminUrl"):
            if key in client:
                client[key] = public_url(client[key])
        attributes = client.get("attributes", {})
        if "post.logout.redirect.uris" in attributes:
            attributes["post.logout.redirect.uris"] = public_url(attributes["post.logout.redirect.uris"])
        clients.append(client)
    realm["clients"] = clients
    kept = {c["clientId"] for c in clients}

    # Only service-account users of clients that remain; every person comes from member-service.
    realm["users"] = [
        u for u in realm.get("users", [])
        if u.get("serviceAccountClientId") in kept
    ]

    roots = [g for g in realm.get("groups", []) if g["name"] == ROOT_GROUP]
    if len(roots) != 1:
        raise SystemExit(f"make-production-realm: the local realm has no root group '{ROOT_GROUP}'")
    root = copy.deepcopy(roots[0])
    root.pop("subGroups", None)
    realm["groups"] = [root]
    return realm


def local_only_strings(local):
    """Values from the local realm that must not reach production anywhere: client secrets,
    passwords and e-mail addresses of demo users. (Demo user names are not searched as text:
    `auditor` is also a role name; the user list itself is checked.)"""
    values = set()
    for client in local.get("clients", []):
        if client.get("secret"):
            values.add(client["secret"])
    for user in local.get("users", []):
        if user.get("serviceAccountClientId"):
            continue
        if user.get("email"):
            values.add(user["email"])
        values.update(c["value"] for c in user.get("credentials", []) if c.get("value"))
    return values


def problems(realm, local):
    """What must never be in the production realm. Returns a list of messages (empty = fine)."""
    found = []
    if realm.get("sslRequired") != "external":
        found.append(f"sslRequired is {realm.get('sslRequired')!r}, not 'external'")
    for client in realm.get("clients", []):
        cid = client["clientId"]
        if cid in LOCAL_ONLY_CLIENTS or cid.startswith("test-"):
            found.append(f"local/test client {cid}")
        if "secret" in client and not PLACEHOLDER.match(client["secret"]):
            found.append(f"client {cid} has a literal secret")
        if not client.get("publicClient", False) and not client.get("bearerOnly", False) \
                and "secret" not in client:
            found.append(f"confidential client {cid} has no secret placeholder (Keycloak would generate one)")
    for user in realm.get("users", []):
        if not user.get("serviceAccountClientId"):
            found.append(f"user {user.get('username')} (only service-account users belong here)")
        if user.get("credentials"):
            found.append(f"user {user.get('username')} has credentials")
    groups = realm.get("groups", [])
    if [g["name"] for g in groups] != [ROOT_GROUP] or any(g.get("subGroups") for g in groups):
        found.append("group tree is more than the root /" + ROOT_GROUP)
    text = json.dumps(realm, ensure_ascii=False)
    for needle in ("localhost", "127.0.0.1"):
        if needle in text:
            found.append(f"'{needle}' still occurs")
    for value in sorted(local_only_strings(local)):
        if json.dumps(value, ensure_ascii=False) in text:
            found.append(f"local-only value {value!r} still occurs")
    return found


def render(realm):
    return json.dumps(realm, indent=2, ensure_ascii=False) + "\n"


def render_realm_import(realm_text, placeholders):
    """KeycloakRealmImport with the realm inline (JSON is YAML) and every ${VAR} from one Secret."""
    lines = [
        "# GENERATED by deploy/keycloak/make-production-realm.py from realm-party.json: do not edit.",
        "# The operator resolves every ${VAR} of the realm from the Secret " + REALM_IMPORT_SECRET + " (one key",
        "# per variable, created by the cluster's operator: docs/operations.md). A missing key fails the import",
        "# instead of importing the placeholder text literally.",
        "apiVersion: k8s.keycloak.org/v2beta1",
        "kind: KeycloakRealmImport",
        "metadata:",
        "  name: party-realm",
        "spec:",
        "  keycloakCRName: party-keycloak",
        "  placeholders:",
    ]
    for name in placeholders:
        lines += [f"    {name}:", "      secret:", f"        name: {REALM_IMPORT_SECRET}", f"        key: {name}"]
    lines.append("  realm:")
    lines += ["    " + line for line in realm_text.rstrip("\n").split("\n")]
    return "\n".join(lines) + "\n"


def placeholders_of(text):
    return sorted(set(re.findall(r"\$\{([A-Z][A-Z0-9_]*)\}", text)))


def require_env():
    """Exit status 0 when every placeholder of the committed production realm is set."""
    names = placeholders_of(PRODUCTION.read_text(encoding="utf-8"))
    missing = [n for n in names if not os.environ.get(n)]
    if missing:
        print("make-production-realm: not set (Keycloak would import the placeholder text "
              f"literally): {' '.join(missing)}", file=sys.stderr)
        return 1
    print(f"all set: {' '.join(names)}")
    return 0


def main(argv):
    if argv[1:] == ["--require-env"]:
        return require_env()
    check_only = argv[1:] == ["--check"]
    if argv[1:] and not check_only:
        print(__doc__, file=sys.stderr)
        return 2
    local = json.loads(LOCAL.read_text(encoding="utf-8"))
    production = make_production(local)
    bad = problems(production, local)
    if check_only and PRODUCTION.exists():
        # Also check the committed file itself (it could have been edited by hand).
        bad += problems(json.loads(PRODUCTION.read_text(encoding="utf-8")), local)
    if bad:
        for b in bad:
            print(f"make-production-realm: local-only content left: {b}", file=sys.stderr)
        return 1
    text = render(production)
    placeholders = placeholders_of(text)
    if check_only:
        current = PRODUCTION.read_text(encoding="utf-8") if PRODUCTION.exists() else ""
        if current != text:
            print(f"make-production-realm: {PRODUCTION.name} is out of date; "
                  f"run python3 {Path(argv[0]).as_posix()}", file=sys.stderr)
            return 1
        realm_import = REALM_IMPORT.read_text(encoding="utf-8") if REALM_IMPORT.exists() else ""
        if realm_import != render_realm_import(text, placeholders):
            print(f"make-production-realm: {REALM_IMPORT.name} is out of date; "
                  f"run python3 {Path(argv[0]).as_posix()}", file=sys.stderr)
            return 1
        print(f"{PRODUCTION.name} and {REALM_IMPORT.name} are up to date; "
              f"environment variables: {' '.join(placeholders)}")
        return 0
    PRODUCTION.write_text(text, encoding="utf-8")
    REALM_IMPORT.write_text(render_realm_import(text, placeholders), encoding="utf-8")
    print(f"wrote {PRODUCTION.relative_to(HERE.parent.parent)}: "
          f"{len(production['clients'])} clients, {len(production['users'])} service-account users; "
          f"environment variables: {' '.join(placeholders)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

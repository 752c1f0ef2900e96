// Proof that the schema check can fail: deliberately wrong objects (typo fields, wrong types,
// missing required fields, bad enums, retired API versions, trimmed subtrees) must each be
// rejected with the expected message, and correct ones accepted. validate.mjs runs this before
// every validation of the overlays, so a schema check that silently stopped checking fails CI.

const keycloak = (spec, apiVersion = "k8s.keycloak.org/v2beta1") => ({
  apiVersion, kind: "Keycloak", metadata: { name: "kc" },
  spec: { instances: 2, db: { vendor: "postgres", usernameSecret: { name: "db", key: "username" } }, ...spec },
});
const realmImport = (spec) => ({
  apiVersion: "k8s.keycloak.org/v2beta1", kind: "KeycloakRealmImport", metadata: { name: "realm" },
  spec: { keycloakCRName: "kc", realm: { realm: "party", enabled: true, clients: [{ clientId: "gateway",
    attributes: { "pkce.code.challenge.method": "S256" } }] }, ...spec },
});
const mongo = (spec) => ({
  apiVersion: "mongodbcommunity.mongodb.com/v1", kind: "MongoDBCommunity", metadata: { name: "db" },
  spec: { members: 3, type: "ReplicaSet", version: "8.0.12", security: { authentication: { modes: ["SCRAM"] } },
    users: [{ name: "app", db: "admin", passwordSecretRef: { name: "app-password" },
      roles: [{ name: "readWrite", db: "app" }], scramCredentialsSecretName: "app-scram" }], ...spec },
});
const redis = (spec) => ({
  apiVersion: "redis.redis.opstreelabs.in/v1beta2", kind: "RedisReplication", metadata: { name: "redis" },
  spec: { clusterSize: 3, kubernetesConfig: { image: "quay.io/opstree/redis:v7.2.7" },
    podSecurityContext: { runAsUser: 1000, fsGroup: 1000 }, ...spec },
});
const sentinel = (spec) => ({
  apiVersion: "redis.redis.opstreelabs.in/v1beta2", kind: "RedisSentinel", metadata: { name: "sentinel" },
  spec: { clusterSize: 3, kubernetesConfig: { image: "quay.io/opstree/redis-sentinel:v7.2.7" },
    redisSentinelConfig: { redisReplicationName: "redis" }, ...spec },
});
const deployment = (replicas) => ({
  apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "app" },
  spec: { replicas, selector: { matchLabels: { app: "app" } },
    template: { metadata: { labels: { app: "app" } }, spec: { containers: [{ name: "app", image: "app:1" }] } } },
});

const valid = [keycloak({}), realmImport({}), mongo({}), redis({}), sentinel({}), deployment(2)];

// [what is wrong, object, text the problem report must contain]
const wrong = [
  ["typo in a Keycloak field", keycloak({ instancez: 2 }), 'unknown field "instancez"'],
  ["Keycloak instances as text", keycloak({ instances: "two" }), "/spec/instances must be integer"],
  ["typo in a nested Keycloak field", keycloak({ db: { vendor: "postgres", usernameSecret: { nmae: "db" } } }),
    'unknown field "nmae"'],
  ["retired Keycloak API version", keycloak({}, "k8s.keycloak.org/v2alpha1"), "not served by the vendored CRD"],
  ["a subtree the vendored schema trimmed", keycloak({ unsupported: { podTemplate: {} } }), "trimmed subtree"],
  ["typo in a realm field", realmImport({ realm: { realm: "party", sslRequred: "external" } }),
    'unknown field "sslRequred"'],
  ["client attribute that is not a string",
    realmImport({ realm: { realm: "party", clients: [{ clientId: "a", attributes: { "pkce.required": true } }] } }),
    "must be string"],
  ["realm import without its Keycloak", { ...realmImport({}), spec: { realm: { realm: "party" } } },
    "must have required property 'keycloakCRName'"],
  ["MongoDB deployment type outside the enum", mongo({ type: "Sharded" }), "must be equal to one of the allowed values"],
  ["MongoDB user without roles", mongo({ users: [{ name: "app", scramCredentialsSecretName: "app-scram" }] }),
    "must have required property 'roles'"],
  ["fsGroup in the Redis container securityContext", redis({ securityContext: { fsGroup: 1000 } }),
    'unknown field "fsGroup"'],
  ["sentinel without its replication", sentinel({ redisSentinelConfig: { quorum: "2" } }),
    "must have required property 'redisReplicationName'"],
  ["sentinel cluster of zero", sentinel({ clusterSize: 0 }), "must be >= 1"],
  ["typo in metadata", { ...redis({}), metadata: { name: "redis", lables: { a: "b" } } }, 'unknown field "lables"'],
  ["kind the vendored CRDs do not define", { ...redis({}), kind: "RedisCluster" }, "not defined by the vendored CRDs"],
  ["Deployment replicas as text (kubernetes-models)", deployment("three"), "replicas"],
];

/** Runs the cases through `schemaProblems(obj) -> Promise<string[]>`; returns what went wrong. */
export async function schemaSelfTest(schemaProblems) {
  const failures = [];
  for (const obj of valid) {
    const problems = await schemaProblems(obj);
    if (problems.length) failures.push(`correct ${obj.kind} rejected: ${problems.join("; ")}`);
  }
  for (const [what, obj, expected] of wrong) {
    const problems = await schemaProblems(obj);
    if (!problems.some((p) => p.includes(expected))) {
      failures.push(`${what}: expected a problem containing '${expected}', got ${JSON.stringify(problems)}`);
    }
  }
  return { failures, rejected: wrong.length, accepted: valid.length };
}

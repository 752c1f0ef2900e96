// Proof that the schema check can fail: deliberately wrong objects (typo fields, wrong types,
// missing required fields, bad enums, patterns, retired API versions, trimmed subtrees) must each be
// rejected with the expected message, and correct ones accepted, for the vendored CRDs
// (crd-schemas.mjs) and for the kubernetes-models schemas made strict (strict-models.mjs). validate.mjs runs this before
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
const deployment = (spec, container, podMetadata = { labels: { app: "app" } }) => ({
  apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "app", labels: { "app.kubernetes.io/name": "app" } },
  spec: { replicas: 2, selector: { matchLabels: { app: "app" } },
    template: { metadata: podMetadata, spec: { containers: [{ name: "app", image: "app:1",
      ports: [{ name: "http", containerPort: 8080 }],
      resources: { requests: { cpu: "250m", memory: "512Mi" }, limits: { memory: "1Gi" } },
      readinessProbe: { httpGet: { path: "/actuator/health/readiness", port: "http" } }, ...container }] } },
    ...spec },
});
const service = (spec) => ({
  apiVersion: "v1", kind: "Service", metadata: { name: "app" },
  spec: { selector: { app: "app" }, ports: [{ name: "http", port: 8080, targetPort: "http" }], ...spec },
});
const networkPolicy = (spec) => ({
  apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name: "app" },
  spec: { podSelector: { matchLabels: { app: "app" } }, policyTypes: ["Ingress"],
    ingress: [{ from: [{ podSelector: { matchLabels: { app: "gateway" } } }], ports: [{ protocol: "TCP", port: 8080 }] }],
    ...spec },
});
const hpa = (target) => ({
  apiVersion: "autoscaling/v2", kind: "HorizontalPodAutoscaler", metadata: { name: "app" },
  spec: { scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "app" }, minReplicas: 2, maxReplicas: 6,
    metrics: [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", ...target } } }] },
});
const ingress = (backend) => ({
  apiVersion: "networking.k8s.io/v1", kind: "Ingress", metadata: { name: "gateway",
    annotations: { "nginx.ingress.kubernetes.io/proxy-body-size": "60m" } },
  spec: { ingressClassName: "nginx", rules: [{ host: "party.example.city", http: { paths: [{ path: "/",
    pathType: "Prefix", backend: { service: { name: "gateway", port: { name: "http" } }, ...backend } }] } }] },
});
const prometheusRule = (rule) => ({
  apiVersion: "monitoring.coreos.com/v1", kind: "PrometheusRule", metadata: { name: "rules" },
  spec: { groups: [{ name: "g", rules: [{ alert: "A", expr: "up == 0", for: "5m", labels: { severity: "warning" },
    annotations: { summary: "down" }, ...rule }] }] },
});
const kafka = (kafkaSpec) => ({
  apiVersion: "kafka.strimzi.io/v1beta2", kind: "Kafka", metadata: { name: "kafka" },
  spec: { kafka: { version: "4.1.0", listeners: [{ name: "plain", port: 9092, type: "internal", tls: false }],
    // Free-form by the CRD (x-kubernetes-preserve-unknown-fields): any key is accepted.
    config: { "min.insync.replicas": 2, "auto.create.topics.enable": false }, ...kafkaSpec },
  entityOperator: { topicOperator: {} } },
});
const kafkaTopic = (spec) => ({
  apiVersion: "kafka.strimzi.io/v1beta2", kind: "KafkaTopic", metadata: { name: "t", labels: { "strimzi.io/cluster": "k" } },
  spec: { partitions: 6, replicas: 3, config: { "retention.ms": 604800000 }, ...spec },
});
const postgres = (spec) => ({
  apiVersion: "postgresql.cnpg.io/v1", kind: "Cluster", metadata: { name: "db" },
  spec: { instances: 3, imageName: "ghcr.io/cloudnative-pg/postgresql:17.6", storage: { size: "10Gi" },
    bootstrap: { initdb: { database: "keycloak", owner: "keycloak" } }, ...spec },
});
const scheduledBackup = (spec) => ({
  apiVersion: "postgresql.cnpg.io/v1", kind: "ScheduledBackup", metadata: { name: "daily" },
  spec: { schedule: "0 0 18 * * *", cluster: { name: "db" }, method: "plugin",
    pluginConfiguration: { name: "barman-cloud.cloudnative-pg.io" }, ...spec },
});
const objectStore = (configuration, spec) => ({
  apiVersion: "barmancloud.cnpg.io/v1", kind: "ObjectStore", metadata: { name: "store" },
  spec: { retentionPolicy: "30d", configuration: { destinationPath: "s3://bucket/db", endpointURL: "https://s3.example",
    s3Credentials: { accessKeyId: { name: "s3", key: "ACCESS_KEY_ID" }, secretAccessKey: { name: "s3", key: "ACCESS_SECRET_KEY" } },
    wal: { compression: "gzip" }, ...configuration }, ...spec },
});
const cronJob = (spec) => ({
  apiVersion: "batch/v1", kind: "CronJob", metadata: { name: "backup" },
  spec: { schedule: "30 2 * * *", timeZone: "Asia/Shanghai", concurrencyPolicy: "Forbid",
    jobTemplate: { spec: { template: { spec: { restartPolicy: "Never",
      containers: [{ name: "dump", image: "mongo:8.0.12", command: ["mongodump"] }] } } } }, ...spec },
});
const serviceMonitor = (endpoint) => ({
  apiVersion: "monitoring.coreos.com/v1", kind: "ServiceMonitor", metadata: { name: "app" },
  spec: { selector: { matchLabels: { app: "app" } }, endpoints: [{ port: "http", path: "/actuator/prometheus", ...endpoint }] },
});

const valid = [keycloak({}), realmImport({}), mongo({}), redis({}), sentinel({}), deployment({}), service({}),
  networkPolicy({}), hpa({ averageUtilization: 70 }), kafka({}), kafkaTopic({}), postgres({}), serviceMonitor({}),
  ingress({}), prometheusRule({}), scheduledBackup({}), objectStore({}), cronJob({})];

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
  ["Deployment replicas as text", deployment({ replicas: "three" }), "/spec/replicas must be integer"],
  ["typo in a Deployment field", deployment({ replica: 2 }), '/spec: unknown field "replica"'],
  ["typo in a container field", deployment({}, { resource: { limits: { memory: "1Gi" } } }),
    '/spec/template/spec/containers/0: unknown field "resource"'],
  ["typo deep in a container", deployment({}, { readinessProbe: { httpGet: { path: "/", port: "http", shceme: "HTTP" } } }),
    '/spec/template/spec/containers/0/readinessProbe/httpGet: unknown field "shceme"'],
  ["typo in the pod template metadata", deployment({}, {}, { lables: { app: "app" } }),
    '/spec/template/metadata: unknown field "lables"'],
  ["typo in a Service port", service({ ports: [{ name: "http", port: 8080, targetport: "http" }] }),
    '/spec/ports/0: unknown field "targetport"'],
  ["typo in a Service field", service({ selecter: { app: "app" } }), '/spec: unknown field "selecter"'],
  ["typo in a NetworkPolicy rule", networkPolicy({ ingress: [{ form: [{ podSelector: {} }] }] }),
    '/spec/ingress/0: unknown field "form"'],
  ["typo in a NetworkPolicy selector", networkPolicy({ podSelector: { matchLabel: { app: "app" } } }),
    '/spec/podSelector: unknown field "matchLabel"'],
  ["British spelling in an HPA target", hpa({ averageUtilisation: 70 }),
    '/spec/metrics/0/resource/target: unknown field "averageUtilisation"'],
  ["typo in an Ingress backend", ingress({ servcie: { name: "gateway" } }),
    '/spec/rules/0/http/paths/0/backend: unknown field "servcie"'],
  ["typo in a Kafka field", kafka({ replicaz: 3 }), '/spec/kafka: unknown field "replicaz"'],
  ["Kafka listener type outside the enum", kafka({ listeners: [{ name: "plain", port: 9092, type: "intern", tls: false }] }),
    "must be equal to one of the allowed values"],
  ["typo in a KafkaTopic field", kafkaTopic({ partition: 6 }), '/spec: unknown field "partition"'],
  ["typo in a CloudNativePG Cluster field", postgres({ storage: { sise: "10Gi" } }), '/spec/storage: unknown field "sise"'],
  ["typo in a ScheduledBackup field", scheduledBackup({ shedule: "0 0 18 * * *" }), '/spec: unknown field "shedule"'],
  ["ScheduledBackup without its cluster", { ...scheduledBackup({}), spec: { schedule: "0 0 18 * * *" } },
    "must have required property cluster"],
  ["typo in an ObjectStore credential", objectStore({ s3Credentials: { accessKeyID: { name: "s3", key: "k" } } }),
    'unknown field "accessKeyID"'],
  ["ObjectStore WAL compression outside the enum", objectStore({ wal: { compression: "zip" } }),
    "must be equal to one of the allowed values"],
  ["ObjectStore retention in hours", objectStore({}, { retentionPolicy: "720h" }), 'must match pattern'],
  ["ObjectStore without a destination", objectStore({ destinationPath: undefined }),
    "must have required property 'destinationPath'"],
  ["CronJob time zone misspelt", cronJob({ timezone: "Asia/Shanghai" }), '/spec: unknown field "timezone"'],
  ["typo in a CronJob's job template", cronJob({ jobTemplate: { spec: { backofLimit: 2, template: { spec: {
    containers: [{ name: "dump", image: "mongo:8.0.12" }] } } } } }), '/spec/jobTemplate/spec: unknown field "backofLimit"'],
  ["typo in an alert rule", prometheusRule({ fro: "5m" }), '/spec/groups/0/rules/0: unknown field "fro"'],
  ["typo in a ServiceMonitor endpoint", serviceMonitor({ inteval: "30s" }), '/spec/endpoints/0: unknown field "inteval"'],
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

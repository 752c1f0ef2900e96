// Offline validation of deploy/k8s: renders every overlay with `kubectl kustomize`, validates
// every object against its schema and checks the platform's own policies. Exit status 1 on any
// finding.
//   - Custom resources of the operators whose CRDs are vendored in crds/ (Keycloak, MongoDB
//     Community, Redis, the Barman Cloud plugin's ObjectStore): strictly, like `kubectl apply --validate=strict` (unknown fields
//     rejected), see crd-schemas.mjs and crds/README.md.
//   - Everything else (core Kubernetes, Strimzi, CloudNativePG, Prometheus operator): the schemas
//     that the kubernetes-models packages ship, likewise strictly: types, required fields, enums,
//     and unknown fields rejected, see strict-models.mjs.
// Before the overlays, a self-test feeds deliberately wrong objects to the same schema check and
// fails unless every one of them is rejected (and the correct ones accepted).
//
//   node deploy/k8s/validate/validate.mjs               (after `npm ci` in this folder)
//   node deploy/k8s/validate/validate.mjs --self-test   (the self-test only)
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";
import { loadCrdValidators } from "./crd-schemas.mjs";
import { schemaSelfTest } from "./schema-self-test.mjs";
import { strictModelProblems } from "./strict-models.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const k8sRoot = resolve(here, "..");
const repoRoot = resolve(k8sRoot, "..", "..");
const overlays = readdirSync(join(k8sRoot, "overlays"));
const crds = loadCrdValidators(join(here, "crds"));

// apiVersion -> module prefix of the schema package that models it
const schemaPackages = [
  [/^(v1)$/, (v, k) => `kubernetes-models/v1/${k}`],
  [/^([a-z0-9.]+\.k8s\.io|apps|autoscaling|batch|policy)\/(.+)$/, (v, k) => `kubernetes-models/${v}/${k}`],
  [/^kafka\.strimzi\.io\//, (v, k) => `@kubernetes-models/strimzi-kafka-operator/${v}/${k}`],
  [/^postgresql\.cnpg\.io\//, (v, k) => `@kubernetes-models/cloudnative-pg/${v}/${k}`],
  [/^monitoring\.coreos\.com\//, (v, k) => `@kubernetes-models/prometheus-operator/${v}/${k}`],
];
const appNames = ["gateway", "member-service", "activity-service", "honor-service", "donation-service"];

const findings = [];
const fail = (overlay, obj, message) =>
  findings.push(`${overlay}: ${obj ? `${obj.kind}/${obj.metadata?.name}: ` : ""}${message}`);

/** What is wrong with one object by its schema (an empty list if nothing). */
async function schemaProblems(obj) {
  if (crds.groups.has(obj.apiVersion.split("/")[0])) return crds.validate(obj);
  const entry = schemaPackages.find(([pattern]) => pattern.test(obj.apiVersion));
  if (!entry) return [`no schema known for ${obj.apiVersion}`];
  const path = entry[1](obj.apiVersion, obj.kind);
  let model;
  try {
    model = await import(path);
  } catch {
    return [`unknown kind ${obj.apiVersion} ${obj.kind} (${path})`];
  }
  if (!model[obj.kind]) return [`unknown kind ${obj.apiVersion} ${obj.kind} (${path})`];
  return strictModelProblems(model[obj.kind], obj);
}

async function validateSchema(overlay, obj) {
  for (const problem of await schemaProblems(obj)) fail(overlay, obj, `schema: ${problem}`);
}

function checkWorkload(overlay, obj) {
  const pod = obj.spec.template.spec;
  const podNonRoot = pod.securityContext?.runAsNonRoot === true;
  for (const c of pod.containers) {
    const where = `container ${c.name}`;
    const [, tag] = c.image.split(/:(?=[^/]+$)/);
    if (!tag || tag === "latest") fail(overlay, obj, `${where}: image ${c.image} needs a pinned tag`);
    if (!c.resources?.limits?.memory) fail(overlay, obj, `${where}: no memory limit`);
    if (!c.resources?.requests?.cpu || !c.resources?.requests?.memory) fail(overlay, obj, `${where}: no requests`);
    for (const probe of ["livenessProbe", "readinessProbe", "startupProbe"]) {
      if (!c[probe]) fail(overlay, obj, `${where}: no ${probe}`);
    }
    const sc = c.securityContext ?? {};
    if (!(podNonRoot || sc.runAsNonRoot === true)) fail(overlay, obj, `${where}: not runAsNonRoot`);
    if (sc.readOnlyRootFilesystem !== true) fail(overlay, obj, `${where}: root filesystem writable`);
    if (sc.allowPrivilegeEscalation !== false) fail(overlay, obj, `${where}: privilege escalation allowed`);
    if (!(sc.capabilities?.drop ?? []).includes("ALL")) fail(overlay, obj, `${where}: capabilities not dropped`);
    if (!c.lifecycle?.preStop) fail(overlay, obj, `${where}: no preStop (graceful shutdown)`);
    const tmp = (c.volumeMounts ?? []).find((m) => m.mountPath === "/tmp");
    if (!tmp) fail(overlay, obj, `${where}: no writable /tmp`);
  }
  if (!pod.topologySpreadConstraints?.length) fail(overlay, obj, "no topology spread");
}

/** Topics and dead-letter topics the applications use, from their own configuration and code. */
function topicsTheCodeUses() {
  const topics = new Set();
  for (const app of appNames.filter((a) => a !== "gateway")) {
    const config = readFileSync(join(repoRoot, app, "src/main/resources/application.yaml"), "utf8");
    const list = (key) => {
      const match = config.match(new RegExp(`^\\s+${key}:\\s*\\[([^\\]]*)\\]`, "m"));
      return match ? match[1].split(",").map((t) => t.trim()).filter(Boolean) : [];
    };
    list("produces").forEach((t) => topics.add(t));
    for (const t of list("consumes")) {
      topics.add(t);
      topics.add(`${t}.${app}.dlt`);
    }
    // Listeners with a consumer group of their own get their own dead-letter topics.
    const sources = execFileSync("grep", ["-rhoz", "--include=*.java", "-E",
      "@KafkaListener\\([^)]*\\)", join(repoRoot, app, "src/main/java")], { encoding: "utf8" })
      .split("\0").filter(Boolean);
    for (const annotation of sources) {
      const group = annotation.match(/groupId\s*=\s*"([^"]+)"/)?.[1];
      if (!group) continue;
      const listed = [...annotation.matchAll(/"(party\.[a-z.-]+)"/g)].map((m) => m[1]);
      listed.forEach((t) => topics.add(`${t}.${group}.dlt`));
    }
  }
  return topics;
}

// Overlays whose data is disposable (one small machine): no backups expected there.
const overlaysWithoutBackups = new Set(["local"]);

/** Backups are wired end to end: every reference resolves, schedules have the operator's format. */
function checkBackups(overlay, objects, byKind) {
  const named = (kind, name) => byKind(kind).find((o) => o.metadata.name === name);
  for (const b of byKind("ScheduledBackup")) {
    // CloudNativePG's cron has six fields, seconds first: "0 2 * * *" would mean minute 2 of every hour.
    if (!b.spec.schedule.startsWith("@") && b.spec.schedule.trim().split(/\s+/).length !== 6) {
      fail(overlay, b, `schedule "${b.spec.schedule}" needs six fields, seconds first (CloudNativePG cron)`);
    }
    const cluster = named("Cluster", b.spec.cluster.name);
    if (!cluster) {
      fail(overlay, b, `backs up Cluster ${b.spec.cluster.name}, which is not in the overlay`);
    } else if (b.spec.method === "plugin"
      && !(cluster.spec.plugins ?? []).some((p) => p.name === b.spec.pluginConfiguration?.name)) {
      fail(overlay, b, `plugin ${b.spec.pluginConfiguration?.name} is not enabled on Cluster ${cluster.metadata.name}`);
    }
  }
  for (const c of byKind("Cluster")) {
    for (const plugin of c.spec.plugins ?? []) {
      const store = plugin.parameters?.barmanObjectName;
      if (store && !named("ObjectStore", store)) fail(overlay, c, `plugin ${plugin.name}: no ObjectStore ${store}`);
    }
    const archives = (c.spec.plugins ?? []).some((p) => p.isWALArchiver);
    const scheduled = byKind("ScheduledBackup").some((b) => b.spec.cluster.name === c.metadata.name);
    if (!overlaysWithoutBackups.has(overlay) && !(archives && scheduled)) {
      fail(overlay, c, "no WAL archive and ScheduledBackup: the database would have no backups");
    }
  }
  for (const j of byKind("CronJob")) {
    if (j.spec.schedule.trim().split(/\s+/).length !== 5) {
      fail(overlay, j, `schedule "${j.spec.schedule}" needs five fields (Kubernetes CronJob)`);
    }
    if (!j.spec.timeZone) fail(overlay, j, "no timeZone: the schedule would follow the controller's clock");
  }
  if (!overlaysWithoutBackups.has(overlay) && byKind("MongoDBCommunity").length && !named("CronJob", "mongodb-backup")) {
    fail(overlay, null, "MongoDB has no backup CronJob (mongodb-backup)");
  }
}

function checkOverlay(overlay, objects) {
  const byKind = (kind) => objects.filter((o) => o.kind === kind);
  const names = (kind) => new Set(byKind(kind).map((o) => o.metadata.name));
  for (const o of byKind("Secret")) fail(overlay, o, "a Secret in git: reference Secrets, never ship them");
  for (const app of appNames) {
    for (const kind of ["Deployment", "Service", "ServiceAccount", "HorizontalPodAutoscaler", "PodDisruptionBudget"]) {
      if (!names(kind).has(app)) fail(overlay, null, `${app}: no ${kind}`);
    }
  }
  for (const o of [...byKind("Deployment"), ...byKind("StatefulSet")]) checkWorkload(overlay, o);
  const denyAll = byKind("NetworkPolicy").some((p) => Object.keys(p.spec.podSelector ?? {}).length === 0
    && (p.spec.policyTypes ?? []).includes("Ingress") && !p.spec.ingress && !p.spec.egress);
  if (!denyAll) fail(overlay, null, "no default-deny NetworkPolicy");
  if (!byKind("Ingress").length) fail(overlay, null, "no Ingress for the gateway");
  const declared = new Set(byKind("KafkaTopic").map((t) => t.spec.topicName ?? t.metadata.name));
  for (const topic of topicsTheCodeUses()) {
    if (!declared.has(topic)) fail(overlay, null, `topic ${topic} is used by the code but has no KafkaTopic`);
  }
  checkBackups(overlay, objects, byKind);
  const namespaces = new Set(objects.map((o) => o.metadata.namespace).filter(Boolean));
  if (namespaces.size !== 1) fail(overlay, null, `objects spread over namespaces ${[...namespaces]}`);
}

const selfTest = await schemaSelfTest(schemaProblems);
if (selfTest.failures.length) {
  console.error(`deploy/k8s: the schema check does not check:\n  ${selfTest.failures.join("\n  ")}`);
  process.exit(1);
}
console.log(`schema self-test: ${selfTest.rejected} deliberately wrong objects rejected, `
  + `${selfTest.accepted} correct ones accepted`);
if (process.argv.includes("--self-test")) process.exit(0);

let total = 0;
for (const overlay of overlays) {
  const rendered = execFileSync("kubectl", ["kustomize", join(k8sRoot, "overlays", overlay)],
    { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const objects = parseAllDocuments(rendered).map((d) => d.toJS()).filter(Boolean);
  for (const obj of objects) await validateSchema(overlay, obj);
  checkOverlay(overlay, objects);
  total += objects.length;
  console.log(`${overlay}: ${objects.length} objects rendered and checked`);
}
if (!existsSync(join(repoRoot, "deploy/keycloak/realm-party.json"))) findings.push("production realm missing");
if (findings.length) {
  console.error(`deploy/k8s: ${findings.length} finding(s):\n  ${findings.join("\n  ")}`);
  process.exit(1);
}
console.log(`deploy/k8s: ${total} objects valid in ${overlays.length} overlays`);

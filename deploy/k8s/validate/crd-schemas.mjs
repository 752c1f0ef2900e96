// Strict validation of custom resources against the CRD schemas vendored in crds/ (see
// crds/README.md), the way `kubectl apply --validate=strict` does it against a live API server:
// types, enums, required fields, patterns, and unknown fields rejected. A structural CRD schema
// prunes every field it does not declare, so an object schema is closed unless it says
// x-kubernetes-preserve-unknown-fields or declares additionalProperties.
//
// What a live API server checks and this does not: x-kubernetes-validations (CEL rules) and
// formats (int32/int64 ranges, date-time, ...). Subtrees replaced by `x-platform-trimmed` in a
// vendored file reject any value: the field is real upstream but its schema was not vendored.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import Ajv from "ajv";
import { parse } from "yaml";

// Keywords of Kubernetes' OpenAPI dialect that carry no constraint ajv could check here.
const annotationKeywords = [
  "x-kubernetes-preserve-unknown-fields", "x-kubernetes-int-or-string", "x-kubernetes-embedded-resource",
  "x-kubernetes-list-type", "x-kubernetes-list-map-keys", "x-kubernetes-map-type", "x-kubernetes-validations",
];

// The API server validates metadata itself (ObjectMeta), whatever the CRD schema says about it.
const objectMeta = {
  type: "object",
  properties: {
    name: { type: "string" }, generateName: { type: "string" }, namespace: { type: "string" },
    labels: { type: "object", additionalProperties: { type: "string" } },
    annotations: { type: "object", additionalProperties: { type: "string" } },
    finalizers: { type: "array", items: { type: "string" } },
    ownerReferences: { type: "array", items: { type: "object" } },
    uid: { type: "string" }, resourceVersion: { type: "string" }, generation: { type: "integer" },
    creationTimestamp: { type: ["string", "null"] }, deletionTimestamp: { type: "string" },
    deletionGracePeriodSeconds: { type: "integer" }, selfLink: { type: "string" },
    managedFields: { type: "array", items: { type: "object" } },
  },
  additionalProperties: false,
};

function closeObjects(schema) {
  if (!schema || typeof schema !== "object" || schema["x-platform-trimmed"]) return;
  for (const child of Object.values(schema.properties ?? {})) closeObjects(child);
  if (schema.items) closeObjects(schema.items);
  if (typeof schema.additionalProperties === "object") closeObjects(schema.additionalProperties);
  for (const key of ["anyOf", "allOf", "oneOf"]) (schema[key] ?? []).forEach(closeObjects);
  if (schema["x-kubernetes-int-or-string"] && !schema.anyOf) {
    schema.anyOf = [{ type: "integer" }, { type: "string" }];
  }
  if (schema["x-kubernetes-embedded-resource"]) {
    schema.properties = { apiVersion: { type: "string" }, kind: { type: "string" }, metadata: objectMeta,
      ...schema.properties };
  }
  const isObject = schema.type === "object" || schema.properties;
  if (isObject && schema.additionalProperties === undefined && !schema["x-kubernetes-preserve-unknown-fields"]) {
    schema.additionalProperties = false;
  }
}

/** The strict JSON schema for one served version of a CRD. */
export function strictSchema(openAPIV3Schema) {
  const schema = structuredClone(openAPIV3Schema);
  closeObjects(schema);
  schema.properties = { ...schema.properties, apiVersion: { type: "string" }, kind: { type: "string" },
    metadata: objectMeta };
  return schema;
}

function newAjv() {
  const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false, strictTuples: false,
    strictRequired: false, validateFormats: false });
  ajv.addVocabulary(annotationKeywords);
  ajv.addKeyword({
    keyword: "x-platform-trimmed",
    errors: true,
    validate: function trimmed() {
      trimmed.errors = [{ keyword: "x-platform-trimmed", params: {},
        message: "is not covered by the vendored CRD schema (trimmed subtree, see crds/README.md)" }];
      return false;
    },
  });
  return ajv;
}

function describe(error) {
  const where = error.instancePath || "(root)";
  if (error.keyword === "additionalProperties") return `${where}: unknown field "${error.params.additionalProperty}"`;
  if (error.keyword === "enum") return `${where} ${error.message}: ${error.params.allowedValues.join(", ")}`;
  return `${where} ${error.message}`;
}

/**
 * Loads every CustomResourceDefinition in `dir` and returns
 * { groups: Set of API groups covered, validate(obj) -> list of problems }.
 */
export function loadCrdValidators(dir) {
  const ajv = newAjv();
  const byKey = new Map();
  const kindsByGroup = new Map();
  for (const file of readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort()) {
    const crd = parse(readFileSync(join(dir, file), "utf8"), { maxAliasCount: -1 });
    if (crd?.kind !== "CustomResourceDefinition") throw new Error(`${file}: not a CustomResourceDefinition`);
    const { group, names, versions } = crd.spec;
    for (const version of versions.filter((v) => v.served)) {
      const key = `${group}/${version.name}/${names.kind}`;
      try {
        byKey.set(key, ajv.compile(strictSchema(version.schema.openAPIV3Schema)));
      } catch (error) {
        throw new Error(`${file}: schema of ${key} does not compile: ${error.message}`);
      }
      const kinds = kindsByGroup.get(group) ?? new Map();
      kinds.set(names.kind, [...(kinds.get(names.kind) ?? []), version.name]);
      kindsByGroup.set(group, kinds);
    }
  }
  return {
    groups: new Set(kindsByGroup.keys()),
    validate(obj) {
      const [group, version] = obj.apiVersion.split("/");
      const served = kindsByGroup.get(group)?.get(obj.kind);
      if (!served) return [`kind ${obj.kind} is not defined by the vendored CRDs of ${group}`];
      const check = byKey.get(`${group}/${version}/${obj.kind}`);
      if (!check) return [`${obj.apiVersion} is not served by the vendored CRD (served: ${served.join(", ")})`];
      return check(obj) ? [] : check.errors.map(describe);
    },
  };
}

// Strict validation with the schemas of the kubernetes-models packages (Kubernetes itself,
// Strimzi, CloudNativePG, Prometheus operator): their types, required fields and enums, and
// unknown fields rejected the way `kubectl apply --validate=strict` rejects them.
//
// The packages ship their JSON schemas only compiled into ajv validator code, and those schemas
// leave additionalProperties open, so a misspelt field passes them. The known fields of every
// object are therefore taken from the compiled validator itself: ajv's code for `properties`
// reads each declared property of the object it checks (`data.replicas !== undefined`), present
// or not. The object is handed to the validator behind a Proxy that records those reads; a field
// the validator of its object never read is not in the schema. Objects the validator only
// enumerates (maps: labels, resources.limits, ConfigMap data) or never reads into (free-form
// fields such as Strimzi's `config`) accept any key, as the API server does.
//
// Where this errs, it errs towards a false alarm that fails the run: ajv generates no code for a
// property whose schema accepts anything ({} or annotations only), and a later branch of an
// anyOf does not run once an earlier one passed, so a field known only there would be reported
// as unknown.
// The self-test (schema-self-test.mjs) proves on every run that misspelt fields are rejected and
// correct objects accepted, so a change in the packages' generated code cannot go unnoticed.

function observed(root) {
  const reads = new Map();
  const wrap = (value) => {
    if (!value || typeof value !== "object") return value;
    let record = reads.get(value);
    if (!record) {
      record = { keys: new Set(), enumerated: false };
      reads.set(value, record);
    }
    const note = (key) => typeof key === "string" && record.keys.add(key);
    return new Proxy(value, {
      get(target, key, receiver) {
        note(key);
        return wrap(Reflect.get(target, key, receiver));
      },
      has(target, key) {
        note(key);
        return Reflect.has(target, key);
      },
      getOwnPropertyDescriptor(target, key) {
        note(key);
        return Reflect.getOwnPropertyDescriptor(target, key);
      },
      ownKeys(target) {
        record.enumerated = true;
        return Reflect.ownKeys(target);
      },
    });
  };
  return { proxy: wrap(root), reads };
}

function unknownFields(value, reads, path, found) {
  const record = value && typeof value === "object" ? reads.get(value) : undefined;
  if (!record) return;
  if (Array.isArray(value)) {
    value.forEach((item, i) => unknownFields(item, reads, `${path}/${i}`, found));
    return;
  }
  const closed = !record.enumerated && record.keys.size > 0;
  for (const [key, child] of Object.entries(value)) {
    if (closed && !record.keys.has(key)) found.push(`${path || "(root)"}: unknown field "${key}"`);
    unknownFields(child, reads, `${path}/${key}`, found);
  }
}

/** What is wrong with `data` by the model class of its kind: schema errors, then unknown fields. */
export function strictModelProblems(Model, data) {
  const model = new Model(data);
  const { proxy, reads } = observed(model);
  const problems = [];
  try {
    model.validate.call(proxy);
  } catch (error) {
    problems.push(error.message.split("\n").slice(0, 4).join("; "));
  }
  unknownFields(model, reads, "", problems);
  return problems;
}

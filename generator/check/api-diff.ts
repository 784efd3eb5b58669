// Breaking changes between two OpenAPI documents (the committed openapi.json and the
// one generation would write), named and printed the way oasdiff does, so CI logs
// read familiar. Only what can break an existing client is reported.

type Json = Record<string, unknown>;

export interface ApiChange {
  readonly id: string; // oasdiff-style rule id, e.g. "api-path-removed-without-deprecation"
  readonly level: "error";
  readonly operation: string; // "GET /api/{user_id}/tasks"
  readonly text: string;
}

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

function resolve(doc: Json, schema: unknown): Json | null {
  let s = schema as Json | undefined;
  for (let i = 0; s && typeof s.$ref === "string" && i < 10; i++) {
    const path = (s.$ref as string).replace(/^#\//, "").split("/");
    let at: unknown = doc;
    for (const p of path) at = (at as Json | undefined)?.[p];
    s = at as Json | undefined;
  }
  return s ?? null;
}

function types(s: Json | null): string[] {
  if (!s) return [];
  const t = s.type;
  return (Array.isArray(t) ? (t as string[]) : t ? [t as string] : []).slice().sort();
}

/** The JSON type of a schema as clients see it: its types, and for a list its items' types ("array<integer>"). */
function shape(doc: Json, s: Json | null): string {
  const t = types(s);
  const items = s && t.includes("array") ? resolve(doc, s.items) : null;
  return items ? t.map((x) => (x === "array" ? `array<${types(items).join("|")}>` : x)).join("|") : t.join("|");
}

function jsonSchema(doc: Json, holder: unknown): Json | null {
  const content = (resolve(doc, holder) as Json | null)?.content as Json | undefined;
  const media = content?.["application/json"] as Json | undefined;
  return media ? resolve(doc, media.schema) : null;
}

function security(doc: Json, op: Json): string {
  return JSON.stringify(op.security ?? doc.security ?? []);
}

/** How a request property became stricter; null when it did not. */
function narrowed(before: Json, after: Json, items?: { before: Json; after: Json }): string | null {
  const tb = types(before);
  const ta = types(after);
  if (tb.length && ta.length && !tb.every((t) => ta.includes(t) || (t === "integer" && ta.includes("number")))) return `type narrowed from '${tb.join("|")}' to '${ta.join("|")}'`;
  // A list's items: integer[] -> bigint[] refuses the numbers it took.
  if (items && tb.includes("array") && ta.includes("array")) {
    const why = narrowed(items.before, items.after);
    if (why?.startsWith("type ")) return `items ${why}`;
  }
  const num = (s: Json, k: string) => (typeof s[k] === "number" ? (s[k] as number) : undefined);
  for (const [k, stricter] of [["maxLength", (a: number, b: number) => a < b], ["maximum", (a: number, b: number) => a < b], ["minLength", (a: number, b: number) => a > b], ["minimum", (a: number, b: number) => a > b]] as const) {
    const b = num(before, k);
    const a = num(after, k);
    if (a !== undefined && (b === undefined || stricter(a, b))) return `${k} changed from ${b ?? "none"} to ${a}`;
  }
  const eb = before.enum as unknown[] | undefined;
  const ea = after.enum as unknown[] | undefined;
  if (ea && (!eb || eb.some((v) => !ea.includes(v)))) {
    const gone = eb ? eb.filter((v) => !ea.includes(v)) : [];
    return gone.length ? `enum value${gone.length > 1 ? "s" : ""} ${gone.map((v) => `'${String(v)}'`).join(", ")} removed` : "enum added";
  }
  if (after.format !== undefined && after.format !== before.format) return `format changed from '${String(before.format ?? "none")}' to '${String(after.format)}'`;
  return null;
}

export function diffApis(before: Json, after: Json): ApiChange[] {
  const out: ApiChange[] = [];
  const add = (id: string, operation: string, text: string) => out.push({ id, level: "error", operation, text });
  const pathsB = (before.paths ?? {}) as Record<string, Json>;
  const pathsA = (after.paths ?? {}) as Record<string, Json>;
  for (const path of Object.keys(pathsB).sort()) {
    const pb = pathsB[path]!;
    const pa = pathsA[path];
    for (const m of METHODS) {
      const ob = pb[m] as Json | undefined;
      if (!ob) continue;
      const op = `${m.toUpperCase()} ${path}`;
      if (!pa) {
        add("api-path-removed-without-deprecation", op, "api path removed without deprecation");
        continue;
      }
      const oa = pa[m] as Json | undefined;
      if (!oa) {
        add("api-removed-without-deprecation", op, "api operation removed without deprecation");
        continue;
      }
      if (security(before, ob) !== security(after, oa)) {
        add("api-security-changed", op, `security requirements changed from ${security(before, ob)} to ${security(after, oa)}`);
      }
      // Responses: a success status or a field clients read must not disappear or change type.
      const rb = (ob.responses ?? {}) as Json;
      const ra = (oa.responses ?? {}) as Json;
      for (const status of Object.keys(rb).filter((s) => s.startsWith("2")).sort()) {
        if (!(status in ra)) {
          add("response-success-status-removed", op, `removed the success response with the status '${status}'`);
          continue;
        }
        let sb = jsonSchema(before, rb[status]);
        let sa = jsonSchema(after, ra[status]);
        if (sb?.type === "array") sb = resolve(before, sb.items);
        if (sa?.type === "array") sa = resolve(after, sa.items);
        const propsB = (sb?.properties ?? {}) as Json;
        const propsA = (sa?.properties ?? {}) as Json;
        for (const name of Object.keys(propsB)) {
          const pA = propsA[name];
          if (pA === undefined) {
            add("response-property-removed", op, `removed the property '${name}' from the response with the '${status}' status`);
            continue;
          }
          const tb = shape(before, resolve(before, propsB[name]));
          const ta = shape(after, resolve(after, pA));
          if (tb !== ta) {
            add("response-property-type-changed", op, `the '${name}' response property type changed from '${tb}' to '${ta}' for the status '${status}'`);
          }
        }
      }
      // Request body: new required fields and stricter fields break existing callers.
      const qb = jsonSchema(before, ob.requestBody);
      const qa = jsonSchema(after, oa.requestBody);
      if (qa) {
        const reqB = new Set((qb?.required ?? []) as string[]);
        const propsB = (qb?.properties ?? {}) as Json;
        const propsA = (qa.properties ?? {}) as Json;
        for (const name of ((qa.required ?? []) as string[])) {
          if (reqB.has(name)) continue;
          if (name in propsB) add("request-property-became-required", op, `the request property '${name}' became required`);
          else add("new-required-request-property", op, `added the new required request property '${name}'`);
        }
        for (const name of Object.keys(propsB)) {
          if (!(name in propsA)) {
            if (qa.additionalProperties === false) add("request-property-removed", op, `removed the request property '${name}'`);
            continue;
          }
          const pb = resolve(before, propsB[name]) ?? {};
          const pa = resolve(after, propsA[name]) ?? {};
          const why = narrowed(pb, pa, { before: resolve(before, pb.items) ?? {}, after: resolve(after, pa.items) ?? {} });
          if (why) add("request-property-type-narrowed", op, `the request property '${name}' is stricter: ${why}`);
        }
        if (!qb && (oa.requestBody as Json | undefined)?.required) add("request-body-became-required", op, "a request body became required");
      }
      // Parameters: a new required one breaks callers.
      const paramsB = new Set(((ob.parameters ?? []) as Json[]).map((p) => `${String(p.in)}:${String(p.name)}`));
      for (const p of ((oa.parameters ?? []) as Json[])) {
        if (p.required && p.in !== "path" && !paramsB.has(`${String(p.in)}:${String(p.name)}`)) {
          add("new-required-request-parameter", op, `added the new required '${String(p.in)}' request parameter '${String(p.name)}'`);
        }
      }
    }
  }
  return out;
}

/** oasdiff's text layout: a count line, then per change the level, rule id, location, operation and message. */
export function formatApiChanges(changes: readonly ApiChange[], file: string): string {
  if (changes.length === 0) return "No breaking changes\n";
  const lines = [`${changes.length} breaking changes: ${changes.length} error, 0 warning`];
  for (const c of changes) {
    lines.push(`error\t[${c.id}] at ${file}\t`, `\tin API ${c.operation}`, `\t\t${c.text}`, ``);
  }
  return lines.join("\n") + "\n";
}

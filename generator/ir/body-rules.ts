// Rules the API spec states for request fields, applied to the columns the fields write.
import { nameKey, words } from "../base/naming.js";
import type { RawEndpoint } from "../parse/raw.js";
import type { BuildContext } from "./build-context.js";
import { normalisePath } from "./build-endpoints.js";
import { interpretConstraint } from "./constraints.js";
import { FORMAT_OF_NAME, formatOfName } from "./constraint-reading.js";
import type { Column, Endpoint, Table } from "./types.js";

/**
 * Rules the API spec states for request fields (an OpenAPI requestBody, a "Request body"
 * table: "3-32 characters", maxLength, enum) hold for the column the field writes: each
 * tightens the column's rules (the stricter bound wins), so the validator and the database
 * enforce it on every route. Noted per column.
 */
export function applyBodyRules(cx: BuildContext, raws: readonly RawEndpoint[], endpoints: readonly Endpoint[], tables: Table[]): Table[] {
  const byKey = new Map(endpoints.map((e) => [`${e.method} ${e.path}`, e]));
  const changes = new Map<string, Map<string, Partial<Column>>>();
  const identity = tables.find((x) => x.identity);
  for (const raw of raws) {
    if (!raw.body?.length) continue;
    const path = normalisePath(raw.path.text);
    let e: Pick<Endpoint, "method" | "path" | "table" | "action"> | undefined = byKey.get(`${raw.method.text.toLowerCase()} ${path}`);
    // A sign-up route writes the users table: its field rules are the users' columns' rules.
    const generated = byKey.get(`${raw.method.text.toLowerCase()} ${path}`);
    if (!e && identity && raw.method.text.toUpperCase() === "POST" && /\/(register|signup|sign-up|users?)\/?$/i.test(path)) e = { method: "post", path, table: identity.name, action: { kind: "create" } };
    if (!e) continue;
    // A write route answering 501 (a table no route may write, an action not understood) still
    // says what the column holds, when its path is the table's collection or one of its rows.
    if (!["create", "replace", "update"].includes(e.action.kind) && !(e.action.kind === "stub" && writesTable(e))) continue;
    const t = tables.find((x) => x.name === e!.table);
    if (!t) continue;
    for (const f of raw.body) {
      const key = words(f.name.text).join("_");
      let col = t.columns.find((c) => c.name === f.name.text) ?? t.columns.find((c) => words(c.name).join("_") === key);
      // A field written before a column's rename ("renamed from"): its rules follow the column,
      // and the field's name is stale (requests must send the new one).
      const renamed = col ? undefined : t.columns.find((c) => c.renamedFrom !== undefined && (c.renamedFrom === f.name.text || words(c.renamedFrom).join("_") === key) && !t.columns.some((x) => x.name === c.renamedFrom));
      if (renamed && generated && generated.action.kind !== "stub") {
        col = renamed;
        cx.diag("warning", "SF218", `request field "${f.name.text}" of ${generated.method.toUpperCase()} ${generated.path} names "${renamed.renamedFrom}", the former name of ${t.name}.${renamed.name} ("renamed from ${renamed.renamedFrom}" in the schema): read as ${t.name}.${renamed.name}; requests send "${renamed.name}"`, f.name.span,
          `write "${renamed.name}" in the API spec; the old name is read only while the schema says "renamed from ${renamed.renamedFrom}"`);
      }
      if (!col) {
        // A field the route would refuse: said, with where, rather than dropped in silence.
        if (generated && generated.action.kind !== "stub" && /^[\p{L}_][\p{L}\p{N}_-]*$/u.test(f.name.text)) {
          cx.diag("warning", "SF217", `request field "${f.name.text}" of ${generated.method.toUpperCase()} ${generated.path} names no column of "${t.name}"; it is not stored, and a request that sends it is refused with 422`, f.name.span,
            `add the column to "${t.name}" in the schema spec, or drop the field`);
        }
        continue;
      }
      if (col.role !== "data") continue;
      const textual = col.type.kind === "string" || col.type.kind === "text";
      const numeric = ["integer", "bigint", "decimal", "float"].includes(col.type.kind);
      const patch: { -readonly [K in keyof Column]?: Column[K] } & { enumValues?: string[] } = {};
      const fmt = f.type ? /\(\s*([a-z][a-z0-9-]*)\s*\)/i.exec(f.type.text)?.[1] : undefined;
      if (fmt && textual && ["email", "uri", "url", "hostname", "ipv4", "ipv6"].includes(fmt)) patch.format = fmt === "url" ? "uri" : fmt;
      for (const p of f.constraints) {
        const r = interpretConstraint(p.text);
        const min = r.minLength ?? (textual ? r.min : undefined);
        const max = r.maxLength ?? (textual ? r.max : undefined);
        if (textual && min !== undefined) patch.minLength = Math.max(min, col.minLength ?? 0);
        if (textual && max !== undefined) patch.maxLength = Math.min(max, col.maxLength ?? Infinity);
        if (numeric && r.min !== undefined) patch.minimum = Math.max(r.min, col.minimum ?? -Infinity);
        if (numeric && r.max !== undefined) patch.maximum = Math.min(r.max, col.maximum ?? Infinity);
        const format = r.format === FORMAT_OF_NAME ? formatOfName(col.name) : r.format;
        if (textual && format && !col.format) patch.format = format;
        if (textual && r.pattern && !col.pattern) patch.pattern = r.pattern;
        if (textual && r.enumValues) patch.enumValues = r.enumValues;
      }
      const changed = Object.entries(patch).filter(([k, v]) => (col as unknown as Record<string, unknown>)[k] !== v);
      if (changed.length === 0) continue;
      let m = changes.get(t.name);
      if (!m) changes.set(t.name, (m = new Map()));
      m.set(col.name, { ...m.get(col.name), ...patch });
      cx.note(f.name.span, `the request field "${f.name.text}" of ${e!.method.toUpperCase()} ${e!.path} states rules for "${t.name}.${col.name}": ${changed.map(([k, v]) => `${k} ${Array.isArray(v) ? v.join("|") : String(v)}`).join(", ")}`);
    }
  }
  if (changes.size === 0) return tables;
  return tables.map((t) => {
    const m = changes.get(t.name);
    if (!m) return t;
    return {
      ...t,
      columns: t.columns.map((c) => {
        const p = m.get(c.name) as (Partial<Column> & { enumValues?: string[] }) | undefined;
        if (!p) return c;
        const { enumValues, ...rules } = p;
        return { ...c, ...rules, ...(enumValues ? { type: { kind: "enum" as const, values: enumValues } } : {}) };
      }),
    };
  });
}

/** POST on the table's collection, PUT or PATCH on one of its rows: the shape of a write. */
function writesTable(e: Pick<Endpoint, "method" | "path" | "table">): boolean {
  const segs = e.path.split("/").filter(Boolean);
  const last = segs[segs.length - 1] ?? "";
  const item = /^\{[^}]+\}$/.test(last);
  const named = item ? segs[segs.length - 2] : last;
  if (!named || nameKey(words(named).join("_")) !== nameKey(e.table)) return false;
  return (e.method === "post" && !item) || ((e.method === "put" || e.method === "patch") && item);
}

// `specforge explain`: what the reader understood, in words a person can check.
import type { IR, Column, Endpoint, Table } from "./ir/types.js";
import { formatDiagnostic, type Diagnostic } from "./base/diagnostics.js";
import { typeText } from "./ir/column-forms.js";
import { canonicalYaml } from "./canonical.js";
import { singular } from "./base/naming.js";
import { describe as describeConditions } from "./ir/collection-routes.js";
import { describeSet } from "./ir/build-endpoints.js";
import { privilegeColumn, undisclosedColumn } from "./ir/ownership.js";

export interface ExplainNote {
  readonly span: { readonly file: string; readonly line: number; readonly column: number };
  readonly message: string;
}

/** How explain says a column's rule about the moment of the request. */
const RELATIVE_WORDS: Record<NonNullable<Column["relativeToNow"]>, string> = {
  future: "must be in the future",
  past: "must be in the past",
  "not-past": "must not be in the past",
  "not-future": "must not be in the future",
};

function columnText(c: Column, t: Table, ir: IR): string {
  const parts = [typeText(c.type), c.nullable ? "nullable" : "not null"];
  if (c.primaryKey) parts.push("primary key");
  if (c.unique) parts.push("unique");
  if (c.default) parts.push(`default ${c.default.kind === "literal" ? JSON.stringify(c.default.value) : c.default.kind === "now" ? "now()" : c.default.kind === "uuid" ? "gen_random_uuid()" : "auto-increment"}`);
  if (c.references) parts.push(`-> ${c.references.table}.${c.references.column} on delete ${c.references.onDelete}`);
  if (c.minLength !== undefined) parts.push(`min length ${c.minLength}`);
  if (c.maxLength !== undefined) parts.push(`max length ${c.maxLength}`);
  if (c.minimum !== undefined) parts.push(`min ${c.minimum}`);
  if (c.maximum !== undefined) parts.push(`max ${c.maximum}`);
  if (c.exclusiveMinimum !== undefined) parts.push(`> ${c.exclusiveMinimum}`);
  if (c.exclusiveMaximum !== undefined) parts.push(`< ${c.exclusiveMaximum}`);
  if (c.oneOf !== undefined) parts.push(`one of ${c.oneOf.join(", ")}`);
  if (c.relativeToNow !== undefined) parts.push(`${RELATIVE_WORDS[c.relativeToNow]} (request validator only)`);
  if (c.format !== undefined) parts.push(`format ${c.format}`);
  if (c.pattern !== undefined) parts.push(`pattern ${c.pattern}`);
  if (c.minItems !== undefined) parts.push(`min ${c.minItems} items`);
  if (c.maxItems !== undefined) parts.push(`max ${c.maxItems} items`);
  if (c.itemMaxLength !== undefined) parts.push(`each max ${c.itemMaxLength} chars`);
  if (c.role !== "data") parts.push(`[${c.role}]`);
  else if (undisclosedColumn(c)) parts.push(`never in an answer, nor a sort or filter${t.identity ? "; no route sets it" : ""}`);
  else if (privilegeColumn(c) && (t.identity || ir.tables.some((x) => x.scope?.kind === "member" && x.scope.membership === t.name))) parts.push("set by the app only (a privilege its user cannot set)");
  return parts.join(", ");
}

function endpointText(e: Endpoint): string {
  const a = e.action;
  const what =
    a.kind === "toggle" ? `toggle ${a.field}` : a.kind === "set" ? `set ${describeSet(a)}`
      : a.kind === "relation-list" || a.kind === "relation-add" || a.kind === "relation-remove" ? `${a.kind} ${a.relation}`
      : a.kind === "update" && a.fields ? `update of ${a.fields.join(", ")} only`
      : a.kind === "count" ? `${a.summary ? `summary (total${a.groups.map((g) => `, by ${g}`).join("")})` : "count"} of the caller's rows${a.where.length ? ` where ${describeConditions(a.where)}` : ""}`
      : a.kind === "delete-many" ? `delete of the caller's rows${a.where.length ? ` where ${describeConditions(a.where)}` : ""}${a.idsField ? ` whose keys the body lists in "${a.idsField}"` : a.where.length ? "" : " (all of them)"}`
      : a.kind === "update-many" ? `set ${a.field} = ${a.now ? "now" : JSON.stringify(a.value)} on ${a.idsField ? `the caller's rows whose keys the body lists in "${a.idsField}"` : "every one of the caller's rows"}`
      : a.kind === "own-get" ? "the caller's own row (one per user; 404 until written)"
      : a.kind === "own-put" ? `${a.merge ? "change" : "replace"} the caller's own row (one per user), inserting it when there is none`
      : a.kind === "reorder" ? `set ${a.column} of the caller's rows in the order the body lists their keys`
      : a.kind === "export" ? `every one of the caller's rows as a file (${a.format} unless ?format= says otherwise)`
      : a.kind === "create-many" ? `create each item of the body, all or none (at most ${a.max})`
      : a.kind === "update-each" ? `change each of the caller's rows the body's items name by key, all or none (at most ${a.max})`
      : a.kind === "copy" ? `a copy of the caller's row as a new row${a.skip.length ? ` (without ${a.skip.join(", ")})` : ""}`
      : a.kind === "list" && e.list?.fixed?.length ? `list where ${describeConditions(e.list.fixed)}`
      : a.kind === "stub" ? `501 stub (${a.reason}; implement it as a custom route in src/routes/ with the same method and path)` : a.kind;
  const scope = e.userParam ? `{${e.userParam}} must be the caller` : "caller from the token";
  const l = e.list;
  const list = l ? `\n           query: ${l.pagination} paging, ${l.limitParam} ${l.defaultLimit} (max ${l.maxLimit}), cursor; filters ${l.filters.map((f) => f.param === f.column ? f.param : `${f.param}->${f.column}`).join(", ") || "none"}; sort ${l.sort.param} by ${l.sort.keys.map((k) => k.name).join("|")} (default ${l.sort.default.column} ${l.sort.default.direction}); search ${l.search ? `${l.search.param} in ${l.search.columns.join(", ")}` : "none"}${l.envelope ? `; envelope {${[l.envelope.items, l.envelope.total, l.envelope.limit, l.envelope.offset, l.envelope.page, l.envelope.pages].filter(Boolean).join(", ")}}` : ""}${l.inferred ? " (inferred)" : ""}` : "";
  return `${e.method.toUpperCase().padEnd(6)} ${e.path}  -> ${what} on ${e.table}, ${e.successStatus} on success, ${e.auth === "public" ? "public" : `token required, ${scope}`}  (${e.span.file}:${e.span.line})${list}`;
}

/** How a table's rows belong to users, in words. */
function tableRole(t: Table): string {
  if (t.addedBy) return "added by the built-in auth module: refresh-token hashes, no routes";
  if (t.identity) return "identity: each user sees and changes only their own row";
  if (t.owner) return `owned by the caller through ${t.owner}`;
  const s = t.scope;
  if (s) {
    switch (s.kind) {
      case "parent":
        return `the caller's when its ${s.parent} row is (through ${s.column})`;
      case "member":
        return `the caller's when "${s.membership}" has the caller (${s.membershipUser}) as a member of it (${s.membershipGroup})`;
      case "tenant":
        return `rows of the caller's ${singular(s.group)}: ${s.column} = the token's tenant claim (JWT_TENANT_CLAIM)${s.column === t.primaryKey ? "; no route creates one" : ""}`;
      default:
        return unhandled(s);
    }
  }
  if (t.internal) return "internal: belongs to no user and keeps secrets; no route serves it, hand-written code reads it";
  if (t.shared === "read-write") return "shared: every signed-in user reads and writes its rows";
  if (t.shared === "read") return "shared read-only: every signed-in user reads its rows, no route writes them";
  return "not owned";
}

export interface ExplainFiles {
  readonly read: readonly string[];
  readonly ignored: readonly { readonly path: string; readonly why: string }[];
}

export function explain(ir: IR | null, diagnostics: readonly Diagnostic[], notes: readonly ExplainNote[], files?: ExplainFiles): string {
  const out: string[] = [];
  if (files) {
    out.push(`Files read: ${files.read.join(", ") || "none"}`);
    for (const f of files.ignored) out.push(`  not read: ${f.path} (${f.why})`);
    if (ir && !ir.sources.api) out.push("  no API spec: each table gets the standard REST surface");
    out.push("");
  }
  if (ir) {
    const b = ir.auth.builtin;
    out.push(`Authentication: ${ir.auth.mode === "builtin" ? `built-in: POST ${ir.auth.builtin ? Object.values(ir.auth.builtin.paths).join(", ") : "/api/auth/register, login, refresh, logout"}${ir.auth.builtin?.profile ? `; the caller's account at ${ir.auth.builtin.profile.map((p) => `${p.method.toUpperCase()} ${p.path}`).join(", ")} (never the password hash)` : ""}; 15-minute HS256 access tokens signed with JWT_SECRET, rotated refresh tokens` : `tokens from an external issuer${ir.auth.provider ? ` (${ir.auth.provider})` : ""}, verified with JWT_JWKS_URL or JWT_SECRET`}`);
    out.push(`Identity: ${ir.auth.identityTable ? `table "${ir.auth.identityTable}" holds the users the token's sub claim names` : "no users table: rows cannot be owned"}${b ? `; login email "${b.emailColumn}", scrypt hash in "${b.passwordColumn}", ids made by ${b.userId === "database" ? "the database" : "the app (random UUID)"}` : ""}`);
    // Rows of the caller's organization: which claim names it (runtime/tenant.ts).
    const tenantColumns = [...new Set(ir.tables.flatMap((t) => (t.scope?.kind === "tenant" && t.scope.column !== t.primaryKey ? [t.scope.column] : [])))].sort();
    if (ir.tables.some((t) => t.scope?.kind === "tenant")) out.push(`Tenant: the caller's organization comes from a verified token claim: JWT_TENANT_CLAIM, else ${[...tenantColumns, "organization_id", "org_id", "activeOrganizationId"].filter((c, i, all) => all.indexOf(c) === i).join(", ")}... (403 without one)`);
    out.push("");
    out.push("Tables:");
    for (const t of ir.tables) {
      const role = tableRole(t);
      const key = t.keyColumns ? (t.keyColumns.length ? `, key (${t.keyColumns.join(", ")})` : ", no primary key") : "";
      out.push(`  ${t.name} (${role}${key})  (${t.span.file}:${t.span.line})`);
      for (const c of t.columns) out.push(`    ${c.name}: ${columnText(c, t, ir)}`);
      for (const i of t.indexes) out.push(`    index ${i.name}: ${i.unique ? "unique " : ""}(${i.columns.join(", ")})${i.where ? ` where ${i.where}${i.unique ? " (409 on a second row among those)" : ""}` : ""}`);
      for (const k of t.checks ?? []) out.push(`    check ${k.name}: ${k.sql}`);
    }
    out.push("");
    out.push("Endpoints:");
    for (const e of ir.endpoints) out.push(`  ${endpointText(e)}`);
    for (const u of ir.unmapped ?? [])
      if (u.health) out.push(`  GET    ${u.path}  -> a health check, answered as /${u.health === "ready" ? "readyz" : "healthz"} is, public  (${u.span.file}:${u.span.line})`);
      else out.push(`  ${u.method.toUpperCase().padEnd(6)} ${u.path}  -> 501 stub (${u.reason}; implement it as a custom route in src/routes/ with the same method and path), no table, ${u.auth === "public" ? "public" : "token required"}  (${u.span.file}:${u.span.line})`);
  }
  if (notes.length) {
    out.push("");
    out.push("Guesses (confirm or make the spec explicit):");
    for (const n of notes) out.push(`  ${n.span.file}:${n.span.line}:${n.span.column}: ${n.message}`);
  }
  if (diagnostics.length) {
    out.push("");
    out.push("Diagnostics:");
    for (const d of diagnostics) out.push("  " + formatDiagnostic(d).replace(/\n/g, "\n  "));
  }
  return out.join("\n") + "\n";
}

/**
 * `specforge explain --format yaml` (and `specforge normalize`): what was understood, as the
 * canonical YAML spec (docs/spec-format.md). Read back, it gives the same IR.
 */
export function explainYaml(ir: IR): string {
  return canonicalYaml(ir);
}

function unhandled(s: never): never {
  throw new Error(`internal: unhandled scope ${JSON.stringify(s)}`);
}

// RawSpec -> IR. This is where the words people write ("varchar(200)", "FK -> users.id",
// "required", "PATCH .../complete") get a meaning. Every guess is recorded as a Note so
// `specforge explain` can show it; everything not understood becomes a diagnostic.
import type { Diagnostic, Severity } from "../base/diagnostics.js";
import type { RawColumn, RawEndpoint, RawIndex, RawSpec, RawTable, RawText } from "../parse/raw.js";
import { nameKey, plural, singular, snakeCase, words } from "../base/naming.js";
import { buildListSpec, findManyToMany } from "./build-list.js";
import { matchParen } from "../parse/text.js";
import { interpretType, KNOWN_TYPES_HINT } from "./column-type.js";

export { interpretType, type TypeReading } from "./column-type.js";
import type { TypeReading } from "./column-type.js";
import { inferTypeFromName } from "./infer-type.js";
import { groupViaUsers, resolveOwnership } from "./ownership.js";
import { identityPlan } from "./identity-plan.js";
import { EndpointBuilder, normalisePath } from "./build-endpoints.js";
import type { CheckReading } from "../parse/sql-expression.js";
import type { CheckRule } from "../parse/check-rules.js";

export { normalisePath } from "./build-endpoints.js";
import { interpretConstraint, interpretDefault, rulesFromDescription, type DefaultText, type RefText } from "./constraints.js";
import { listedValues } from "../parse/value-lists.js";

export { interpretConstraint, interpretDefault, type ConstraintReading } from "./constraints.js";
import { addBuiltinAuth } from "./build-builtin-auth.js";
import {
  IR_VERSION,
  type Action,
  type BuiltinAuth,
  type Check,
  type Column,
  type ColumnRole,
  type ColumnType,
  type DefaultValue,
  type Endpoint,
  type ManyToMany,
  type HttpMethod,
  type IR,
  type Index,
  type OnDelete,
  type Span,
  type Table,
} from "./types.js";

/** A guess the reader made, for `specforge explain`. */
export interface Note {
  readonly span: Span;
  readonly message: string;
}

export interface BuildResult {
  readonly ir: IR;
  readonly diagnostics: Diagnostic[];
  readonly notes: Note[];
}

// ---------------------------------------------------------------- spans

/** Span of the character `at` inside a text written at `span` (the text may span lines). */
export function spanAt(span: Span, text: string, at: number): Span {
  if (at <= 0) return span;
  const before = text.slice(0, at);
  const nl = before.lastIndexOf("\n");
  if (nl < 0) return { ...span, column: span.column + at };
  const lines = before.split("\n").length - 1;
  return { file: span.file, line: span.line + lines, column: at - nl };
}

// ---------------------------------------------------------------- building

interface ColumnDraft {
  name: string;
  /** References the users of an external auth service the spec does not define as a table. */
  externalOwner?: boolean;
  /** No type was written: inferred from the name or the reference once references are resolved. */
  typeMissing?: boolean;
  span: Span;
  type: ColumnType | null;
  typeSpan: Span;
  nullable: boolean;
  primaryKey: boolean;
  unique: boolean;
  default: DefaultValue | null;
  refText: RefText | null;
  refSpan: Span;
  bareFk: Span | null;
  onDelete: OnDelete | null;
  renamedFrom?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  format?: string;
  pattern?: string;
  minItems?: number;
  maxItems?: number;
  itemMaxLength?: number;
  uniquePerOwner?: Span;
  /** "unique per city": unique together with the columns the words name (resolved with the whole table). */
  uniquePer?: { words: string[]; span: Span; group: string };
  /** "cuid", "uuid", "auto-generated" on a key. */
  generated?: boolean;
  description?: string;
  references: { table: string; column: string; onDelete: OnDelete } | null;
}

interface TableDraft {
  name: string;
  span: Span;
  description?: string;
  columns: ColumnDraft[];
  rawIndexes: RawIndex[];
  /** A bare "shop_id" may be read as a reference to "shops" (Markdown tables and lists only). */
  namesImplyRefs?: boolean;
  owner?: RawText;
  identity: boolean;
  primaryKey: string;
  /** Set when the key is not one column: several (composite) or none ([]). */
  keyColumns?: string[];
  renamedFrom?: string;
  /** CHECKs written for the table or one of its columns, and comparisons stated in prose. */
  checks: DraftCheck[];
  /** "Shared: read-write" written in the spec. */
  shared?: "read" | "read-write";
}

interface DraftCheck {
  readonly name?: string;
  readonly sql: string;
  readonly dialect?: "postgresql" | "mysql" | "sqlite" | "prose";
  readonly span: Span;
  /** The validator checks all of it already (the column rules read from it). */
  readonly validated: boolean;
  readonly compare?: { left: string; op: ">" | ">=" | "<" | "<=" | "<>" | "="; right: string };
  /** Comparisons of two columns a parsed CHECK holds (the validator checks them too). */
  readonly compares?: readonly { left: string; op: ">" | ">=" | "<" | "<=" | "<>" | "="; right: string }[];
}

export interface BuildOptions {
  /** PostgreSQL's own parser for CHECK expressions (parse/sql-expression.ts), loaded when a spec has any. */
  readonly readCheckSql?: (text: string, dialect: "postgresql" | "mysql" | "sqlite", column?: (written: string) => string | undefined) => CheckReading;
}

class Builder {
  constructor(private readonly options: BuildOptions = {}) {}
  readonly diagnostics: Diagnostic[] = [];
  readonly notes: Note[] = [];

  diag(severity: Severity, code: string, message: string, span: Span, hint?: string): void {
    this.diagnostics.push({ severity, code, message, span, ...(hint ? { hint } : {}) });
  }

  private relations: ManyToMany[] = [];

  note(span: Span, message: string): void {
    this.notes.push({ span, message });
  }

  /** Named enums the spec defines (CREATE TYPE, Prisma/Drizzle enums, "EventType: A | B"), by words(name). */
  private namedTypes = new Map<string, { type: ColumnType; name: string }>();
  /** Value objects (shapes kept in json columns), by words(name). */
  private valueObjects = new Map<string, string>();

  /**
   * A column's type as written: "" (none: inferred later), "a | b | c" (allowed values), the
   * name of an enum or value object the spec defines ("EventStatus", "Location?",
   * "task_column"), or a type text interpretType reads.
   */
  private readType(text: string): TypeReading & { missing?: boolean; note?: string } {
    const t = text.trim();
    const lead = text.length - text.trimStart().length;
    if (t === "") return { type: null, increment: false, nullable: false, rest: "", restAt: text.length, missing: true };
    const pipe = /^["'`]?[\w.-]+["'`]?(?:\s*\|\s*["'`]?[\w.-]+["'`]?)+/.exec(t);
    if (pipe && !/\|\s*(null|undefined|none)\b/i.test(pipe[0])) {
      const values = pipe[0].split("|").map((v) => v.trim().replace(/^["'`]|["'`]$/g, ""));
      const end = lead + pipe[0].length;
      const restRaw = text.slice(end);
      return { type: { kind: "enum", values }, increment: false, nullable: false, rest: restRaw.trim(), restAt: end + (restRaw.length - restRaw.trimStart().length) };
    }
    const nm = /^([A-Za-z_]\w*)(\s*\[\s*\])?(\?)?(?![\w(])/.exec(t);
    if (nm) {
      const key = words(nm[1]!).join("_");
      const exact = this.namedTypes.get(key) ?? this.namedTypes.get(key.replace(/_(enum|type)$/, ""));
      // "Role" for an enum declared as "Roles" (or the reverse): the one enum whose name differs only in number.
      const numbered = exact ? [] : [`${key}s`, `${key}es`, key.replace(/s$/, ""), key.replace(/es$/, "")].filter((k) => k !== key).map((k) => this.namedTypes.get(k)).filter((x): x is NonNullable<typeof x> => !!x && x.type.kind === "enum");
      const named = exact ?? (new Set(numbered).size === 1 ? numbered[0] : undefined);
      const vo = this.valueObjects.get(key);
      if (named || vo) {
        const end = lead + nm[0].length;
        const restRaw = text.slice(end);
        const base: ColumnType = named ? named.type : { kind: "json" };
        const type: ColumnType = nm[2] && named && named.type.kind === "enum" ? { kind: "array", of: named.type } : nm[2] ? { kind: "json" } : base;
        return {
          type,
          increment: false,
          nullable: nm[3] === "?",
          rest: restRaw.trim(),
          restAt: end + (restRaw.length - restRaw.trimStart().length),
          note: named ? `type ${nm[1]} is the enum "${named.name}" the spec defines${exact ? "" : " (the names differ only in singular and plural)"}` : `type ${nm[1]} is the value object "${vo}" the spec defines: stored as json`,
        };
      }
    }
    return interpretType(text, this.namedTypeMap ??= new Map([...this.namedTypes].map(([k, v]) => [k, v.type])));
  }

  private namedTypeMap: Map<string, ColumnType> | undefined;

  /**
   * Rules the API spec states for request fields (an OpenAPI requestBody, a "Request body"
   * table: "3-32 characters", maxLength, enum) hold for the column the field writes: each
   * tightens the column's rules (the stricter bound wins), so the validator and the database
   * enforce it on every route. Noted per column.
   */
  private applyBodyRules(raws: readonly RawEndpoint[], endpoints: readonly Endpoint[], tables: Table[]): Table[] {
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
          this.diag("warning", "SF218", `request field "${f.name.text}" of ${generated.method.toUpperCase()} ${generated.path} names "${renamed.renamedFrom}", the former name of ${t.name}.${renamed.name} ("renamed from ${renamed.renamedFrom}" in the schema): read as ${t.name}.${renamed.name}; requests send "${renamed.name}"`, f.name.span,
            `write "${renamed.name}" in the API spec; the old name is read only while the schema says "renamed from ${renamed.renamedFrom}"`);
        }
        if (!col) {
          // A field the route would refuse: said, with where, rather than dropped in silence.
          if (generated && generated.action.kind !== "stub" && /^[\p{L}_][\p{L}\p{N}_-]*$/u.test(f.name.text)) {
            this.diag("warning", "SF217", `request field "${f.name.text}" of ${generated.method.toUpperCase()} ${generated.path} names no column of "${t.name}"; it is not stored, and a request that sends it is refused with 422`, f.name.span,
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
          if (textual && r.format && !col.format) patch.format = r.format;
          if (textual && r.pattern && !col.pattern) patch.pattern = r.pattern;
          if (textual && r.enumValues) patch.enumValues = r.enumValues;
        }
        const changed = Object.entries(patch).filter(([k, v]) => (col as unknown as Record<string, unknown>)[k] !== v);
        if (changed.length === 0) continue;
        let m = changes.get(t.name);
        if (!m) changes.set(t.name, (m = new Map()));
        m.set(col.name, { ...m.get(col.name), ...patch });
        this.note(f.name.span, `the request field "${f.name.text}" of ${e!.method.toUpperCase()} ${e!.path} states rules for "${t.name}.${col.name}": ${changed.map(([k, v]) => `${k} ${Array.isArray(v) ? v.join("|") : String(v)}`).join(", ")}`);
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

  /**
   * A text default that breaks the column's own rules (DEFAULT '' on a column of at least one
   * character, often a rule the API spec adds) would make every row that leaves the column out a
   * 422: the default is dropped, with a warning that says which rule it breaks.
   */
  /**
   * A foreign key must point at a primary key or a unique column: PostgreSQL refuses any other
   * at migration time, and the app would never boot. Such a reference is dropped (the column
   * stays), with a warning. A not-null column whose key says on delete set null is read as
   * on delete restrict, with a warning.
   */
  private dropReferencesToNonUnique(tables: Table[]): Table[] {
    const byName = new Map(tables.map((t) => [t.name, t]));
    const keyed = (t: Table, name: string) =>
      (t.primaryKey === name && (!t.keyColumns || (t.keyColumns.length === 1 && t.keyColumns[0] === name))) ||
      t.columns.some((c) => c.name === name && c.unique) ||
      t.indexes.some((i) => i.unique && i.columns.length === 1 && i.columns[0] === name);
    return tables.map((t) => {
      let changed = false;
      const columns = t.columns.map((c) => {
        const ref = c.references;
        // NOT NULL with ON DELETE SET NULL: deleting the parent would fail on the null. The column
        // stays required; the parent cannot be deleted while rows reference it (RESTRICT).
        if (ref && ref.onDelete === "set null" && !c.nullable) {
          changed = true;
          this.diag("warning", "SF129", `column "${t.name}.${c.name}" is not null but its foreign key says on delete set null; it stays not null and the key is read as on delete restrict`, c.span,
            `make "${c.name}" nullable to keep set null, or write on delete cascade or restrict`);
          c = { ...c, references: { ...ref, onDelete: "restrict" } };
        }
        const target = ref ? byName.get(ref.table) : undefined;
        if (!ref || !target || !target.columns.some((x) => x.name === ref.column) || keyed(target, ref.column)) return c;
        changed = true;
        this.diag("warning", "SF128", `column "${t.name}.${c.name}" references "${target.name}.${ref.column}", which is neither the primary key of "${target.name}" nor unique; PostgreSQL refuses such a foreign key, so none is created (the column stays)`, c.span,
          `reference "${target.name}.${target.primaryKey}", or make "${target.name}.${ref.column}" unique`);
        return { ...c, references: null };
      });
      return changed ? { ...t, columns } : t;
    });
  }

  private dropContradictedDefaults(tables: Table[]): Table[] {
    return tables.map((t) => {
      let changed = false;
      const columns = t.columns.map((c) => {
        const d = c.default;
        if (!d || d.kind !== "literal" || typeof d.value !== "string") return c;
        const v = d.value;
        const broken =
          c.minLength !== undefined && [...v].length < c.minLength ? `min length ${c.minLength}`
          : c.maxLength !== undefined && [...v].length > c.maxLength ? `max length ${c.maxLength}`
          : c.pattern !== undefined && !safeTest(c.pattern, v) ? `pattern ${c.pattern}`
          : null;
        if (!broken) return c;
        changed = true;
        this.diag("warning", "SF117", `default ${JSON.stringify(v)} of column "${t.name}.${c.name}" breaks its rule (${broken}); the default is dropped, so a new row must give the column`, c.span,
          "give a default that meets the rule, or relax the rule");
        return { ...c, default: null };
      });
      return changed ? { ...t, columns } : t;
    });
  }

  /**
   * Index names are one namespace in PostgreSQL (per schema): a name the spec gives two
   * tables ("idx_faction") is kept for the first table and prefixed with the table's name for
   * the others, noted.
   */
  private uniqueIndexNames(tables: Table[]): Table[] {
    const seen = new Set<string>();
    return tables.map((t) => {
      let changed = false;
      const indexes = t.indexes.map((i) => {
        let name = i.name;
        if (seen.has(name)) {
          name = `${t.name}_${i.name}`;
          for (let k = 2; seen.has(name); k++) name = `${t.name}_${i.name}_${k}`;
          this.note(i.span, `index name "${i.name}" is used by another table too; on "${t.name}" it is "${name}"`);
          changed = true;
        }
        seen.add(name);
        return name === i.name ? i : { ...i, name };
      });
      return changed ? { ...t, indexes } : t;
    });
  }

  /** The spec's authentication mode; read first, because it changes how tables and endpoints are read. */
  private authMode: { mode: "external" | "builtin"; provider?: string } = { mode: "external" };

  build(raw: RawSpec, sources: { schema: string; api: string | null }): IR {
    this.authMode = this.buildAuthMode(raw.authMode);
    this.readNamedTypes(raw);
    const tables = this.buildTables(raw);
    this.addSurrogateKeys(tables);
    const identity = this.findIdentity(tables);
    for (const t of tables) this.resolveReferences(t, tables, identity);
    this.referencesFromNames(tables);
    this.inferMissingTypes(tables);
    this.alignReferenceTypes(tables);
    const owners = new Map<string, string | null>();
    for (const t of tables) owners.set(t.name, t === identity ? null : this.findOwner(t, identity));
    const ownership = resolveOwnership(tables, owners, identity, {
      note: (span, message) => this.note(span, message),
      warn: (code, message, span, hint) => this.diag("warning", code, message, span, hint),
    });
    this.attachSpecIndexes(raw.indexes, tables);
    this.addColumnsNamedByIndexes(tables);
    let irTables: Table[] = tables.map((t) => ({ ...this.finishTable(t, identity, owners.get(t.name) ?? null), ...ownership.get(t.name) }));
    let builtin: BuiltinAuth | null = null;
    if (this.authMode.mode === "builtin" && raw.authMode) {
      ({ tables: irTables, builtin } = addBuiltinAuth(irTables, raw.authMode.span, (m, span, hint) => this.diag("error", "SF125", m, span, hint)));
    }
    irTables.sort((a, b) => cmp(a.name, b.name));
    irTables = this.dropReferencesToNonUnique(irTables);
    irTables = this.uniqueIndexNames(irTables);
    this.relations = findManyToMany(irTables);
    const sink = { diag: (sev: Severity, code: string, m: string, span: Span, hint?: string) => this.diag(sev, code, m, span, hint), note: (span: Span, m: string) => this.note(span, m) };
    // Request-body rules tighten the columns first, so the list contracts and actions built
    // from the columns see them (a body enum makes a status column filterable).
    if (raw.endpoints.some((e) => e.body?.length)) {
      const probe = new EndpointBuilder(this.relations, this.authMode, { diag: () => {}, note: () => {} }).build(raw.endpoints, irTables);
      irTables = this.applyBodyRules(raw.endpoints, probe, irTables);
    }
    const specBuilder = new EndpointBuilder(this.relations, this.authMode, sink);
    let endpoints = specBuilder.build(raw.endpoints, irTables);
    // Sign-in/sign-up routes skipped for an auth service the spec never names: say which, once.
    const skippedAuth = specBuilder.skippedAuth;
    if (skippedAuth.length && this.authMode.mode === "external" && !raw.authMode) {
      const routes = [...new Set(skippedAuth.map((s) => s.where))];
      const working = endpoints.filter((e) => e.action.kind !== "stub").length;
      this.diag("warning", "SF219", `${routes.length} authentication route${routes.length > 1 ? "s are" : " is"} skipped (${routes.slice(0, 6).join(", ")}${routes.length > 6 ? ", ..." : ""}), but the spec names no auth service to serve ${routes.length > 1 ? "them" : "it"}${working === 0 ? "; no other route of the spec is generated as a working route" : ""}`, skippedAuth[0]!.span,
        'name the auth service ("Authentication: external (Auth0)"), or write "Authentication: built-in" for the app to register users and issue tokens');
    }
    // No endpoints file, or one that maps no endpoint to any table: every table gets the standard
    // REST surface (scoped to the caller like any other route), so the app is never empty.
    const mapsTables = endpoints.some((e) => e.action.kind !== "stub");
    if (!mapsTables && irTables.some((t) => !t.addedBy)) {
      const at: Span = { file: sources.schema, line: 1, column: 1 };
      const standard = standardEndpoints(irTables, at, raw.endpoints);
      this.note(at, sources.api
        ? `the API spec ${sources.api} maps no endpoint to a table: each table also gets the standard REST surface (${standard.length} routes under /api)`
        : `no API spec: each table gets the standard REST surface (${standard.length} routes under /api: list, create, get, update, delete; the users table's own row at /api/<users>/me)`);
      const quiet = { diag: () => {}, note: () => {} };
      endpoints = [...endpoints, ...new EndpointBuilder(this.relations, this.authMode, quiet).build(standard, irTables)].sort((a, b) => cmp(a.path, b.path) || cmp(a.method, b.method));
    }
    irTables = this.dropContradictedDefaults(irTables);
    // A users table a token cannot fill: users create their own row (POST <users>/me).
    const identityTable = irTables.find((t) => t.identity);
    const selfRegistration = !!identityTable && this.authMode.mode !== "builtin" && identityPlan(identityTable).unfillable.length > 0;
    if (selfRegistration && !endpoints.some((e) => e.self && e.method === "post")) {
      const me = endpoints.find((e) => e.self)?.path ?? `/api/${identityTable!.name.replace(/_/g, "-")}/me`;
      const quiet = { diag: () => {}, note: () => {} };
      const made = new EndpointBuilder(this.relations, this.authMode, quiet).build([{ method: { text: "POST", span: identityTable!.span }, path: { text: me, span: identityTable!.span }, summary: `Create the caller's own ${singular(identityTable!.name)}.` }], irTables);
      endpoints = [...endpoints, ...made].sort((a, b) => cmp(a.path, b.path) || cmp(a.method, b.method));
      this.note(identityTable!.span, `users are not recorded from their tokens ("${identityTable!.name}" has required columns a token cannot fill): each creates their own row with POST ${me}`);
    }
    return {
      version: IR_VERSION,
      sources: { schema: sources.schema, api: sources.api },
      auth: { ...this.authMode, identityTable: identity?.name ?? null, ...(builtin ? { builtin } : {}), ...(selfRegistration ? { selfRegistration: true as const } : {}) },
      tables: irTables,
      endpoints,
      relations: this.relations,
      rowLevelSecurity: raw.rowLevelSecurity ?? true,
    };
  }

  /** "external (Better Auth)", "Better Auth", "built-in": the spec's authentication line. */
  private buildAuthMode(raw: RawText | undefined): { mode: "external" | "builtin"; provider?: string } {
    if (!raw) return { mode: "external" };
    const text = raw.text.replace(/[`*_]/g, "").trim();
    const named = /\(([^)]+)\)/.exec(text)?.[1]?.trim();
    const known = /\b(better[- ]?auth|auth0|clerk|supabase|keycloak|firebase|cognito|okta|workos|stack ?auth)\b/i.exec(text)?.[0];
    if (/^(built[- ]?in|builtin|internal|own|local|self[- ]?hosted)\b/i.test(text)) {
      this.note(raw.span, "built-in authentication: the app registers users and issues its own tokens (POST /api/auth/register, login, refresh, logout)");
      return { mode: "builtin" };
    }
    if (/^(external|jwt|jwks|oidc|oauth|third[- ]party|bearer)\b/i.test(text) || known) {
      const provider = named ?? (known ? canonicalProvider(known) : undefined);
      return { mode: "external", ...(provider ? { provider } : {}) };
    }
    this.diag("warning", "SF211", `authentication mode "${raw.text}" is not understood; tokens from an external issuer are assumed`, raw.span,
      'write "Authentication: external (Better Auth)" or "Authentication: built-in"');
    return { mode: "external" };
  }

  // -------------------------------------------------------------- tables

  /** The enum a name means: its own, or the one whose name differs only in singular and plural. */
  private namedEnum(name: string): { type: ColumnType; name: string } | undefined {
    const key = words(name).join("_");
    const exact = this.namedTypes.get(key) ?? this.namedTypes.get(key.replace(/_(enum|type)$/, ""));
    if (exact) return exact;
    const numbered = [`${key}s`, `${key}es`, key.replace(/s$/, ""), key.replace(/es$/, "")].filter((k) => k !== key).map((k) => this.namedTypes.get(k)).filter((x): x is NonNullable<typeof x> => !!x && x.type.kind === "enum");
    return new Set(numbered).size === 1 ? numbered[0] : undefined;
  }

  /** Enums and value objects the spec defines, so column types can name them. */
  private readNamedTypes(raw: RawSpec): void {
    for (const e of raw.enums ?? []) {
      const key = words(e.name.text).join("_");
      const values = e.values.map((v) => v.text);
      const prev = this.namedTypes.get(key);
      if (prev) {
        if (prev.type.kind === "enum" && prev.type.values.join("\u0000") !== values.join("\u0000"))
          this.diag("warning", "SF107", `enum "${e.name.text}" is defined again here with other values; the first definition is used`, e.name.span);
        continue;
      }
      if (values.length === 0) {
        this.diag("warning", "SF122", `enum "${e.name.text}" has no values`, e.name.span, "list its values");
        continue;
      }
      this.namedTypes.set(key, { type: { kind: "enum", values, name: e.name.text }, name: e.name.text });
    }
    for (const v of raw.valueObjects ?? []) this.valueObjects.set(words(v.name.text).join("_"), v.name.text);
  }

  /**
   * A table that names no key gets "id" when the spec's other tables are keyed by "id" (the
   * spec left it out; a reader would add it), of the type those keys have. Noted.
   */
  private addSurrogateKeys(tables: TableDraft[]): void {
    const keyed = tables.filter((t) => !t.keyColumns);
    const byId = keyed.filter((t) => t.primaryKey === "id");
    const keyless = tables.filter((t) => t.keyColumns?.length === 0);
    // A key is added where the spec's convention is plain (two or more tables keyed by "id", most
    // of the keyed ones), or where another table references the keyless one (it needs a key).
    const convention = byId.length >= 2 && byId.length * 2 >= keyed.length;
    const referenced = (t: TableDraft) => tables.some((o) => o !== t && o.columns.some((c) => c.refText && nameKey(c.refText.table) === nameKey(t.name) && !c.refText.column));
    // No table names a key at all (document stores and no-code tools key their rows implicitly):
    // each gets "id" (uuid), or its "_id" column when it has one.
    const noKeys = keyed.length === 0 && keyless.length > 0;
    // "ITEMS" with "ITEM_ID", "parcels" with "parcel_id" and nothing marked: that column is the key.
    for (const t of keyless) {
      const stem = singular(snakeCase(t.name).toLowerCase());
      const own = t.columns.find((c) => !c.refText && !c.nullable && snakeCase(c.name).toLowerCase() === `${stem}_id`) ?? t.columns.find((c) => !c.refText && snakeCase(c.name).toLowerCase() === `${stem}_id`);
      if (!own || t.columns.some((c) => c.name === "id" || c.name === "_id")) continue;
      own.primaryKey = true;
      own.nullable = false;
      if (!own.default && own.type?.kind === "uuid") own.default = { kind: "uuid" };
      t.primaryKey = own.name;
      delete t.keyColumns;
      this.note(own.span, `table "${t.name}" names no primary key; "${t.name}.${own.name}" is read as its key (named after the table)`);
    }
    if (noKeys) {
      for (const t of keyless) {
        const own = t.columns.find((c) => c.name === "_id" || c.name === "id");
        if (!own) continue;
        own.primaryKey = true;
        own.nullable = false;
        if (!own.default && (own.type?.kind === "uuid" || own.type?.kind === "text" || own.type?.kind === "string")) own.default = { kind: "uuid" };
        t.primaryKey = own.name;
        delete t.keyColumns;
        this.note(own.span, `no table names a primary key; "${t.name}.${own.name}" is read as its key`);
      }
    }
    const missing = keyless.filter((t) => t.keyColumns && (noKeys || (byId.length > 0 && (convention || referenced(t)))) && !t.columns.some((c) => c.name === "id"));
    for (const t of keyless)
      if (!missing.includes(t) && t.keyColumns)
        this.diag("warning", "SF109", `table "${t.name}" has no primary key; it is created without one and gets no item routes`, t.span, 'mark one column "primary key" (usually "id: serial (primary key)")');
    if (missing.length === 0) return;
    const kinds = byId.map((t) => t.columns.find((c) => c.name === "id")!).map((c) => (c.type?.kind === "uuid" ? "uuid" : c.type?.kind === "bigint" ? "bigint" : c.type?.kind === "integer" ? "integer" : "text"));
    const kind = noKeys ? "uuid" : (["uuid", "integer", "bigint", "text"] as const).map((k) => [k, kinds.filter((x) => x === k).length] as const).sort((a, b) => b[1] - a[1])[0]![0];
    for (const t of missing) {
      const type: ColumnType = kind === "uuid" ? { kind: "uuid" } : kind === "text" ? { kind: "text" } : { kind };
      const dflt: DefaultValue | null = kind === "uuid" || kind === "text" ? { kind: "uuid" } : { kind: "increment" };
      t.columns.unshift({
        name: "id", span: t.span, type, typeSpan: t.span, nullable: false, primaryKey: true, unique: false, default: dflt,
        refText: null, refSpan: t.span, bareFk: null, onDelete: null, references: null,
      });
      t.primaryKey = "id";
      delete t.keyColumns;
      this.note(t.span, noKeys ? `no table names a primary key; "${t.name}" gets "id" (uuid, made by the database)` : `table "${t.name}" names no primary key; it gets "id" (${kind}), as the spec's other ${byId.length} tables have`);
    }
  }

  /**
   * A text column that references a uuid or integer key ("account_id TEXT REFERENCES
   * accounts(id)" where accounts.id is uuid) cannot be a foreign key in PostgreSQL; the spec
   * means the key's type. It is read so, with a warning that quotes both (SF115).
   */
  private alignReferenceTypes(tables: TableDraft[]): void {
    const group = (k: ColumnType["kind"]) => (k === "string" || k === "text" ? "text" : k === "integer" || k === "bigint" ? "int" : k);
    for (const t of tables) {
      for (const c of t.columns) {
        if (!c.references || !c.type) continue;
        const target = tables.find((x) => x.name === c.references!.table);
        const key = target?.columns.find((x) => x.name === c.references!.column);
        const kt = key?.type;
        if (!kt || group(c.type.kind) === group(kt.kind)) continue;
        // A list of keys (an array or json of ids, as document stores keep them) cannot be a
        // foreign key: the column keeps its type and no key is made.
        if (["json", "array", "vector", "bytes"].includes(c.type.kind)) {
          this.diag("warning", "SF115", `column "${t.name}.${c.name}" is ${describeType(c.type)} but references "${target!.name}.${key!.name}"; a list of keys cannot be a foreign key, so none is created`, c.typeSpan,
            `hold the links in a join table ("${t.name}_${target!.name}") with a key to each side`);
          c.references = null;
          continue;
        }
        // One key of another type: the spec means the key's type ("account_id TEXT REFERENCES accounts(id)", accounts.id uuid).
        this.diag("warning", "SF115", `column "${t.name}.${c.name}" is ${describeType(c.type)} but references "${target!.name}.${key!.name}", which is ${describeType(kt)}; read as ${describeType(kt)}`, c.typeSpan,
          `write "${c.name}" with the type of "${target!.name}.${key!.name}"`);
        c.type = kt;
      }
    }
  }

  /** Columns written without a type: a foreign key takes the referenced key's type, others a type from their name. */
  private inferMissingTypes(tables: TableDraft[]): void {
    for (const t of tables) {
      for (const c of t.columns) {
        if (!c.typeMissing || c.type) continue;
        const target = c.references ? tables.find((x) => x.name === c.references!.table) : undefined;
        const key = target?.columns.find((x) => x.name === c.references!.column);
        if (key?.type) {
          c.type = key.type;
          this.note(c.span, `column "${t.name}.${c.name}" has no type; read as ${describeType(key.type)}, the type of ${target!.name}.${key.name} it references`);
          continue;
        }
        // "status" with no type where the spec declares an enum "Status": that enum.
        const named = c.references ? undefined : this.namedEnum(c.name);
        if (named?.type.kind === "enum") {
          c.type = named.type;
          this.note(c.span, `column "${t.name}.${c.name}" has no type; read as enum ${named.name}, the enum of its name`);
          continue;
        }
        const g = inferTypeFromName(c.name, c.description);
        c.type = g.type;
        this.note(c.span, `column "${t.name}.${c.name}" has no type; read as ${describeType(g.type)} because ${g.why}`);
        // A key of no written type the database fills, as the app does: a new uuid for each row.
        if (c.primaryKey && g.type.kind === "uuid" && c.default === null && (t.keyColumns?.length ?? 1) <= 1) {
          c.default = { kind: "uuid" };
          this.note(c.span, `"${t.name}.${c.name}" is a key with no default; read as default gen_random_uuid()`);
        }
        if (c.description) this.lateDescriptionRules(t.name, c);
      }
    }
  }

  /**
   * The rules the description of a column written without a type states ("Free text, 1-200
   * chars.", "(1-5)", "One of a, b, c."), read once its type is inferred: buildColumn reads
   * descriptions only for columns that have a type by then.
   */
  private lateDescriptionRules(table: string, c: ColumnDraft): void {
    const type = c.type!;
    const d = rulesFromDescription(c.description!, type);
    const textual = type.kind === "string" || type.kind === "text";
    const numeric = type.kind === "integer" || type.kind === "bigint" || type.kind === "decimal" || type.kind === "float";
    const said: string[] = [];
    if (textual && d.enumValues && !c.unique && !c.primaryKey && !/(?:^|_)id$|[a-z0-9]Id$/.test(c.name)) {
      c.type = { kind: "enum", values: d.enumValues };
      said.push(`one of ${d.enumValues.join(", ")}`);
    } else if (textual) {
      if (d.minLength !== undefined && c.minLength === undefined) (c.minLength = d.minLength), said.push(`min length ${d.minLength}`);
      if (d.maxLength !== undefined && c.maxLength === undefined) (c.maxLength = d.maxLength), said.push(`max length ${d.maxLength}`);
      if (d.format && !c.format && KNOWN_FORMATS.has(d.format)) (c.format = d.format), said.push(`format ${d.format}`);
    }
    if (numeric) {
      if (d.min !== undefined && c.minimum === undefined) (c.minimum = d.min), said.push(`min ${d.min}`);
      if (d.max !== undefined && c.maximum === undefined) (c.maximum = d.max), said.push(`max ${d.max}`);
    }
    if (d.notNull && c.nullable && !c.primaryKey && c.default === null) (c.nullable = false), said.push("required (not null)");
    if (d.unique && !c.unique && !c.primaryKey) (c.unique = true), said.push("unique");
    if (said.length) this.note(c.span, `"${table}.${c.name}": its description states ${said.join(", ")}`);
  }

  private buildTables(raw: RawSpec): TableDraft[] {
    const groups = new Map<string, RawTable[]>();
    // Rules-only fragments (zod, Pydantic bodies) name their table by a guess from a variable
    // name: they join the table whose name has the same words, and their columns likewise.
    const wholeNames = raw.tables.filter((t) => !t.fragment).map((t) => t.name.text);
    const ruleOnly = (t: RawTable) => t.fragment === true && (t.notation === "drizzle" || t.notation === "python" || t.notation === "markdown-bullets");
    for (const t0 of raw.tables) {
      let t = t0;
      if (ruleOnly(t) && !wholeNames.includes(t.name.text)) {
        const hit = wholeNames.find((n) => nameKey(n) === nameKey(t.name.text));
        if (hit) t = { ...t, name: { ...t.name, text: hit } };
      }
      const key = t.name.text;
      const g = groups.get(key);
      if (g) g.push(t);
      else groups.set(key, [t]);
    }
    const out: TableDraft[] = [];
    for (const [name, all] of groups) {
      // ALTER TABLE ... ADD: pieces of a table defined elsewhere, never a table of their own.
      const whole = all.filter((d) => !d.fragment);
      if (whole.length === 0) {
        for (const d of all) {
          if (ruleOnly(d)) this.note(d.name.span, `rules written for "${d.name.text}" (a ${d.notation === "python" ? "Pydantic model" : d.notation === "drizzle" ? "zod schema" : "rules list"}): the spec defines no such table; they are not applied`);
          else
            this.diag("warning", "SF113", `ALTER TABLE ${d.name.text}: the spec defines no table "${d.name.text}"; the statement is ignored`, d.name.span,
              `known tables: ${[...groups.entries()].filter(([, g]) => g.some((x) => !x.fragment)).map(([n]) => n).join(", ") || "none"}`);
        }
        continue;
      }
      // A rules-only fragment's field names a column in any case style (projectId, project_id).
      const columnNames = whole.flatMap((w) => w.columns.map((c) => c.name.text));
      const fragments = all.filter((d) => d.fragment).map((d) =>
        ruleOnly(d)
          ? {
              ...d,
              columns: d.columns.map((c) => {
                if (columnNames.includes(c.name.text)) return c;
                const hit = columnNames.find((n) => snakeCase(n) === snakeCase(c.name.text));
                return hit ? { ...c, name: { ...c.name, text: hit } } : c;
              }),
            }
          : d,
      );
      const defs = [...whole, ...fragments];
      const first = defs[0]!;
      for (const d of whole.slice(1)) this.note(d.name.span, `table "${name}" is written again here; both definitions are merged (the first one wins where they differ)`);
      for (const d of fragments) {
        for (const c of d.columns) {
          if (c.type.text.trim() !== "" || whole.some((w) => w.columns.some((x) => x.name.text === c.name.text))) continue;
          if (ruleOnly(d)) this.note(c.name.span, `rules for "${name}.${c.name.text}": "${name}" has no such column; they are not applied`);
          else this.diag("warning", "SF113", `ALTER TABLE ${name}: column "${c.name.text}" is not one of its columns; the change is ignored`, c.name.span);
        }
      }
      const draft: TableDraft = {
        name,
        span: first.name.span,
        columns: [],
        rawIndexes: defs.flatMap((d) => d.indexes),
        // Markdown leaves references to the reader; a code notation (SQL, Prisma, Drizzle, DBML...) writes each it means.
        namesImplyRefs: whole.every((d) => d.notation === undefined || d.notation === "markdown-table" || d.notation === "markdown-bullets"),
        identity: defs.some((d) => d.identity === true),
        primaryKey: "",
        checks: defs.flatMap((d) => (d.checks ?? []).map((c) => ({ ...(c.name ? { name: c.name } : {}), sql: c.expression.text, dialect: c.dialect, span: c.expression.span, validated: false }))),
      };
      const description = defs.find((d) => d.description)?.description;
      if (description) draft.description = description;
      const owner = defs.find((d) => d.owner)?.owner;
      if (owner) draft.owner = owner;
      const shared = defs.find((d) => d.shared)?.shared;
      if (shared) draft.shared = shared;
      const renamedFrom = defs.find((d) => d.renamedFrom)?.renamedFrom;
      if (renamedFrom && renamedFrom.text !== name) draft.renamedFrom = renamedFrom.text;
      // Columns: duplicates inside one definition are errors; across definitions they merge.
      const byName = new Map<string, { def: number; cols: RawColumn[] }>();
      const order: string[] = [];
      defs.forEach((d, di) => {
        const seen = new Set<string>();
        for (const c of d.columns) {
          if (d.fragment && c.type.text.trim() === "" && !whole.some((w) => w.columns.some((x) => x.name.text === c.name.text))) continue;
          const n = c.name.text;
          if (seen.has(n)) {
            this.diag("warning", "SF106", `column "${n}" is defined twice in table "${name}"; the first definition is used`, c.name.span, "remove or rename one of them");
            continue;
          }
          seen.add(n);
          const entry = byName.get(n);
          if (entry) entry.cols.push(c);
          else {
            byName.set(n, { def: di, cols: [c] });
            order.push(n);
          }
        }
      });
      // SQL, and a Markdown table that writes NOT NULL where it means it: a default alone leaves a column nullable.
      const saysNotNull = (d: RawTable) => d.columns.some((c) => c.constraints.some((p) => /\bnot\s+null\b|\bnon[-\s]?null\b/i.test(p.text)));
      const defaultKeepsNull = defs.some((d) => d.notation === "sql" || d.notation === "dbml" || (d.notation === "markdown-table" && saysNotNull(d)));
      for (const n of order) draft.columns.push(this.buildColumn(name, byName.get(n)!.cols, draft.checks, defaultKeepsNull));
      draft.checks = draft.checks.map((c) => this.readTableCheck(draft, c));
      this.pickPrimaryKey(draft);
      out.push(draft);
    }
    return out;
  }

  private buildColumn(table: string, defs: RawColumn[], checks: DraftCheck[], defaultKeepsNull = false): ColumnDraft {
    const first = defs[0]!;
    const col: ColumnDraft = {
      name: first.name.text,
      span: first.name.span,
      type: null,
      typeSpan: first.type.span,
      nullable: true,
      primaryKey: false,
      unique: false,
      default: null,
      refText: null,
      refSpan: first.name.span,
      bareFk: null,
      onDelete: null,
      references: null,
    };
    const description = defs.find((d) => d.description)?.description;
    if (description) col.description = description;
    let notNull: Span | null = null;
    let prismaRequired: Span | null = null;
    let nullable: Span | null = null;
    let increment = false;
    let defaultText: { d: DefaultText; span: Span } | null = null;
    let minAny: number | undefined;
    let maxAny: number | undefined;
    let enumValues: string[] | null = null;
    const phrases: RawText[] = [];
    // The first definition that writes a type gives it; one that writes none (an ALTER TABLE
    // fragment, a name-only bullet) only adds constraints.
    const typed = defs.findIndex((d) => d.type.text.trim() !== "");
    defs.forEach((def, i) => {
      const tr = this.readType(def.type.text);
      if (tr.missing) {
        if (typed < 0 && i === 0) col.typeMissing = true;
      } else if (i === typed) {
        if (!tr.type) {
          // A type cell that only holds constraints ("FK", "PK, FK → users") says no type: one is
          // taken from the reference or the name, as for a column written without a type.
          const asRules = interpretConstraint(def.type.text);
          const listed = defs.find((d) => d.values?.length)?.values;
          if (asRules.unknownAt === undefined) {
            phrases.push(def.type);
            if (typed === i) col.typeMissing = true;
          } else if (listed && /^`?[A-Z][A-Za-z0-9]*`?\??$/.test(def.type.text.trim())) {
            // "| status | `BookStatus` | `NOT_STARTED` \| `DONE` |": an enum the spec names as the
            // type and lists beside it.
            const name = def.type.text.trim().replace(/[`?]/g, "");
            col.type = { kind: "enum", values: listed.map((v) => v.text), name };
            this.note(def.type.span, `column "${table}.${col.name}" is read as enum ${name} with the values its notes list`);
          } else {
            // One column not understood does not sink the spec: its type comes from its name, and the warning says so.
            this.diag("warning", "SF103", `column "${col.name}" in table "${table}" has a type that is not understood: "${def.type.text}"; its type is taken from its name instead`, def.type.span,
              KNOWN_TYPES_HINT);
            col.typeMissing = true;
          }
        } else if (tr.problem) {
          this.diag("warning", "SF103", `column "${col.name}" in table "${table}": ${tr.problem} ("${def.type.text}"); it is stored as ${tr.type.kind === "text" ? "text" : "json"}`, def.type.span, tr.hint ?? "store a list in a json column");
          col.type = tr.type.kind === "text" ? { kind: "text" } : { kind: "json" };
        } else if (tr.type.kind === "enum" && tr.type.values.length === 0) {
          this.diag("warning", "SF122", `column "${table}.${col.name}" is an enum with no values; it is stored as text`, def.type.span,
            'list the values: "enum(a, b, c)"');
          col.type = { kind: "text" };
        } else col.type = tr.type;
        if (tr.note) this.note(def.type.span, `column "${table}.${col.name}": ${tr.note}`);
        col.typeSpan = def.type.span;
      } else if (tr.type && col.type && !sameType(tr.type, col.type)) {
        this.diag("warning", "SF107", `column "${table}.${col.name}" is written as "${def.type.text}" here but as ${describeType(col.type)} before; the first definition is used`, def.type.span,
          "make the two definitions agree, or keep only one");
      }
      if (tr.increment) increment = true;
      if (tr.nullable) nullable ??= def.type.span;
      // Prisma's notation: "String" is required, "String?" optional (an enum or value object by name too).
      else if (i === typed && (PRISMA_REQUIRED.test(def.type.text.trim()) || (tr.note !== undefined && /^[A-Z]\w*(\[\])?$/.test(def.type.text.trim())))) prismaRequired ??= def.type.span;
      if (tr.rest) phrases.push({ text: tr.rest, span: spanAt(def.type.span, def.type.text, tr.restAt) });
      phrases.push(...def.constraints);
    });
    for (const p of phrases) {
      const r = interpretConstraint(p.text);
      if (r.primaryKey) col.primaryKey = true;
      if (r.notNull) {
        if (nullable && !notNull && !col.primaryKey)
          this.diag("warning", "SF121", `column "${table}.${col.name}" is said to be both nullable and not null; read as nullable`, p.span);
        else notNull ??= p.span;
      }
      if (r.nullable) {
        if (notNull && !nullable) this.diag("warning", "SF121", `column "${table}.${col.name}" is said to be both not null and nullable; read as not null`, p.span);
        else nullable ??= p.span;
      }
      if (r.unique) col.unique = true;
      if (r.increment) increment = true;
      if (r.default && !defaultText) defaultText = { d: r.default, span: spanAt(p.span, p.text, r.defaultAt ?? 0) };
      if (r.references && !col.refText) {
        col.refText = r.references;
        col.refSpan = p.span;
      } else if (r.foreignKey && !r.references && !col.bareFk) col.bareFk = p.span;
      if (r.onDelete && !col.onDelete) col.onDelete = r.onDelete;
      if (r.minLength !== undefined) col.minLength ??= r.minLength;
      if (r.maxLength !== undefined) col.maxLength ??= r.maxLength;
      if (r.min !== undefined) minAny ??= r.min;
      if (r.max !== undefined) maxAny ??= r.max;
      if (r.enumValues) enumValues ??= r.enumValues;
      if (r.renamedFrom) col.renamedFrom ??= r.renamedFrom;
      if (r.exclusiveMin !== undefined) col.exclusiveMinimum ??= r.exclusiveMin;
      if (r.exclusiveMax !== undefined) col.exclusiveMaximum ??= r.exclusiveMax;
      if (r.format) col.format ??= r.format;
      if (r.pattern) col.pattern ??= r.pattern;
      if (r.minItems !== undefined) col.minItems ??= r.minItems;
      if (r.maxItems !== undefined) col.maxItems ??= r.maxItems;
      if (r.itemMaxLength !== undefined) col.itemMaxLength ??= r.itemMaxLength;
      if (r.uniquePerOwner) col.uniquePerOwner ??= p.span;
      if (r.uniquePer) col.uniquePer ??= { words: r.uniquePer, span: p.span, group: `${p.span.file}:${p.span.line}:${p.span.column}` };
      if (r.generated) col.generated = true;
      if (r.check) checks.push({ sql: r.check.text.trim(), span: spanAt(p.span, p.text, r.check.at), validated: r.check.read });
      for (const c of r.compare ?? []) {
        checks.push({ sql: `${quoteIdent(col.name)} ${c.op} ${quoteIdent(c.column)}`, span: p.span, validated: true, compare: { left: col.name, op: c.op, right: c.column } });
      }
      // "Size: 'S', 'M', 'L'", "(a/b/c)" in a constraints cell: the values it lists, not an unknown rule.
      const listed = r.unknownAt !== undefined && r.unknownAt === 0 ? listedValues(p.text, true) : null;
      if (listed) {
        enumValues ??= listed.map((v) => v.text);
      } else if (r.unknownAt !== undefined) {
        const bad = p.text.slice(r.unknownAt).trim();
        this.diag("warning", "SF108", `constraint "${short(bad)}" on column "${table}.${col.name}" is not understood${r.unknownWhy ? ` (${r.unknownWhy})` : ""}; it is ignored`,
          spanAt(p.span, p.text, r.unknownAt),
          'known constraints: primary key, not null/required, nullable/optional, unique, default X, references t(c) / FK -> t.c, on delete cascade|set null|restrict|no action, min/max length N, min/max N, check (x in (...))');
      }
    }
    // Values a description or notes cell lists are a column's only values unless the column is a
    // key or an identifier ("Employee ID (auto-generated/manual)" says how it is made).
    const valuesFromNotes = !col.unique && !col.primaryKey && !col.refText && !col.bareFk && !/(?:^|_)id$|[a-z0-9]Id$|ID$/.test(col.name);
    // The description's prose rules, below anything the constraints say.
    if (col.description && col.type) {
      const d = rulesFromDescription(col.description, col.type);
      const said: string[] = [];
      if (d.minLength !== undefined && col.minLength === undefined) (col.minLength = d.minLength), said.push(`min length ${d.minLength}`);
      if (d.maxLength !== undefined && col.maxLength === undefined) (col.maxLength = d.maxLength), said.push(`max length ${d.maxLength}`);
      if (d.min !== undefined && minAny === undefined) (minAny = d.min), said.push(`min ${d.min}`);
      if (d.max !== undefined && maxAny === undefined) (maxAny = d.max), said.push(`max ${d.max}`);
      if (d.exclusiveMin !== undefined && col.exclusiveMinimum === undefined && minAny === undefined) (col.exclusiveMinimum = d.exclusiveMin), said.push(`> ${d.exclusiveMin}`);
      if (d.exclusiveMax !== undefined && col.exclusiveMaximum === undefined && maxAny === undefined) (col.exclusiveMaximum = d.exclusiveMax), said.push(`< ${d.exclusiveMax}`);
      if (d.format && !col.format) (col.format = d.format), said.push(`format ${d.format}`);
      if (d.pattern && !col.pattern) (col.pattern = d.pattern), said.push(`pattern ${d.pattern}`);
      if (d.unique && !col.unique) (col.unique = true), said.push("unique");
      if (d.uniquePer && !col.unique && !col.uniquePer) (col.uniquePer = { words: d.uniquePer, span: col.span, group: `${col.span.file}:${col.span.line}:${d.uniquePer.join(",")}` }), said.push(`unique per ${d.uniquePer.join(", ")}`);
      if (d.enumValues && !enumValues && col.type.kind !== "enum" && valuesFromNotes) (enumValues = d.enumValues), said.push(`one of ${d.enumValues.join(", ")}`);
      if (d.notNull && !notNull && !nullable && !col.primaryKey) (notNull = col.span), said.push("required (not null)");
      if (said.length) this.note(col.span, `"${table}.${col.name}": its description states ${said.join(", ")}`);
    }
    // "see DoorState", "one of HingeKind", "values: OrderStatus": the enum the spec declares elsewhere by that name.
    if (!enumValues && col.type && (col.type.kind === "string" || col.type.kind === "text") && valuesFromNotes) {
      const texts = [col.description ?? "", ...phrases.map((p) => p.text)];
      for (const t of texts) {
        const m = /^\s*(?:(?:see|cf\.?|one\s+of|values?\s*(?:in|from|of)?|allowed\s+values?\s*(?:in|from)?|enum|type|uses?)\s*:?\s*)?[`"*]*([A-Z][A-Za-z0-9]*)[`"*]*(?:\s+(?:enum|type|values))?\s*\.?\s*$/.exec(t);
        const named = m ? this.namedEnum(m[1]!) : undefined;
        if (!named || named.type.kind !== "enum") continue;
        enumValues = [...named.type.values];
        this.note(col.span, `"${table}.${col.name}" takes the values of the enum "${named.name}" its notes name ("${t.trim()}")`);
        break;
      }
    }
    const listed = defs.find((d) => d.values?.length)?.values;
    if (listed && !enumValues && valuesFromNotes && col.type && (col.type.kind === "string" || col.type.kind === "text")) {
      enumValues = listed.map((v) => v.text);
      this.note(listed[0]!.span, `"${table}.${col.name}" takes only the values its notes list: ${enumValues.join(", ")}`);
    }
    // "| id | pk | auto increment |": a key written without a type that counts up is an integer.
    if (increment && col.typeMissing && !col.type) {
      col.type = { kind: "integer" };
      col.typeMissing = false;
      this.note(col.typeSpan, `column "${table}.${col.name}" has no type; read as integer because it is auto-increment`);
    }
    const type = col.type;
    if (type) {
      if (enumValues) {
        if (type.kind === "string" || type.kind === "text" || type.kind === "enum") {
          if (type.kind !== "enum") this.note(col.span, `column "${table}.${col.name}" is read as enum(${enumValues.join(", ")}) because of the values its constraints, CHECK or notes list`);
          col.type = { kind: "enum", values: enumValues };
        } else this.diag("warning", "SF108", `a list of allowed values on ${type.kind} column "${table}.${col.name}" is not supported; it is ignored`, col.typeSpan);
      }
      const isTextual = type.kind === "string" || type.kind === "text";
      const isNumeric = type.kind === "integer" || type.kind === "bigint" || type.kind === "decimal" || type.kind === "float";
      if (minAny !== undefined) {
        if (isTextual) col.minLength ??= minAny;
        else if (isNumeric) col.minimum = minAny;
      }
      if (maxAny !== undefined) {
        if (isTextual) col.maxLength ??= maxAny;
        else if (isNumeric) col.maximum = maxAny;
      }
      // Rules that fit only some types: a format on a number, items on a text say nothing the app can check.
      const misfit = (what: string, value: unknown) => {
        this.diag("warning", "SF108", `${what} on ${type.kind} column "${table}.${col.name}" does not fit its type; it is ignored`, col.typeSpan);
        return value;
      };
      if (!isNumeric && (col.exclusiveMinimum !== undefined || col.exclusiveMaximum !== undefined)) {
        misfit("a strict bound", null);
        delete col.exclusiveMinimum;
        delete col.exclusiveMaximum;
      }
      if (col.format !== undefined && !KNOWN_FORMATS.has(col.format)) {
        this.diag("warning", "SF108", `format "${col.format}" of column "${table}.${col.name}" is not one the app can check; it is ignored`, col.typeSpan,
          `known formats: ${[...KNOWN_FORMATS].join(", ")}`);
        delete col.format;
      }
      if (!isTextual && (col.format !== undefined || col.pattern !== undefined) && !(type.kind === "array" && (type.of.kind === "string" || type.of.kind === "text"))) {
        // A uuid/timestamp column has its format from its type already.
        if (!["uuid", "timestamp", "date"].includes(type.kind) || col.pattern !== undefined) misfit(col.pattern ? "a pattern" : `format ${col.format}`, null);
        delete col.format;
        delete col.pattern;
      }
      // Items bound arrays, and json columns holding a list ("labels: jsonb" with "max 10 items").
      if (type.kind !== "array" && !(type.kind === "json" && col.itemMaxLength === undefined) && (col.minItems !== undefined || col.maxItems !== undefined || col.itemMaxLength !== undefined)) {
        misfit("a number of items", null);
        delete col.minItems;
        delete col.maxItems;
        delete col.itemMaxLength;
      }
      if (col.generated && col.primaryKey && !defaultText && !increment) {
        if (type.kind === "uuid" || isTextual) col.default = { kind: "uuid" };
        else if (type.kind === "integer" || type.kind === "bigint") increment = true;
      }
      if (defaultText) {
        const dv = interpretDefault(defaultText.d, col.type ?? type);
        if ("problem" in dv) {
          if (dv.unknown) this.diag("warning", "SF118", `default of column "${table}.${col.name}" is not understood: ${defaultText.d.text}; it is ignored`, defaultText.span,
            "write now(), gen_random_uuid(), a number, true/false, or a quoted string");
          else this.diag("warning", "SF117", `column "${table}.${col.name}": ${dv.problem}; the default is ignored`, defaultText.span);
        } else col.default = dv;
      }
      if (increment) {
        if (type.kind === "integer" || type.kind === "bigint") col.default = { kind: "increment" };
        else this.diag("warning", "SF108", `auto-increment on ${type.kind} column "${table}.${col.name}" is ignored`, col.typeSpan, "only integer and bigint columns count up");
      }
    }
    // Nullability: primary key > explicit words > a Prisma-style type without "?" > has a default > nullable.
    // A default implies NOT NULL only where the notation never says NOT NULL: in SQL ("x INT
    // DEFAULT 1" takes NULL) and in a table that writes NOT NULL for other columns, a column
    // with a default and no NOT NULL stays nullable.
    if (!notNull && !nullable && prismaRequired) notNull = prismaRequired;
    if (col.primaryKey) col.nullable = false;
    else if (notNull && nullable) col.nullable = comparePos(nullable, notNull) < 0;
    else if (notNull) col.nullable = false;
    else if (nullable) col.nullable = true;
    else if (col.default && col.default.kind === "literal" && col.default.value === null) col.nullable = true;
    else if (col.default && !defaultKeepsNull) {
      col.nullable = false;
      this.note(col.span, `column "${table}.${col.name}" does not say whether it may be null; read as not null because it has a default`);
    } else col.nullable = true;
    return col;
  }

  private pickPrimaryKey(t: TableDraft): void {
    const pks = t.columns.filter((c) => c.primaryKey);
    if (pks.length > 1) {
      // A composite key (typically a join table's): migrated as such; the table gets no item routes.
      t.keyColumns = pks.map((c) => c.name);
      t.primaryKey = pks[0]!.name;
      for (const c of pks) c.nullable = false;
      this.note(pks[0]!.span, `table "${t.name}" has a composite primary key (${t.keyColumns.join(", ")})`);
      return;
    }
    let pk = pks[0];
    if (!pk) {
      // A column called "id" is the key even when the spec forgets to say so.
      pk = t.columns.find((c) => c.name === "id");
      if (pk) {
        pk.primaryKey = true;
        pk.nullable = false;
        this.note(pk.span, `table "${t.name}" names no primary key; "id" is read as its primary key`);
      }
    }
    if (!pk) {
      // SF109 unless a key is added for it (addSurrogateKeys).
      t.keyColumns = [];
      t.primaryKey = t.columns[0]?.name ?? "";
      return;
    }
    t.primaryKey = pk.name;
  }

  private findIdentity(tables: TableDraft[]): TableDraft | null {
    const marked = tables.filter((t) => t.identity);
    if (marked.length > 1) {
      for (const t of marked.slice(1))
        this.diag("warning", "SF120", `table "${t.name}" is marked as the identity table, but so is "${marked[0]!.name}"; "${marked[0]!.name}" is used`, t.span, "only one table holds the users");
    }
    if (marked[0]) return marked[0];
    const named = tables.find((t) => t.name === "users") ?? tables.find((t) => t.name === "user");
    if (named) {
      named.identity = true;
      return named;
    }
    // "sm_users" beside "sm_tasks", "sm_comments": the spec's own prefix on every table; the users
    // table is the one named users under it.
    const prefixed = tables.filter((t) => /^[a-z][a-z0-9]*_users?$/.test(t.name));
    if (prefixed.length === 1) {
      const t = prefixed[0]!;
      const prefix = t.name.slice(0, t.name.indexOf("_") + 1);
      if (tables.filter((o) => o.name.startsWith(prefix)).length * 2 > tables.length) {
        t.identity = true;
        this.note(t.span, `"${t.name}" is read as the users table (the users table under the spec's prefix "${prefix}")`);
        return t;
      }
    }
    // Apps call their users other names (players, accounts, members, profiles, customers): the
    // one of those the other tables point at most, when it looks like a person (an email, a name).
    const incoming = (t: TableDraft) =>
      tables.reduce((n, o) => n + o.columns.filter((c) => c.refText && nameKey(c.refText.table) === nameKey(t.name)).length, 0);
    const candidates = tables
      .filter((t) => IDENTITY_NAMES.has(nameKey(t.name)) && !t.keyColumns)
      .filter((t) => t.columns.some((c) => /^(email|e_mail|mail|username|user_name|nickname|display_name|name|password_hash|hashed_password|handle|nome|nombre|nom|correo|senha|contrasena|passwort|benutzername|login)$/.test(snakeCase(c.name))))
      .map((t) => ({ t, n: incoming(t) }))
      .filter((x) => x.n > 0)
      .sort((a, b) => b.n - a.n);
    if (candidates[0] && (candidates.length === 1 || candidates[0].n > candidates[1]!.n)) {
      const t = candidates[0].t;
      t.identity = true;
      this.note(t.span, `"${t.name}" is read as the users table (the token's sub claim names one of its rows): ${candidates[0].n} columns of other tables reference it`);
      return t;
    }
    return null;
  }

  /**
   * "shop_id integer" beside a table "shops", in a Markdown table or list: a reference when exactly
   * one table is named so, its key has the same kind of type, and the reference makes no cycle
   * (a cycle of foreign keys cannot be created table by table). Noted.
   */
  private referencesFromNames(tables: TableDraft[]): void {
    const reaches = (from: TableDraft, to: TableDraft): boolean => {
      const seen = new Set<TableDraft>();
      const stack = [from];
      while (stack.length) {
        const x = stack.pop()!;
        if (x === to) return true;
        if (seen.has(x)) continue;
        seen.add(x);
        for (const c of x.columns) if (c.references) stack.push(...tables.filter((y) => y.name === c.references!.table));
      }
      return false;
    };
    for (const t of tables) {
      if (!t.namesImplyRefs) continue;
      for (const c of t.columns) {
        if (c.references || c.refText || c.bareFk || c.externalOwner || c.typeMissing || c.primaryKey || !c.type) continue;
        const m = /^(.+?)_id$/.exec(snakeCase(c.name));
        if (!m || /^(user|owner)$/.test(m[1]!)) continue;
        const hits = tables.filter((x) => x !== t && !x.keyColumns && (x.name === m[1] || nameKey(x.name) === nameKey(m[1]!)));
        const target = hits.length === 1 ? hits[0]! : undefined;
        const pk = target?.columns.find((x) => x.name === target.primaryKey);
        if (!target || !pk?.type || !keyTypesAgree(c.type, pk.type) || reaches(target, t)) continue;
        c.references = { table: target.name, column: pk.name, onDelete: "no action" };
        this.note(c.span, `"${t.name}.${c.name}" is named after table "${target.name}" and has its key's type; read as a reference to ${target.name}.${pk.name}`);
      }
    }
  }

  /**
   * A noun naming a table loosely: "FK → depósito" for "acme_deposito" (accents dropped; the
   * one table whose name ends in the noun, or, among several, the one sharing the referring
   * table's prefix). Noted by the caller's "read as table" note.
   */
  private tableByNoun(noun: string, from: TableDraft, tables: TableDraft[]): TableDraft | undefined {
    const folded = noun.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
    const direct = this.tableByName(folded, tables);
    if (direct) return direct;
    const k = nameKey(folded);
    if (!/^[a-z0-9_]+$/.test(k)) return undefined;
    const ends = tables.filter((x) => x !== from && nameKey(x.name).endsWith(`_${k}`));
    if (ends.length === 1) return ends[0];
    const prefix = words(from.name)[0];
    const same = ends.filter((x) => words(x.name)[0] === prefix);
    return same.length === 1 ? same[0] : undefined;
  }

  private tableByName(name: string, tables: TableDraft[]): TableDraft | undefined {
    const exact = tables.find((t) => t.name === name);
    if (exact) return exact;
    const k = nameKey(name);
    return tables.find((t) => nameKey(t.name) === k);
  }

  private resolveReferences(t: TableDraft, tables: TableDraft[], identity: TableDraft | null): void {
    for (const c of t.columns) {
      let ref = c.refText;
      // A name-only column ("- jobId") named after a table's key is a reference to it, as a reader
      // takes it (a table reached through it is its parent's, not everyone's). Noted.
      if (!ref && !c.bareFk && c.typeMissing && !c.primaryKey && /^(.+?)_?id$/i.test(snakeCase(c.name)) && !/^(user|owner)_?id$/i.test(snakeCase(c.name))) {
        const parts = /^(.*?)_?id$/i.exec(snakeCase(c.name))![1]!.split("_");
        let hit: TableDraft | undefined;
        for (let k = 0; k < parts.length && !hit; k++) hit = this.tableByName(parts.slice(k).join("_"), tables);
        // "jobId" and a table "analysis_jobs": the one table whose name ends in the word.
        if (!hit) {
          const last = nameKey(parts.join("_"));
          const ends = tables.filter((x) => x !== t && nameKey(x.name).endsWith(`_${last}`));
          if (ends.length === 1) hit = ends[0];
        }
        if (hit && hit !== t && !hit.keyColumns) {
          ref = { table: hit.name };
          this.note(c.span, `"${t.name}.${c.name}" names no table; read as a reference to ${hit.name} from its name`);
        }
      }
      if (!ref && c.bareFk) {
        // "FK" with no target: guess from the name, user_id -> users.id.
        // Longest suffix first: invited_by_user_id -> invited_by_user, by_user, user.
        const m = /^(.*?)_?id$/i.exec(snakeCase(c.name));
        const parts = m && m[1] ? m[1].split("_") : [];
        let target: TableDraft | undefined;
        for (let k = 0; k < parts.length && !target; k++) target = this.tableByName(parts.slice(k).join("_"), tables);
        if (!target && parts.length) target = this.tableByNoun(parts.join("_"), t, tables);
        // "reviewer_id | FK", "blocked_by | FK": a person's role, with no table of that name: the users.
        if (!target && identity && !identity.keyColumns && (PERSON_ROLE.test(parts[parts.length - 1] ?? "") || /(?:^|_)by$/.test(snakeCase(c.name)))) target = identity;
        if (target) {
          ref = { table: target.name };
          this.note(c.bareFk, `foreign key of "${t.name}.${c.name}" names no target; read as ${target.name}.${target.primaryKey || "id"} from the column name`);
        } else {
          this.diag("warning", "SF116", `column "${t.name}.${c.name}" is marked as a foreign key but names no table; the key is ignored`, c.bareFk,
            'write the target, e.g. "foreign key -> users.id"');
          continue;
        }
      }
      if (!ref) continue;
      let target = this.tableByName(ref.table, tables) ?? this.tableByNoun(ref.table, t, tables);
      if (!target && !identity && IDENTITY_NAMES.has(nameKey(ref.table.replace(/^auth\./i, "")))) {
        // "FK -> user.id" where the spec defines no users table: the users live with the auth
        // service (Better Auth's "user"); the column holds the token's subject, and is the owner.
        c.externalOwner = true;
        this.note(c.refSpan, `"${t.name}.${c.name}" references "${ref.table}", which the spec does not define: read as the users of the auth service (the token's subject); no foreign key is created`);
        continue;
      }
      if (!target) {
        // A misspelt users table ("userz") or a user column ("user_id", "owner_id") decides whose
        // rows are whose: it is read as the identity table, with a warning. Any other unknown
        // table does not sink the spec either: the column stays, without the foreign key.
        const userish = identity && (closeNames(nameKey(ref.table), nameKey(identity.name)) || /^(user|owner|author|created_by|creator)_?id$/.test(snakeCase(c.name)) || PERSON_ROLE.test(nameKey(ref.table)));
        if (identity && userish && !identity.keyColumns) {
          this.diag("warning", "SF104", `column "${t.name}.${c.name}" references unknown table "${ref.table}"; read as ${identity.name}.${identity.primaryKey || "id"}, the users table`, c.span,
            `known tables: ${tables.map((x) => x.name).join(", ")}`);
          ref = { table: identity.name };
          target = identity;
        } else {
          this.diag("warning", "SF104", `column "${t.name}.${c.name}" references unknown table "${ref.table}"; no foreign key is created`, c.span,
            `known tables: ${tables.map((x) => x.name).join(", ")}`);
          continue;
        }
      }
      if (target.name !== ref.table) this.note(c.refSpan, `"${ref.table}" read as table "${target.name}"`);
      if (ref.column && !target.columns.some((x) => x.name === ref!.column) && !target.keyColumns && target.primaryKey) {
        // A column the target does not have: its key is what a reference points at.
        this.diag("warning", "SF105", `column "${t.name}.${c.name}" references unknown column "${target.name}.${ref.column}"; read as ${target.name}.${target.primaryKey} (its primary key)`, c.span,
          `columns of "${target.name}": ${target.columns.map((x) => x.name).join(", ")}`);
        ref = { table: target.name, column: target.primaryKey };
      }
      if (!ref.column && target.keyColumns) {
        // No single-column key to point at: a foreign key needs one.
        this.diag("warning", "SF116", `column "${t.name}.${c.name}" references "${target.name}", which has ${target.keyColumns.length ? "a key of several columns" : "no primary key"}; the key is ignored`, c.refSpan,
          `name the referenced column ("${target.name}.<column>"), or give "${target.name}" a primary key`);
        continue;
      }
      const column = ref.column ?? (target.primaryKey || "id");
      if (!ref.column) this.note(c.refSpan, `reference of "${t.name}.${c.name}" names no column; read as ${target.name}.${column} (its primary key)`);
      const onDelete = c.onDelete ?? (target === identity ? "cascade" : "no action");
      if (!c.onDelete && target === identity) this.note(c.refSpan, `"${t.name}.${c.name}" references the identity table: rows are deleted with their user (on delete cascade)`);
      c.references = { table: target.name, column, onDelete };
    }
  }

  private findOwner(t: TableDraft, identity: TableDraft | null): string | null {
    if (t.owner) {
      const c = t.columns.find((x) => x.name === t.owner!.text);
      if (!c) {
        this.diag("error", "SF119", `owner "${t.owner.text}" of table "${t.name}" is not one of its columns`, t.owner.span);
        return null;
      }
      return c.name;
    }
    const preferred = ["user_id", "owner_id"];
    if (identity) {
      const refs = t.columns.filter((c) => c.references?.table === identity.name && c.references.column === identity.primaryKey);
      const pick = refs.find((c) => preferred.includes(snakeCase(c.name))) ?? refs[0];
      if (pick) {
        if (refs.length > 1) this.note(pick.span, `table "${t.name}" has several columns referencing "${identity.name}"; "${pick.name}" is read as the owner`);
        return pick.name;
      }
    }
    const external = t.columns.filter((c) => c.externalOwner);
    if (external.length) return (external.find((c) => preferred.includes(snakeCase(c.name))) ?? external[0]!).name;
    const byName = t.columns.find((c) => preferred.includes(snakeCase(c.name)) && !c.references && !c.primaryKey);
    if (byName) {
      this.note(byName.span, `"${t.name}.${byName.name}" references no table; read as the owner column because of its name`);
      // It holds user ids: of the users table's key type, when it has one.
      const key = identity?.columns.find((x) => x.name === identity.primaryKey);
      const group = (k: ColumnType["kind"]) => (k === "string" || k === "text" ? "text" : k === "integer" || k === "bigint" ? "int" : k);
      if (key?.type && byName.type && group(key.type.kind) !== group(byName.type.kind)) {
        if (byName.typeMissing) this.note(byName.span, `"${t.name}.${byName.name}" holds user ids: read as ${describeType(key.type)}, the type of ${identity!.name}.${key.name}`);
        else this.diag("warning", "SF115", `owner column "${t.name}.${byName.name}" is ${describeType(byName.type)} but user ids ("${identity!.name}.${key.name}") are ${describeType(key.type)}; read as ${describeType(key.type)}`, byName.typeSpan,
          `write "${byName.name}" with the type of "${identity!.name}.${key.name}"`);
        byName.type = key.type;
      }
      return byName.name;
    }
    return null;
  }

  /**
   * An index that names a column the table does not list ("support index (office_location_id,
   * status, created_at)") says the column exists: it is added when its name says its type
   * plainly (created_at, *_at, is_*), noted; otherwise SF111 stays an error.
   */
  private addColumnsNamedByIndexes(tables: TableDraft[]): void {
    for (const t of tables) {
      for (const i of t.rawIndexes) {
        for (const name of i.columns) {
          if (t.columns.some((c) => c.name === name) || !/^[A-Za-z_]\w*$/.test(name)) continue;
          const g = inferTypeFromName(name);
          if (g.type.kind === "text") continue;
          const timestamps = /^(created_at|updated_at|createdAt|updatedAt)$/.test(name);
          t.columns.push({
            name, span: i.span, type: g.type, typeSpan: i.span, nullable: !timestamps, primaryKey: false, unique: false,
            default: timestamps ? { kind: "now" } : null, refText: null, refSpan: i.span, bareFk: null, onDelete: null, references: null,
          });
          this.note(i.span, `index on "${t.name}" names "${name}", which the table does not list: the column is added as ${describeType(g.type)} because ${g.why}`);
        }
      }
    }
  }

  /** Indexes from "## Indexes" sections: name their table, or are guessed from the columns. */
  private attachSpecIndexes(indexes: readonly RawIndex[], tables: TableDraft[]): void {
    for (const i of indexes) {
      let t = i.table ? this.tableByName(i.table, tables) : undefined;
      if (i.table && !t) {
        this.diag("warning", "SF112", `index on unknown table "${i.table}"; it is not created`, i.span, `known tables: ${tables.map((x) => x.name).join(", ") || "none"}`);
        continue;
      }
      if (!t) {
        let fits = tables.filter((x) => i.columns.every((c) => x.columns.some((col) => col.name === c)));
        // "idx_tasks_created_at": the index name says which table.
        if (fits.length > 1 && i.name) {
          const nameWords = `_${words(i.name).join("_")}_`;
          const named = fits.filter((x) => nameWords.includes(`_${x.name}_`) || nameWords.includes(`_${singular(x.name)}_`));
          if (named.length === 1) fits = named;
        }
        if (fits.length !== 1) {
          this.diag("warning", "SF112", `index (${i.columns.join(", ")}) does not say which table it is on; it is not created`, i.span,
            'write it inside the table\'s section or as "tasks(user_id, completed)"');
          continue;
        }
        t = fits[0]!;
        this.note(i.span, `index (${i.columns.join(", ")}) names no table; read as an index on "${t.name}", the only table with these columns`);
      }
      const { table: _t, ...rest } = i;
      t.rawIndexes.push(rest);
    }
  }

  private finishTable(t: TableDraft, identity: TableDraft | null, owner: string | null): Table {
    const columns: Column[] = t.columns.map((c) => {
      const type: ColumnType = c.type ?? { kind: "text" };
      let role: ColumnRole = "data";
      const sn = snakeCase(c.name);
      if (c.name === t.primaryKey && !t.keyColumns) role = "id";
      else if (owner && c.name === owner) role = "owner";
      else if ((sn === "created_at" || sn === "updated_at") && type.kind === "timestamp") role = sn;
      // The server keeps created_at/updated_at; the database must be able to fill them.
      let dflt = c.default;
      if ((role === "created_at" || role === "updated_at") && dflt === null) {
        dflt = { kind: "now" };
        this.note(c.span, `"${t.name}.${c.name}" has no default; read as default now() (the server keeps it)`);
      }
      const col: Column = {
        name: c.name,
        span: c.span,
        type,
        nullable: c.nullable,
        primaryKey: c.primaryKey && c.name === t.primaryKey && !t.keyColumns,
        unique: c.unique,
        default: dflt,
        references: c.references,
        ...(c.minLength !== undefined ? { minLength: c.minLength } : {}),
        ...(c.maxLength !== undefined ? { maxLength: c.maxLength } : {}),
        ...(c.minimum !== undefined ? { minimum: c.minimum } : {}),
        ...(c.maximum !== undefined ? { maximum: c.maximum } : {}),
        ...(c.exclusiveMinimum !== undefined ? { exclusiveMinimum: c.exclusiveMinimum } : {}),
        ...(c.exclusiveMaximum !== undefined ? { exclusiveMaximum: c.exclusiveMaximum } : {}),
        ...(c.format !== undefined ? { format: c.format } : {}),
        ...(c.pattern !== undefined ? { pattern: c.pattern } : {}),
        ...(c.minItems !== undefined ? { minItems: c.minItems } : {}),
        ...(c.maxItems !== undefined ? { maxItems: c.maxItems } : {}),
        ...(c.itemMaxLength !== undefined ? { itemMaxLength: c.itemMaxLength } : {}),
        role,
        ...(c.description ? { description: c.description } : {}),
        ...(c.renamedFrom && c.renamedFrom !== c.name ? { renamedFrom: c.renamedFrom } : {}),
      };
      return col;
    });
    // Integer primary keys without a default count up; that is what "id integer primary key" means in practice.
    const pk = t.columns.find((c) => c.name === t.primaryKey);
    // The identity table's key comes from the token issuer, except in built-in mode, where the app creates users.
    const issuedIds = t === identity && this.authMode.mode !== "builtin";
    if (pk && !t.keyColumns && !pk.default && !issuedIds && (pk.type?.kind === "integer" || pk.type?.kind === "bigint")) {
      const i = columns.findIndex((c) => c.name === pk.name);
      columns[i] = { ...columns[i]!, default: { kind: "increment" } };
      this.note(pk.span, `primary key "${t.name}.${pk.name}" has no default; read as auto-increment`);
    }
    this.resolveUniquePer(t, owner);
    // "unique per user": unique together with the owner column.
    for (const c of t.columns) {
      if (!c.uniquePerOwner) continue;
      if (owner && owner !== c.name) t.rawIndexes.push({ columns: [owner, c.name], unique: true, span: c.uniquePerOwner });
      else if (!owner) this.diag("warning", "SF108", `"${t.name}.${c.name}" is said to be unique per user, but "${t.name}" has no owner column; read as unique`, c.uniquePerOwner);
      if (!owner) t.rawIndexes.push({ columns: [c.name], unique: true, span: c.uniquePerOwner });
    }
    const checks = this.finishChecks(t, columns);
    const indexes: Index[] = [];
    const seen = new Set<string>();
    for (const i of t.rawIndexes) {
      const missing = i.columns.filter((c) => !columns.some((col) => col.name === c));
      if (missing.length) {
        this.diag("warning", "SF111", `index on table "${t.name}" names unknown column${missing.length > 1 ? "s" : ""} ${missing.map((m) => `"${m}"`).join(", ")}; it is not created`, i.span,
          `columns of "${t.name}": ${columns.map((c) => c.name).join(", ")}`);
        continue;
      }
      const key = `${i.unique}:${i.columns.join(",")}`;
      if (seen.has(key)) continue;
      if (i.columns.length === 1 && i.columns[0] === t.primaryKey) continue; // the primary key is indexed already
      seen.add(key);
      indexes.push({
        name: i.name ?? `${t.name}_${i.columns.join("_")}_${i.unique ? "unique" : "index"}`,
        columns: [...i.columns],
        unique: i.unique,
        span: i.span,
      });
    }
    return {
      name: t.name,
      span: t.span,
      identity: t === identity,
      owner,
      primaryKey: t.primaryKey,
      ...(t.keyColumns ? { keyColumns: t.keyColumns } : {}),
      columns,
      indexes,
      ...(t.description ? { description: t.description } : {}),
      ...(t.renamedFrom ? { renamedFrom: t.renamedFrom } : {}),
      ...(checks.length ? { checks } : {}),
    };
  }

  /**
   * The table's CHECKs: each named (as written, or <table>_<columns>_check), kept only when
   * PostgreSQL can take it verbatim: understood by the rule reader, or a comparison of two of
   * the table's columns. Anything else is a warning that quotes it (never a migration that fails).
   */
  /**
   * "unique per city" on year: one composite unique (city_id, year). A row naming two columns
   * ("`year`, `month` | unique per user-city combination") makes one index with both. A word
   * that names no column leaves no index at all: a single-column unique would refuse valid rows.
   */
  private resolveUniquePer(t: TableDraft, owner: string | null): void {
    const groups = new Map<string, ColumnDraft[]>();
    for (const c of t.columns) if (c.uniquePer) groups.set(c.uniquePer.group, [...(groups.get(c.uniquePer.group) ?? []), c]);
    const fold = (s: string) => s.toLowerCase().replace(/_/g, "");
    const OWNER_WORD = /^(?:user|owner|account|player|member|customer)s?$/i;
    for (const cols of groups.values()) {
      const { words, span } = cols[0]!.uniquePer!;
      const resolved: string[] = [];
      const unknown: string[] = [];
      for (const w of words) {
        const f = fold(w);
        const hit = t.columns.find((c) => fold(c.name) === f) ?? t.columns.find((c) => fold(c.name) === `${f}id` || fold(c.name) === `${f.replace(/s$/, "")}id`);
        const name = hit?.name ?? (OWNER_WORD.test(w) && owner ? owner : undefined);
        if (name) resolved.push(name);
        else unknown.push(w);
      }
      if (unknown.length) {
        if (unknown.every((w) => OWNER_WORD.test(w)) && resolved.length === 0 && words.length === unknown.length) {
          for (const c of cols) c.uniquePerOwner ??= span;
          continue;
        }
        this.diag("warning", "SF108", `"${t.name}.${cols.map((c) => c.name).join(", ")}" is said to be unique per ${words.join("-")}, but no column of "${t.name}" is named by ${unknown.map((u) => `"${u}"`).join(", ")}; no unique index is made`, span,
          `write the columns: "unique (${[...words.map((w) => `${w}_id`), ...cols.map((c) => c.name)].join(", ")})"`);
        continue;
      }
      const columns = [...new Set([...resolved, ...cols.map((c) => c.name)])];
      t.rawIndexes.push({ columns, unique: true, span });
      this.note(span, `"${t.name}.${cols.map((c) => c.name).join(", ")}" unique per ${words.join("-")}: read as unique (${columns.join(", ")})`);
    }
  }

  private finishChecks(t: TableDraft, columns: readonly Column[]): Check[] {
    const out: Check[] = [];
    const names = new Set<string>(columns.filter((c) => c.type.kind === "enum").map((c) => `${t.name}_${c.name}_check`));
    // The names the migration gives the checks of column rules (plan-migration.ts): a spec CHECK
    // of the same name and the same meaning is that check; of another meaning it is renamed.
    const derived = new Set(
      columns.flatMap((c) => {
        const kinds: string[] = [];
        if (c.minimum !== undefined || c.maximum !== undefined || c.exclusiveMinimum !== undefined || c.exclusiveMaximum !== undefined) kinds.push("range");
        if (c.minLength !== undefined || c.maxLength !== undefined) kinds.push("length");
        if (c.format !== undefined) kinds.push("format");
        if (c.pattern !== undefined) kinds.push("pattern");
        if (c.minItems !== undefined || c.maxItems !== undefined || c.itemMaxLength !== undefined) kinds.push("items");
        if (c.type.kind === "vector") kinds.push("dims");
        return kinds.map((k) => `${t.name}_${c.name}_${k}`);
      }),
    );
    const known = new Set(columns.map((c) => c.name));
    const seenSql = new Set<string>();
    for (const c of t.checks) {
      const referenced = [...new Set([...c.sql.matchAll(/[`"]?([A-Za-z_]\w*)[`"]?/g)].map((m) => m[1]!).filter((w) => known.has(w)))];
      if (c.compare && (!known.has(c.compare.right) || !known.has(c.compare.left))) {
        this.diag("warning", "SF108", `rule "${c.compare.left} ${c.compare.op} ${c.compare.right}" on table "${t.name}" names a column it does not have; it is not enforced`, c.span);
        continue;
      }
      if (c.sql === "") continue; // read and refused by the parser (warned)
      const sql = c.compare ? `${quoteIdent(c.compare.left)} ${c.compare.op} ${quoteIdent(c.compare.right)}` : this.options.readCheckSql ? c.sql : this.checkSql(c.sql);
      if (sql === null) {
        // The column rules read from it (if any) still hold; what remains is not enforced.
        if (!c.validated)
          this.diag("warning", "SF108", `CHECK (${short(c.sql)}) on table "${t.name}" is not understood; it is not enforced`, c.span,
            "write it in PostgreSQL syntax, or as rules the reader knows (min/max, length, one of (...))");
        continue;
      }
      // Kept verbatim even when the column rules read from it say all of it: the spec named it, and
      // a violation is answered naming it.
      if (seenSql.has(sql)) continue;
      seenSql.add(sql);
      if (c.name && derived.has(c.name) && c.validated && !c.compare && !c.compares) continue;
      let name = c.name ?? `${t.name}_${referenced.join("_") || "row"}_check`;
      for (let k = 2; names.has(name) || derived.has(name); k++) name = `${c.name ?? `${t.name}_${referenced.join("_") || "row"}_check`}${k}`;
      names.add(name);
      out.push({
        name,
        sql,
        columns: referenced,
        span: c.span,
        validated: c.validated,
        ...(c.compare || c.compares ? { compare: c.compare ? [c.compare] : [...c.compares!] } : {}),
      });
    }
    return out;
  }

  /** PostgreSQL text for a CHECK expression as written; null when it cannot be used verbatim. */
  private checkSql(text: string): string | null {
    const read = this.options.readCheckSql?.(text, "postgresql");
    if (read) return read.ok ? read.sql : null;
    return null;
  }

  /**
   * A CHECK read by PostgreSQL's own parser: kept in PostgreSQL's syntax, and what a validator
   * can check of it (allowed values, bounds, lengths, patterns, comparisons of two columns)
   * becomes the columns' rules, so a request breaking it gets a 422 naming the field first.
   */
  private readTableCheck(t: TableDraft, c: DraftCheck): DraftCheck {
    if (c.compare || !this.options.readCheckSql || c.dialect === "prose") return c;
    const named = (name: string) => t.columns.find((x) => x.name === name) ?? t.columns.find((x) => x.name.toLowerCase() === name.toLowerCase());
    const r = this.options.readCheckSql(c.sql, c.dialect ?? "postgresql", (w) => named(w)?.name);
    if (!r.ok) {
      this.diag("warning", "SF108", `CHECK (${short(c.sql)}) on table "${t.name}" cannot be kept (${r.why}); it is not enforced`, c.span,
        "write it in PostgreSQL syntax, or as rules the reader knows (min/max, length, one of (...))");
      return { ...c, sql: "", validated: true };
    }
    const col = (name: string) => t.columns.find((x) => x.name === name) ?? t.columns.find((x) => x.name.toLowerCase() === name.toLowerCase());
    const compare: { left: string; op: ">" | ">=" | "<" | "<=" | "<>" | "="; right: string }[] = [];
    let applied = true;
    for (const rule of r.rules) {
      if (rule.kind === "compare-columns") {
        const l = col(rule.left);
        const rr = col(rule.right);
        if (l && rr) compare.push({ left: l.name, op: rule.op, right: rr.name });
        else applied = false;
        continue;
      }
      const target = col(rule.column);
      if (!target) {
        applied = false;
        continue;
      }
      if (!this.applyCheckRule(target, rule)) applied = false;
    }
    return { ...c, sql: r.sql, validated: r.complete && applied, ...(compare.length ? { compares: compare } : {}) };
  }

  /** One rule of a CHECK on a column's draft; false when the column's type cannot hold it. */
  private applyCheckRule(c: ColumnDraft, rule: Exclude<CheckRule, { kind: "compare-columns" }>): boolean {
    const type = c.type;
    const textual = type?.kind === "string" || type?.kind === "text";
    const numeric = type ? ["integer", "bigint", "decimal", "float"].includes(type.kind) : false;
    switch (rule.kind) {
      case "enum":
        if (type && (textual || type.kind === "enum") && rule.values.every((v) => typeof v === "string")) {
          c.type = { kind: "enum", values: rule.values as string[] };
          return true;
        }
        return false;
      case "range": {
        if (!numeric) return false;
        if (rule.op === ">=") c.minimum = Math.max(rule.value, c.minimum ?? -Infinity);
        else if (rule.op === "<=") c.maximum = Math.min(rule.value, c.maximum ?? Infinity);
        else if (rule.op === ">") c.exclusiveMinimum = Math.max(rule.value, c.exclusiveMinimum ?? -Infinity);
        else c.exclusiveMaximum = Math.min(rule.value, c.exclusiveMaximum ?? Infinity);
        return true;
      }
      case "length": {
        if (!textual || rule.bytes) return false;
        const n = rule.value;
        if (rule.op === ">=" || rule.op === "=") c.minLength = Math.max(n, c.minLength ?? 0);
        if (rule.op === ">") c.minLength = Math.max(n + 1, c.minLength ?? 0);
        if (rule.op === "<=" || rule.op === "=") c.maxLength = Math.min(n, c.maxLength ?? Infinity);
        if (rule.op === "<") c.maxLength = Math.min(n - 1, c.maxLength ?? Infinity);
        return !rule.trim;
      }
      case "not-empty":
        if (!textual) return false;
        c.minLength = Math.max(1, c.minLength ?? 0);
        return !rule.trim;
      case "pattern":
        if (!textual || rule.flags.replace(/[u]/g, "")) return false;
        c.pattern ??= rule.regex;
        return c.pattern === rule.regex;
      case "not-null":
        c.nullable = false;
        return true;
    }
  }


}

/** Names an app gives its users table, as nameKey() writes them. */
const IDENTITY_NAMES = new Set([
  "user", "player", "account", "member", "profile", "customer", "person", "app_user", "user_account", "user_profile", "auth_user", "identity",
  // The same in the other languages specs are written in (as nameKey leaves them).
  "usuario", "utilisateur", "benutzer", "nutzer", "utente", "utenti", "gebruiker", "cliente", "jogador", "jugador", "miembro", "membro", "mitglied", "spieler", "kunde", "conta", "cuenta", "compte", "konto",
]);

/** Words naming a person's role in a row: a column "reviewer_id" marked FK with no table of that name holds a user. */
const PERSON_ROLE = /^(?:client|customer|reviewer|reviewee|author|owner|creator|sender|recipient|receiver|buyer|seller|member|assignee|assigner|reporter|reported|approver|requester|host|guest|organizer|organiser|participant|follower|followee|actor|editor|moderator|admin|manager|agent|driver|rider|patient|doctor|student|teacher|tutor|professional|worker|employee|staff|user|account|player)$/;

/** Key types a name-inferred reference needs: both integers, both uuids, both text. */
function keyTypesAgree(a: ColumnType, b: ColumnType): boolean {
  const group = (t: ColumnType) => (t.kind === "integer" || t.kind === "bigint" ? "int" : t.kind === "string" || t.kind === "text" ? "text" : t.kind);
  return group(a) === group(b) && ["int", "uuid", "text"].includes(group(a));
}

function sameType(a: ColumnType, b: ColumnType): boolean {
  const group = (t: ColumnType) => (t.kind === "string" || t.kind === "text" ? "str" : t.kind);
  return group(a) === group(b);
}

function describeType(t: ColumnType): string {
  return t.kind === "string" && t.maxLength ? `string(${t.maxLength})` : t.kind;
}

/** Whether a pattern matches a text; a pattern JavaScript cannot read matches nothing here. */
function safeTest(pattern: string, text: string): boolean {
  try {
    return new RegExp(pattern, "u").test(text);
  } catch {
    return true;
  }
}

/** The formats the validator (ajv-formats) and the database checks know. */
const KNOWN_FORMATS = new Set(["email", "uri", "uuid", "hostname", "ipv4", "ipv6", "date", "date-time"]);

/** A type written the Prisma way (PascalCase, "?" for optional): "String", "DateTime", "EventType", "String[]". */
const PRISMA_REQUIRED = /^(String|Int|BigInt|Float|Decimal|Boolean|DateTime|Json|Bytes)(\[\])?$/;

/** A PostgreSQL identifier, quoted only when it must be (camelCase, reserved words). */
function quoteIdent(name: string): string {
  return /^[a-z_][a-z0-9_]*$/.test(name) && !PG_RESERVED.has(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

const PG_RESERVED = new Set(["user", "order", "group", "select", "table", "from", "where", "limit", "offset", "check", "default", "end", "desc", "asc", "to", "primary", "references", "column", "constraint", "unique", "all", "and", "or", "not", "null", "true", "false", "case", "when", "then", "else", "in", "is", "as", "on", "window", "analyse", "analyze", "both", "leading", "trailing", "only", "using", "grant", "having", "into", "fetch", "for", "foreign", "union", "intersect", "except", "returning", "variadic", "array", "current_user", "session_user", "current_date", "current_time", "current_timestamp", "localtime", "localtimestamp", "placing", "some", "any", "symmetric", "initially", "deferrable", "collate", "cast", "distinct", "do", "lateral"]);

function comparePos(a: Span, b: Span): number {
  return a.line - b.line || a.column - b.column;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function short(text: string): string {
  const t = text.replace(/\s+/g, " ").trim();
  return t.length > 60 ? t.slice(0, 57) + "..." : t;
}

function canonicalProvider(name: string): string {
  return /better/i.test(name) ? "Better Auth" : name;
}

/**
 * The standard REST surface for every table: list and create on /api/<table>, get, update and
 * delete on /api/<table>/{id} (reads only for a table shared read-only; none for a table
 * without a one-column key beyond list and create); the users table's own row at
 * /api/<users>/me. Paths the spec already writes are kept as they are.
 */
function standardEndpoints(tables: readonly Table[], at: Span, existing: readonly RawEndpoint[]): RawEndpoint[] {
  const out: RawEndpoint[] = [];
  const taken = new Set(existing.map((e) => `${e.method.text.toLowerCase()} ${normalisePath(e.path.text)}`));
  const add = (method: string, path: string, summary: string, span: Span) => {
    if (taken.has(`${method.toLowerCase()} ${path}`)) return;
    out.push({ method: { text: method, span }, path: { text: path, span }, summary });
  };
  for (const t of tables) {
    if (t.addedBy) continue;
    const seg = t.name.replace(/_/g, "-");
    const one = singular(t.name).replace(/_/g, " ");
    if (t.identity) {
      add("GET", `/api/${seg}/me`, `The caller's own ${one}.`, t.span);
      add("PATCH", `/api/${seg}/me`, `Change the caller's own ${one}.`, t.span);
      continue;
    }
    add("GET", `/api/${seg}`, `List ${t.name.replace(/_/g, " ")}.`, t.span);
    // A group whose members are named by a column of the users table: nothing creates one (SF220).
    if (t.shared !== "read" && !groupViaUsers(t, tables)) add("POST", `/api/${seg}`, `Create a ${one}.`, t.span);
    if (t.keyColumns) continue;
    add("GET", `/api/${seg}/{id}`, `Get one ${one}.`, t.span);
    if (t.shared === "read") continue;
    add("PATCH", `/api/${seg}/{id}`, `Change a ${one}.`, t.span);
    add("DELETE", `/api/${seg}/{id}`, `Delete a ${one}.`, t.span);
  }
  void at;
  return out;
}

/** RawSpec -> IR, with every problem as a diagnostic and every guess as a note. */
export function buildIr(raw: RawSpec, sources: { schema: string; api: string | null }, options: BuildOptions = {}): BuildResult {
  const b = new Builder(options);
  const ir = b.build(raw, sources);
  return { ir, diagnostics: b.diagnostics, notes: b.notes };
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

/** Two names one or two edits apart (a typo): "userz" and "users". */
function closeNames(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 2 || Math.min(a.length, b.length) < 4) return false;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]! <= 2;
}

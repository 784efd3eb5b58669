// RawSpec -> IR. This is where the words people write ("varchar(200)", "FK -> users.id",
// "required", "PATCH .../complete") get a meaning. Every guess is recorded as a Note so
// `specforge explain` can show it; everything not understood becomes a diagnostic.
import type { Diagnostic, Severity } from "../diagnostics.js";
import type { RawColumn, RawEndpoint, RawIndex, RawSpec, RawTable, RawText } from "../parse/raw.js";
import { plural, singular, snakeCase, words } from "./naming.js";
import { buildListSpec, findManyToMany } from "./build-list.js";
import { matchParen } from "../parse/text.js";
import { interpretType, splitValues } from "./column-type.js";

export { interpretType, type TypeReading } from "./column-type.js";
import { addBuiltinAuth } from "./build-builtin-auth.js";
import {
  IR_VERSION,
  type Action,
  type BuiltinAuth,
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

// ---------------------------------------------------------------- constraints

export interface RefText {
  readonly table: string;
  readonly column?: string;
}

export interface DefaultText {
  readonly text: string;
  readonly quoted: boolean;
}

/** What one constraint phrase says. Offsets are into the phrase. */
export interface ConstraintReading {
  primaryKey?: boolean;
  notNull?: boolean;
  nullable?: boolean;
  unique?: boolean;
  increment?: boolean;
  default?: DefaultText;
  defaultAt?: number;
  foreignKey?: boolean; // "FK" / "foreign key", target maybe unknown
  references?: RefText;
  onDelete?: OnDelete;
  minLength?: number;
  maxLength?: number;
  /** "min 1" / "max 100": a length for text, a value for numbers. */
  min?: number;
  max?: number;
  enumValues?: string[];
  /** "renamed from old_name": the column's previous name. */
  renamedFrom?: string;
  /** Offset where the first part not understood starts. */
  unknownAt?: number;
  /** Why the part at unknownAt is not understood, when more can be said. */
  unknownWhy?: string;
}

const REF_KEYWORDS = new Set(["not", "null", "unique", "default", "references", "on", "with", "required", "nullable", "optional", "primary", "index", "indexed", "and", "cascade", "pk", "fk", "key"]);

const ON_DELETE: Record<string, OnDelete> = {
  cascade: "cascade",
  "set null": "set null",
  restrict: "restrict",
  "no action": "no action",
};

/** Read a constraint phrase: "not null, default now()", "FK -> users.id", "references users(id) on delete cascade". */
export function interpretConstraint(text: string): ConstraintReading {
  const r: ConstraintReading = {};
  let pos = 0;
  const sticky = (re: RegExp): RegExpExecArray | null => {
    re.lastIndex = pos;
    const m = re.exec(text);
    if (m) pos = re.lastIndex;
    return m;
  };
  const SEP = /(?:[\s,;/|+]+|\band\b|\bwith\b|\bis\b|\bare\b|\bthe\b|\ba\b)+/iy;
  const readRef = (): RefText | null => {
    const m = sticky(/\(?\s*[`"]?([A-Za-z_]\w*)[`"]?\s*(?:\.\s*[`"]?([A-Za-z_]\w*)[`"]?|\(\s*[`"]?([A-Za-z_]\w*)[`"]?\s*\))?\s*\)?/y);
    if (!m) return null;
    if (REF_KEYWORDS.has(m[1]!.toLowerCase()) && !m[2] && !m[3]) {
      pos = m.index;
      return null;
    }
    return { table: m[1]!, ...(m[2] || m[3] ? { column: (m[2] ?? m[3])! } : {}) };
  };
  while (pos < text.length) {
    sticky(SEP);
    if (pos >= text.length) break;
    const start = pos;
    let m: RegExpExecArray | null;
    if (sticky(/constraint\s+[`"]?\w+[`"]?/iy)) continue;
    if ((m = sticky(/(?:renamed\s+from|formerly|previously(?:\s+(?:named|called))?)\s*:?\s*[`"]?([A-Za-z_]\w*)[`"]?/iy))) {
      r.renamedFrom = m[1]!;
      continue;
    }
    if (sticky(/(?:primary\s*key|pk)\b/iy)) {
      r.primaryKey = true;
      continue;
    }
    if (sticky(/(?:not\s+null(?:able)?|non[-\s]?null(?:able)?|required|mandatory|notnull)\b/iy)) {
      r.notNull = true;
      continue;
    }
    if (sticky(/(?:nullable|optional|null|may\s+be\s+null|can\s+be\s+null)\b|\?/iy)) {
      r.nullable = true;
      continue;
    }
    if (sticky(/unique(?:\s+(?:index|constraint|key))?\b/iy)) {
      r.unique = true;
      continue;
    }
    if (sticky(/(?:auto[-_\s]?increment(?:ing|ed|s)?|autoincrement|generated\s+(?:always|by\s+default)\s+as\s+identity(?:\s*\([^)]*\))?|identity)\b/iy)) {
      r.increment = true;
      continue;
    }
    if ((m = sticky(/(?:default\s+value|defaults?(?:\s+to\b)?)\s*[:=]?\s*/iy))) {
      const d = readDefault(text, pos);
      if (!d) {
        r.unknownAt = start;
        r.unknownWhy = "default with no value";
        return r;
      }
      r.default = d.value;
      r.defaultAt = pos;
      pos = d.end;
      continue;
    }
    if (sticky(/(?:foreign\s*key|fk)\b\s*(?:->|→|=>|to\b|references\b|:|=)?\s*/iy)) {
      r.foreignKey = true;
      const ref = readRef();
      if (ref) r.references = ref;
      continue;
    }
    if (sticky(/(?:references|refs?|->|→|=>)\s*/iy)) {
      const ref = readRef();
      if (!ref) {
        r.unknownAt = start;
        r.unknownWhy = "references what?";
        return r;
      }
      r.foreignKey = true;
      r.references = ref;
      continue;
    }
    if ((m = sticky(/on\s+delete\s+(cascade|set\s+null|set\s+default|restrict|no\s+action)\b/iy))) {
      const v = ON_DELETE[m[1]!.toLowerCase().replace(/\s+/g, " ")];
      if (!v) {
        r.unknownAt = start;
        r.unknownWhy = `"on delete ${m[1]}" is not supported`;
        return r;
      }
      r.onDelete = v;
      continue;
    }
    if ((m = sticky(/ondelete\s*=\s*["']?(cascade|set\s+null|restrict|no\s+action)["']?/iy))) {
      r.onDelete = ON_DELETE[m[1]!.toLowerCase().replace(/\s+/g, " ")]!;
      continue;
    }
    // Accepted and ignored: the runtime manages these itself.
    if (sticky(/on\s+update\s+(?:cascade|restrict|no\s+action|set\s+null|now\(\)|current_timestamp(?:\(\))?|\w+)/iy)) continue;
    if (sticky(/(?:auto[-\s]?)?(?:updated|set|managed|maintained)\s+(?:on|at)\s+(?:every\s+)?(?:change|update|modification)|(?:automatically|auto)[-\s]+(?:managed|set|updated)|indexed|index|collate\s+\w+|unsigned|immutable/iy)) continue;
    if ((m = sticky(/(?:min(?:imum)?[\s_-]*len(?:gth)?|minlength)\s*[:=]?\s*(\d+)(?:\s*char(?:acter)?s?)?/iy))) {
      r.minLength = Number(m[1]);
      continue;
    }
    if ((m = sticky(/(?:max(?:imum)?[\s_-]*len(?:gth)?|maxlength)\s*[:=]?\s*(\d+)(?:\s*char(?:acter)?s?)?/iy))) {
      r.maxLength = Number(m[1]);
      continue;
    }
    if ((m = sticky(/(?:length\s*[:=]?\s*\(?\s*(\d+)\s*(?:-|–|to|\.\.)\s*(\d+)\s*\)?(?:\s*char(?:acter)?s?)?|(\d+)\s*(?:-|–|to|\.\.)\s*(\d+)\s*char(?:acter)?s?\b)/iy))) {
      r.minLength = Number(m[1] ?? m[3]);
      r.maxLength = Number(m[2] ?? m[4]);
      continue;
    }
    if ((m = sticky(/(?:max(?:imum)?|up\s+to|at\s+most)\s*[:=]?\s*(\d+)\s*char(?:acter)?s?\b/iy))) {
      r.maxLength = Number(m[1]);
      continue;
    }
    if ((m = sticky(/(?:min(?:imum)?|at\s+least)\s*[:=]?\s*(\d+)\s*char(?:acter)?s?\b/iy))) {
      r.minLength = Number(m[1]);
      continue;
    }
    if ((m = sticky(/(?:min(?:imum)?(?:\s+value)?|>=)\s*[:=]?\s*(-?\d+(?:\.\d+)?)/iy))) {
      r.min = Number(m[1]);
      continue;
    }
    if ((m = sticky(/(?:max(?:imum)?(?:\s+value)?|<=)\s*[:=]?\s*(-?\d+(?:\.\d+)?)/iy))) {
      r.max = Number(m[1]);
      continue;
    }
    if ((m = sticky(/(?:between|range)\s*[:=]?\s*(-?\d+(?:\.\d+)?)\s*(?:and|-|–|to|\.\.)\s*(-?\d+(?:\.\d+)?)/iy))) {
      r.min = Number(m[1]);
      r.max = Number(m[2]);
      continue;
    }
    if (sticky(/check\s*:?\s*/iy)) {
      let inner: string;
      if (text[pos] === "(") {
        const close = matchParen(text, pos);
        if (close < 0) {
          r.unknownAt = start;
          return r;
        }
        inner = text.slice(pos + 1, close);
        pos = close + 1;
      } else {
        inner = text.slice(pos);
        pos = text.length;
      }
      if (!readCheck(inner, r)) {
        r.unknownAt = start;
        r.unknownWhy = "this CHECK is not understood";
        return r;
      }
      continue;
    }
    if ((m = sticky(/'[^']*'(?:\s*(?:,|\bor\b)\s*'[^']*')+/iy))) {
      r.enumValues = [...m[0].matchAll(/'([^']*)'/g)].map((x) => x[1]!);
      continue;
    }
    if ((m = sticky(/(?:one\s+of|values?|in)\s*[:=]?\s*\(([^)]*)\)/iy))) {
      r.enumValues = splitValues(m[1]!);
      continue;
    }
    r.unknownAt = start;
    return r;
  }
  return r;
}

/** CHECK bodies: "x IN ('a','b')", "x >= 0", "char_length(x) >= 1", "x BETWEEN 1 AND 5", joined by AND. */
function readCheck(inner: string, r: ConstraintReading): boolean {
  const s = inner.trim().replace(/^\((.*)\)$/s, "$1").trim();
  let m = /^[`"]?(\w+)[`"]?\s+between\s+(-?\d+(?:\.\d+)?)\s+and\s+(-?\d+(?:\.\d+)?)$/i.exec(s);
  if (m) {
    r.min = Number(m[2]);
    r.max = Number(m[3]);
    return true;
  }
  const parts = s.split(/\s+and\s+/i);
  if (parts.length > 1) return parts.every((p) => readCheck(p, r));
  m = /^[`"]?(\w+)[`"]?\s+in\s*\((.*)\)$/is.exec(s);
  if (m) {
    r.enumValues = splitValues(m[2]!);
    return true;
  }
  m = /^(?:char_length|length|len)\s*\(\s*(?:trim\s*\(\s*)?[`"]?\w+[`"]?\s*\)?\s*\)\s*(>=|>|<=|<)\s*(\d+)$/i.exec(s);
  if (m) {
    const n = Number(m[2]);
    if (m[1] === ">=") r.minLength = n;
    else if (m[1] === ">") r.minLength = n + 1;
    else if (m[1] === "<=") r.maxLength = n;
    else r.maxLength = n - 1;
    return true;
  }
  m = /^[`"]?\w+[`"]?\s*(>=|<=)\s*(-?\d+(?:\.\d+)?)$/.exec(s);
  if (m) {
    if (m[1] === ">=") r.min = Number(m[2]);
    else r.max = Number(m[2]);
    return true;
  }
  m = /^(?:trim\s*\(\s*)?[`"]?\w+[`"]?\s*\)?\s*(?:<>|!=)\s*''$/.exec(s);
  if (m) {
    r.minLength = Math.max(r.minLength ?? 0, 1);
    return true;
  }
  return false;
}


/** A default expression: 'quoted', "quoted", now(), 42, false, medium, (now()). */
function readDefault(text: string, pos: number): { value: DefaultText; end: number } | null {
  const c = text[pos];
  if (c === undefined) return null;
  let end: number;
  let quoted = false;
  let value: string;
  if (c === "'" || c === '"' || c === "`") {
    end = text.indexOf(c, pos + 1);
    if (end < 0) return null;
    value = text.slice(pos + 1, end);
    end++;
    quoted = true;
  } else if (c === "(") {
    end = matchParen(text, pos);
    if (end < 0) return null;
    const inner = readDefault(text.slice(pos + 1, end).trim(), 0);
    end++;
    if (!inner) return null;
    return { value: inner.value, end };
  } else {
    const m = /[^\s,;()]+/y;
    m.lastIndex = pos;
    if (!m.exec(text)) return null;
    end = m.lastIndex;
    if (text[end] === "(") {
      const close = matchParen(text, end);
      if (close < 0) return null;
      end = close + 1;
    }
    value = text.slice(pos, end);
  }
  const cast = /::\s*[\w ]+?(?=$|[\s,;)])/y;
  cast.lastIndex = end;
  if (cast.exec(text)) end = cast.lastIndex;
  return { value: { text: value, quoted }, end };
}

/** What a default expression means for a column of the given type; a string when it is wrong. */
export function interpretDefault(d: DefaultText, type: ColumnType): DefaultValue | { problem: string; unknown?: boolean } {
  const t = d.text.trim();
  const isText = type.kind === "string" || type.kind === "text";
  if (d.quoted) {
    if (type.kind === "enum" && !type.values.includes(t))
      return { problem: `default "${t}" is not one of the values ${type.values.join(", ")}` };
    if (isText || type.kind === "enum" || type.kind === "json") return { kind: "literal", value: t };
    if ((type.kind === "integer" || type.kind === "bigint" || type.kind === "decimal" || type.kind === "float") && /^-?\d+(\.\d+)?$/.test(t))
      return { kind: "literal", value: Number(t) };
    if (type.kind === "boolean" && /^(true|false)$/i.test(t)) return { kind: "literal", value: t.toLowerCase() === "true" };
    if (type.kind === "date" || type.kind === "timestamp") return { kind: "literal", value: t };
    return { problem: `default "${t}" does not fit a ${type.kind} column` };
  }
  const lower = t.toLowerCase();
  if (/^(now\(\)|now|current_timestamp(\(\))?|current_date|localtimestamp|transaction_timestamp\(\)|utcnow\(\)|datetime\.(utc)?now(\(\))?|timezone\('utc',\s*now\(\)\))$/.test(lower)) {
    if (type.kind === "timestamp" || type.kind === "date") return { kind: "now" };
    return { problem: `default ${t} (the current time) does not fit a ${type.kind} column` };
  }
  if (/^(gen_random_uuid\(\)|uuid_generate_v4\(\)|uuid\(\)|uuid4(\(\))?|uuid\.uuid4(\(\))?|random_uuid\(\)|newid\(\)|cuid\(\))$/.test(lower)) {
    if (type.kind === "uuid" || isText) return { kind: "uuid" };
    return { problem: `default ${t} (a new uuid) does not fit a ${type.kind} column` };
  }
  if (/^(autoincrement(\(\))?|auto_increment|nextval\(.*\))$/.test(lower)) return { kind: "increment" };
  if (lower === "null" || lower === "none") return { kind: "literal", value: null };
  if (/^(true|false)$/.test(lower)) {
    if (type.kind === "boolean") return { kind: "literal", value: lower === "true" };
    return { problem: `default ${t} does not fit a ${type.kind} column` };
  }
  if (/^-?\d+(\.\d+)?$/.test(t)) {
    if (type.kind === "integer" || type.kind === "bigint") {
      if (!/^-?\d+$/.test(t)) return { problem: `default ${t} is not a whole number` };
      return { kind: "literal", value: Number(t) };
    }
    if (type.kind === "decimal" || type.kind === "float") return { kind: "literal", value: Number(t) };
    if (isText) return { kind: "literal", value: t };
    if (type.kind === "enum" && type.values.includes(t)) return { kind: "literal", value: t };
    return { problem: `default ${t} does not fit a ${type.kind} column` };
  }
  if (/^[A-Za-z_][\w-]*$/.test(t)) {
    if (type.kind === "enum") {
      if (type.values.includes(t)) return { kind: "literal", value: t };
      return { problem: `default "${t}" is not one of the values ${type.values.join(", ")}` };
    }
    if (isText) return { kind: "literal", value: t };
  }
  if (/^[[{]/.test(t) && type.kind === "json") return { kind: "literal", value: t };
  return { problem: `default ${t} is not understood`, unknown: true };
}

// ---------------------------------------------------------------- building

interface ColumnDraft {
  name: string;
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
  description?: string;
  references: { table: string; column: string; onDelete: OnDelete } | null;
}

interface TableDraft {
  name: string;
  span: Span;
  description?: string;
  columns: ColumnDraft[];
  rawIndexes: RawIndex[];
  owner?: RawText;
  identity: boolean;
  primaryKey: string;
  /** Set when the key is not one column: several (composite) or none ([]). */
  keyColumns?: string[];
  renamedFrom?: string;
}

class Builder {
  readonly diagnostics: Diagnostic[] = [];
  readonly notes: Note[] = [];

  diag(severity: Severity, code: string, message: string, span: Span, hint?: string): void {
    this.diagnostics.push({ severity, code, message, span, ...(hint ? { hint } : {}) });
  }

  private relations: ManyToMany[] = [];

  note(span: Span, message: string): void {
    this.notes.push({ span, message });
  }

  /** The spec's authentication mode; read first, because it changes how tables and endpoints are read. */
  private authMode: { mode: "external" | "builtin"; provider?: string } = { mode: "external" };

  build(raw: RawSpec, sources: { schema: string; api: string | null }): IR {
    this.authMode = this.buildAuthMode(raw.authMode);
    const tables = this.buildTables(raw);
    const identity = this.findIdentity(tables);
    for (const t of tables) this.resolveReferences(t, tables, identity);
    const owners = new Map<string, string | null>();
    for (const t of tables) owners.set(t.name, t === identity ? null : this.findOwner(t, identity));
    this.attachSpecIndexes(raw.indexes, tables);
    let irTables: Table[] = tables.map((t) => this.finishTable(t, identity, owners.get(t.name) ?? null));
    let builtin: BuiltinAuth | null = null;
    if (this.authMode.mode === "builtin" && raw.authMode) {
      ({ tables: irTables, builtin } = addBuiltinAuth(irTables, raw.authMode.span, (m, span, hint) => this.diag("error", "SF125", m, span, hint)));
    }
    irTables.sort((a, b) => cmp(a.name, b.name));
    this.relations = findManyToMany(irTables);
    const endpoints = this.buildEndpoints(raw.endpoints, irTables);
    return {
      version: IR_VERSION,
      sources: { schema: sources.schema, api: sources.api },
      auth: { ...this.authMode, identityTable: identity?.name ?? null, ...(builtin ? { builtin } : {}) },
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

  private buildTables(raw: RawSpec): TableDraft[] {
    const groups = new Map<string, RawTable[]>();
    for (const t of raw.tables) {
      const key = t.name.text;
      const g = groups.get(key);
      if (g) g.push(t);
      else groups.set(key, [t]);
    }
    const out: TableDraft[] = [];
    for (const [name, defs] of groups) {
      const first = defs[0]!;
      for (const d of defs.slice(1)) this.note(d.name.span, `table "${name}" is written again here; both definitions are merged (the first one wins where they differ)`);
      const draft: TableDraft = {
        name,
        span: first.name.span,
        columns: [],
        rawIndexes: defs.flatMap((d) => d.indexes),
        identity: defs.some((d) => d.identity === true),
        primaryKey: "",
      };
      const description = defs.find((d) => d.description)?.description;
      if (description) draft.description = description;
      const owner = defs.find((d) => d.owner)?.owner;
      if (owner) draft.owner = owner;
      const renamedFrom = defs.find((d) => d.renamedFrom)?.renamedFrom;
      if (renamedFrom && renamedFrom.text !== name) draft.renamedFrom = renamedFrom.text;
      // Columns: duplicates inside one definition are errors; across definitions they merge.
      const byName = new Map<string, { def: number; cols: RawColumn[] }>();
      const order: string[] = [];
      defs.forEach((d, di) => {
        const seen = new Set<string>();
        for (const c of d.columns) {
          const n = c.name.text;
          if (seen.has(n)) {
            this.diag("error", "SF106", `column "${n}" is defined twice in table "${name}"`, c.name.span, "remove or rename one of them");
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
      for (const n of order) draft.columns.push(this.buildColumn(name, byName.get(n)!.cols));
      this.pickPrimaryKey(draft);
      out.push(draft);
    }
    return out;
  }

  private buildColumn(table: string, defs: RawColumn[]): ColumnDraft {
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
    let nullable: Span | null = null;
    let increment = false;
    let defaultText: { d: DefaultText; span: Span } | null = null;
    let minAny: number | undefined;
    let maxAny: number | undefined;
    let enumValues: string[] | null = null;
    const phrases: RawText[] = [];
    defs.forEach((def, i) => {
      const tr = interpretType(def.type.text);
      if (i === 0) {
        if (!tr.type) {
          this.diag("error", "SF103", `column "${col.name}" in table "${table}" has a type that is not understood: "${def.type.text}"`, def.type.span,
            "use one of: string, varchar(n), text, integer, bigint, serial, uuid, boolean, timestamp, date, decimal(p,s), float, json, enum(a, b)");
        } else if (tr.problem) {
          this.diag("error", "SF103", `column "${col.name}" in table "${table}": ${tr.problem} ("${def.type.text}")`, def.type.span, "store a list in a json column");
        } else if (tr.type.kind === "enum" && tr.type.values.length === 0) {
          this.diag("warning", "SF122", `column "${table}.${col.name}" is an enum with no values; it is stored as text`, def.type.span,
            'list the values: "enum(a, b, c)"');
          col.type = { kind: "text" };
        } else col.type = tr.type;
      } else if (tr.type && col.type && !sameType(tr.type, col.type)) {
        this.diag("warning", "SF107", `column "${table}.${col.name}" is written as "${def.type.text}" here but as ${describeType(col.type)} before; the first definition is used`, def.type.span,
          "make the two definitions agree, or keep only one");
      }
      if (tr.increment) increment = true;
      if (tr.nullable) nullable ??= def.type.span;
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
      if (r.unknownAt !== undefined) {
        const bad = p.text.slice(r.unknownAt).trim();
        this.diag("warning", "SF108", `constraint "${short(bad)}" on column "${table}.${col.name}" is not understood${r.unknownWhy ? ` (${r.unknownWhy})` : ""}; it is ignored`,
          spanAt(p.span, p.text, r.unknownAt),
          'known constraints: primary key, not null/required, nullable/optional, unique, default X, references t(c) / FK -> t.c, on delete cascade|set null|restrict|no action, min/max length N, min/max N, check (x in (...))');
      }
    }
    const type = col.type;
    if (type) {
      if (enumValues) {
        if (type.kind === "string" || type.kind === "text" || type.kind === "enum") {
          if (type.kind !== "enum") this.note(col.span, `column "${table}.${col.name}" is read as enum(${enumValues.join(", ")}) because of its CHECK ... IN list`);
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
      if (defaultText) {
        const dv = interpretDefault(defaultText.d, col.type ?? type);
        if ("problem" in dv) {
          if (dv.unknown) this.diag("warning", "SF118", `default of column "${table}.${col.name}" is not understood: ${defaultText.d.text}; it is ignored`, defaultText.span,
            "write now(), gen_random_uuid(), a number, true/false, or a quoted string");
          else this.diag("error", "SF117", `column "${table}.${col.name}": ${dv.problem}`, defaultText.span);
        } else col.default = dv;
      }
      if (increment) {
        if (type.kind === "integer" || type.kind === "bigint") col.default = { kind: "increment" };
        else this.diag("warning", "SF108", `auto-increment on ${type.kind} column "${table}.${col.name}" is ignored`, col.typeSpan, "only integer and bigint columns count up");
      }
    }
    // Nullability: primary key > explicit words > has a default > nullable.
    if (col.primaryKey) col.nullable = false;
    else if (notNull && nullable) col.nullable = comparePos(nullable, notNull) < 0;
    else if (notNull) col.nullable = false;
    else if (nullable) col.nullable = true;
    else if (col.default) {
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
      this.diag("warning", "SF109", `table "${t.name}" has no primary key; it is created without one and gets no item routes`, t.span, 'mark one column "primary key" (usually "id: serial (primary key)")');
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
        this.diag("error", "SF120", `table "${t.name}" is marked as the identity table, but so is "${marked[0]!.name}"`, t.span, "only one table holds the users");
    }
    if (marked[0]) return marked[0];
    const named = tables.find((t) => t.name === "users") ?? tables.find((t) => t.name === "user");
    if (named) {
      named.identity = true;
      return named;
    }
    return null;
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
      if (!ref && c.bareFk) {
        // "FK" with no target: guess from the name, user_id -> users.id.
        // Longest suffix first: invited_by_user_id -> invited_by_user, by_user, user.
        const m = /^(.*?)_?id$/i.exec(snakeCase(c.name));
        const parts = m && m[1] ? m[1].split("_") : [];
        let target: TableDraft | undefined;
        for (let k = 0; k < parts.length && !target; k++) target = this.tableByName(parts.slice(k).join("_"), tables);
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
      const target = this.tableByName(ref.table, tables);
      if (!target) {
        // Kept so the validator reports it with the other reference checks.
        c.references = { table: ref.table, column: ref.column ?? "id", onDelete: c.onDelete ?? "no action" };
        continue;
      }
      if (target.name !== ref.table) this.note(c.refSpan, `"${ref.table}" read as table "${target.name}"`);
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
    const byName = t.columns.find((c) => preferred.includes(snakeCase(c.name)) && !c.references && !c.primaryKey);
    if (byName) {
      this.note(byName.span, `"${t.name}.${byName.name}" references no table; read as the owner column because of its name`);
      return byName.name;
    }
    return null;
  }

  /** Indexes from "## Indexes" sections: name their table, or are guessed from the columns. */
  private attachSpecIndexes(indexes: readonly RawIndex[], tables: TableDraft[]): void {
    for (const i of indexes) {
      let t = i.table ? this.tableByName(i.table, tables) : undefined;
      if (i.table && !t) {
        this.diag("error", "SF112", `index on unknown table "${i.table}"`, i.span, `known tables: ${tables.map((x) => x.name).join(", ") || "none"}`);
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
          this.diag("error", "SF112", `index (${i.columns.join(", ")}) does not say which table it is on`, i.span,
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
    const indexes: Index[] = [];
    const seen = new Set<string>();
    for (const i of t.rawIndexes) {
      const missing = i.columns.filter((c) => !columns.some((col) => col.name === c));
      if (missing.length) {
        this.diag("error", "SF111", `index on table "${t.name}" names unknown column${missing.length > 1 ? "s" : ""} ${missing.map((m) => `"${m}"`).join(", ")}`, i.span,
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
    };
  }

  // -------------------------------------------------------------- endpoints

  private buildEndpoints(raws: readonly RawEndpoint[], tables: readonly Table[]): Endpoint[] {
    const out = new Map<string, Endpoint>();
    for (const raw of raws) {
      const ep = this.buildEndpoint(raw, tables);
      if (!ep) continue;
      const key = `${ep.method} ${ep.path}`;
      const prev = out.get(key);
      if (prev) {
        if (prev.successStatus !== ep.successStatus || prev.auth !== ep.auth) {
          this.diag("warning", "SF207", `${ep.method.toUpperCase()} ${ep.path} is written again with a different ${prev.auth !== ep.auth ? "authentication" : "status"}; the first one is used`,
            ep.span, "keep one definition of each endpoint");
        } else this.note(ep.span, `${ep.method.toUpperCase()} ${ep.path} is written again here; the first definition is used`);
        continue;
      }
      out.set(key, ep);
    }
    return [...out.values()].sort((a, b) => cmp(a.path, b.path) || cmp(a.method, b.method));
  }

  private buildEndpoint(raw: RawEndpoint, tables: readonly Table[]): Endpoint | null {
    const span = raw.method.span;
    const method = raw.method.text.toLowerCase();
    const where = `${raw.method.text.toUpperCase()} ${raw.path.text}`;
    if (!isMethod(method)) {
      this.diag("warning", "SF208", `${where}: HTTP method ${raw.method.text} is not supported; the endpoint is skipped`, span, "use GET, POST, PUT, PATCH or DELETE");
      return null;
    }
    const path = normalisePath(raw.path.text);
    if (path !== raw.path.text) this.note(raw.path.span, `path ${raw.path.text} read as ${path}`);
    const segs = path.split("/").filter(Boolean);
    const isParam = (s: string) => /^\{.+\}$/.test(s);
    const paramName = (s: string) => s.slice(1, -1);
    const literals = segs.filter((s) => !isParam(s)).map((s) => s.toLowerCase());
    if (literals.some((s) => AUTH_SEGMENTS.has(s))) {
      if (this.authMode.mode === "builtin") {
        if (BUILTIN_ROUTES.has(`${method} ${path}`)) this.note(span, `${where} is generated by the built-in auth module`);
        else this.diag("warning", "SF203", `${where} is an authentication or account route; it is not generated (the built-in auth module serves POST /api/auth/register, login, refresh and logout)`, span,
          "use those four routes, or write the route yourself outside generated/");
        return null;
      }
      this.diag("warning", "SF203", `${where} is an authentication or account route; it is not generated (users sign in with the external auth service)`, span,
        "tokens are issued by the auth service; the generated API only verifies them");
      return null;
    }
    let userParam: string | null = null;
    let resourceAt = -1;
    let table: Table | undefined;
    segs.forEach((s, i) => {
      if (isParam(s)) {
        if (USER_PARAM.test(paramName(s)) && !userParam && (resourceAt < 0 || i < resourceAt)) userParam = paramName(s);
        return;
      }
      const t = matchTable(s, tables);
      if (t) {
        table = t;
        resourceAt = i;
      }
    });
    if (!table || resourceAt < 0) {
      this.diag("warning", "SF201", `${where}: no table matches this path; the endpoint is skipped`, span,
        `tables: ${tables.map((t) => t.name).join(", ") || "none"}; the path's resource segment must name one (plural or singular)`);
      return null;
    }
    const t: Table = table;
    if (this.authMode.mode === "builtin" && (t.identity || t.addedBy)) {
      // Its rows hold password hashes (or refresh-token hashes): no generated route may serve them.
      this.diag("warning", "SF215", `${where}: table "${t.name}" belongs to the built-in auth module; the endpoint is skipped`, span,
        "the module serves POST /api/auth/register, login, refresh and logout; write profile routes yourself outside generated/");
      return null;
    }
    if (!raw.path.text.includes(segs[resourceAt]!) || segs[resourceAt] !== t.name) {
      if (segs[resourceAt] !== t.name) this.note(raw.path.span, `"${segs[resourceAt]}" in ${where} read as table "${t.name}"`);
    }
    let before = segs.slice(0, resourceAt).filter((s) => isParam(s) && paramName(s) !== userParam);
    let action: Action | null = null;
    let idParam: string | null = null;
    let stubReason: string | null = null;
    let tableOut: Table = t;
    if (before.length) {
      // /tasks/{id}/tags[/{tag_id}]: a many-to-many relation through a join table.
      const srcAt = segs.findIndex((s, i) => i < resourceAt && !isParam(s) && matchTable(s, tables) !== undefined);
      const src = srcAt >= 0 ? matchTable(segs[srcAt]!, tables)! : undefined;
      const rel = src && this.relations.find((r) => r.source === src.name && r.target === t.name);
      const tail = segs.slice(resourceAt + 1);
      if (src && rel && srcAt + 2 === resourceAt && isParam(segs[srcAt + 1]!) && tail.length <= 1 && tail.every(isParam)) {
        idParam = paramName(segs[srcAt + 1]!);
        const targetParam = tail.length ? paramName(tail[0]!) : null;
        const kind = !targetParam && method === "get" ? "relation-list" : targetParam && (method === "put" || method === "post") ? "relation-add" : targetParam && method === "delete" ? "relation-remove" : null;
        if (kind) {
          action = { kind, relation: rel.name, targetParam };
          tableOut = src;
        }
      }
      if (!action) {
        if (!src) {
          this.diag("warning", "SF202", `${where}: nested resource paths (parameter ${before[0]} before "${segs[resourceAt]}") are not supported; the endpoint is skipped`, span);
          return null;
        }
        stubReason = `nested path under "${src.name}" is not a join-table relation the generator knows`;
        this.diag("warning", "SF202", `${where}: ${stubReason}; a route answering 501 is generated`, span,
          `a many-to-many relation needs a join table with two owned foreign keys (e.g. task_tags: task_id, tag_id); supported: GET /${src.name}/{id}/<target>, PUT|POST|DELETE /${src.name}/{id}/<target>/{target_id}`);
        tableOut = src;
        idParam = isParam(segs[srcAt + 1] ?? "") ? paramName(segs[srcAt + 1]!) : null;
      }
      before = [];
    }
    const rest = action || stubReason ? [] : segs.slice(resourceAt + 1);
    if (action || stubReason) {
      // decided above (nested relation route or stub)
    } else if (rest.length === 0) {
      if (method === "get") action = { kind: "list" };
      else if (method === "post") action = { kind: "create" };
    } else if (rest.length === 1 && isParam(rest[0]!)) {
      idParam = paramName(rest[0]!);
      action =
        method === "get" ? { kind: "get" } : method === "put" ? { kind: "replace" } : method === "patch" ? { kind: "update" } : method === "delete" ? { kind: "delete" } : null;
    } else if (rest.length === 2 && isParam(rest[0]!) && !isParam(rest[1]!) && (method === "patch" || method === "post" || method === "put")) {
      idParam = paramName(rest[0]!);
      action = this.setAction(raw.summary ?? "", t) ?? (() => {
        const field = this.toggleField(rest[1]!, t);
        return field ? ({ kind: "toggle", field } as const) : this.enumAction(rest[1]!, t);
      })();
      if (!action) {
        stubReason = `"${rest[1]}" names no boolean column to toggle and no value to set`;
        this.diag("warning", "SF204", `${where}: "${rest[1]}" names no boolean column of "${t.name}" to toggle and no enum value to set; a route answering 501 is generated`, span,
          `boolean columns of "${t.name}": ${t.columns.filter((c) => c.type.kind === "boolean").map((c) => c.name).join(", ") || "none"}; or say "Sets \`status\` to \`archived\`" in the summary`);
      }
    }
    if (!action && !stubReason) {
      stubReason = "what this endpoint does is not clear from its method and path";
      if (rest.length >= 1 && isParam(rest[0]!)) idParam = paramName(rest[0]!);
      this.diag("warning", "SF202", `${where}: what this endpoint does is not clear (method and path shape); a route answering 501 is generated`, span,
        "supported: GET/POST on a collection, GET/PUT/PATCH/DELETE on /{id}, PATCH/POST/PUT on /{id}/<boolean column> (toggle)");
    }
    if (!action) action = { kind: "stub", reason: stubReason! };
    const successStatus = raw.status ?? (action.kind === "create" ? 201 : action.kind === "delete" || action.kind === "relation-remove" ? 204 : 200);
    const report = (severity: "warning" | "note", code: string, message: string, at: Span, hint?: string) =>
      severity === "note" ? this.note(at, message) : this.diag("warning", code, message, at, hint);
    return {
      method,
      path,
      span,
      table: tableOut.name,
      action,
      userParam,
      idParam,
      auth: raw.auth ?? "required",
      successStatus,
      summary: raw.summary ?? "",
      ...(action.kind === "list" ? { list: buildListSpec(raw, t, report) } : {}),
    };
  }

  /** "Sets `status` to `archived`" / "set completed to true" in the summary. */
  private setAction(summary: string, t: Table): Action | null {
    const m = /\bsets?\s+[`"']?([A-Za-z_]\w*)[`"']?\s+to\s+[`"']?([A-Za-z0-9_.-]+)[`"']?/i.exec(summary);
    if (!m) return null;
    const c = t.columns.find((x) => x.name === m[1] && x.role === "data");
    if (!c) return null;
    const v = m[2]!;
    if (c.type.kind === "boolean" && /^(true|false)$/i.test(v)) return { kind: "set", field: c.name, value: /^true$/i.test(v) };
    if (c.type.kind === "enum" && c.type.values.includes(v)) return { kind: "set", field: c.name, value: v };
    if (/^null$/i.test(v) && c.nullable) return { kind: "set", field: c.name, value: null };
    if ((c.type.kind === "string" || c.type.kind === "text") && !/^null$/i.test(v)) return { kind: "set", field: c.name, value: v };
    return null;
  }

  /** "/tasks/{id}/archive" with a status enum that has "archived": set it. */
  private enumAction(seg: string, t: Table): Action | null {
    const base = words(seg).join("_");
    const forms = new Set([base, `${base}d`, `${base}ed`, base.replace(/e$/, "") + "ed"]);
    for (const c of t.columns) {
      if (c.type.kind !== "enum" || c.role !== "data") continue;
      const v = c.type.values.find((x) => forms.has(x.toLowerCase()));
      if (v) return { kind: "set", field: c.name, value: v };
    }
    return null;
  }

  /** "complete" -> completed, "done" -> is_done/done, "toggle" -> the only boolean column. */
  private toggleField(seg: string, t: Table): string | null {
    const bools = t.columns.filter((c) => c.type.kind === "boolean").map((c) => c.name);
    const w = words(seg).filter((x) => x !== "toggle" && x !== "status" && x !== "flip");
    if (w.length === 0) return bools.length === 1 ? bools[0]! : null;
    const base = w.join("_");
    const stems = [base, base.replace(/e$/, "")];
    const candidates = new Set<string>();
    // "pin" -> "pinned", "star" -> "starred": a short verb doubles its last consonant.
    const doubled = /[^aeiou][aeiou][bdgklmnprt]$/.test(base) ? [`${base}${base.at(-1)}ed`] : [];
    for (const s of stems) for (const form of [s, `${s}d`, `${s}ed`, ...doubled]) {
      candidates.add(form);
      candidates.add(`is_${form}`);
    }
    return bools.find((b) => candidates.has(snakeCase(b))) ?? null;
  }
}

const USER_PARAM = /^(user_?id|userid|uid)$/i;

/** What the built-in auth module serves (runtime/builtin-auth.ts); the same lines in a spec are notes, not warnings. */
const BUILTIN_ROUTES = new Set(["post /api/auth/register", "post /api/auth/login", "post /api/auth/refresh", "post /api/auth/logout"]);

const AUTH_SEGMENTS = new Set([
  "auth", "login", "logout", "register", "signup", "signin", "sign-in", "sign-up", "sign-out", "signout",
  "token", "tokens", "refresh", "session", "sessions", "me", "oauth", "callback", "password", "verify", "jwks",
]);

function isMethod(m: string): m is HttpMethod {
  return m === "get" || m === "post" || m === "put" || m === "patch" || m === "delete";
}

/** "/api/tasks/:id/" -> "/api/tasks/{id}"; "<int:id>" and "[id]" too; the query string is dropped. */
export function normalisePath(path: string): string {
  let p = path.trim().replace(/[?#].*$/, "");
  p = p
    .split("/")
    .map((s) => {
      let m = /^:(\w+)$/.exec(s) ?? /^<(?:\w+:)?(\w+)>$/.exec(s) ?? /^\[(\w+)\]$/.exec(s) ?? /^\{(\w+)(?::[^}]*)?\}$/.exec(s);
      return m ? `{${m[1]}}` : s;
    })
    .join("/");
  if (p.length > 1) p = p.replace(/\/+$/, "");
  if (!p.startsWith("/")) p = "/" + p;
  return p;
}

/** Key for matching names written differently: "Task", "tasks", "task-lists" -> "task", "task_list". */
// Table matching compares every endpoint segment with every table name: memoise the keys.
const nameKeys = new Map<string, string>();

function nameKey(name: string): string {
  let k = nameKeys.get(name);
  if (k === undefined) {
    const w = words(name);
    if (w.length === 0) k = name.toLowerCase();
    else {
      w[w.length - 1] = singular(w[w.length - 1]!);
      k = w.join("_");
    }
    if (nameKeys.size > 10_000) nameKeys.clear();
    nameKeys.set(name, k);
  }
  return k;
}

function matchTable(seg: string, tables: readonly Table[]): Table | undefined {
  const exact = tables.find((t) => t.name === seg);
  if (exact) return exact;
  const k = nameKey(seg);
  return tables.find((t) => nameKey(t.name) === k) ?? tables.find((t) => pluralKey(t.name) === k);
}

const pluralKeys = new Map<string, string>();

function pluralKey(name: string): string {
  let k = pluralKeys.get(name);
  if (k === undefined) {
    k = nameKey(plural(name));
    if (pluralKeys.size > 10_000) pluralKeys.clear();
    pluralKeys.set(name, k);
  }
  return k;
}

function sameType(a: ColumnType, b: ColumnType): boolean {
  const group = (t: ColumnType) => (t.kind === "string" || t.kind === "text" ? "str" : t.kind);
  return group(a) === group(b);
}

function describeType(t: ColumnType): string {
  return t.kind === "string" && t.maxLength ? `string(${t.maxLength})` : t.kind;
}

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

/** RawSpec -> IR, with every problem as a diagnostic and every guess as a note. */
export function buildIr(raw: RawSpec, sources: { schema: string; api: string | null }): BuildResult {
  const b = new Builder();
  const ir = b.build(raw, sources);
  return { ir, diagnostics: b.diagnostics, notes: b.notes };
}

// Prisma schema code pasted into a spec (a ```prisma block): each `model` becomes a raw table,
// each `enum` a raw enum, in the texts the IR builder reads (`varchar(200)`, `not null`,
// `references users(id) on delete cascade`). The parser (@mrleebo/prisma-ast, on chevrotain)
// costs ~0.3 s to import, so it is loaded only when a spec holds Prisma code.
import type * as P from "@mrleebo/prisma-ast";
import type { Diagnostic } from "../base/diagnostics.js";
import { plural, singular, snakeCase } from "../base/naming.js";
import type { Span } from "../base/span.js";
import { emptyResult, type BlockReader, type ReaderResult, type SourceBlock } from "./block.js";
import type { RawColumn, RawEnum, RawForeignKey, RawIndex, RawTable, RawText } from "./raw.js";

const SCALARS: Readonly<Record<string, string>> = {
  String: "text",
  Int: "integer",
  BigInt: "bigint",
  Float: "float",
  Decimal: "decimal",
  Boolean: "boolean",
  DateTime: "timestamp",
  Json: "jsonb",
  Bytes: "bytea",
};

/** A Prisma scalar type name ("String", "DateTime") -> PostgreSQL type text ("text", "timestamp"); null for anything else (exact case, no `?`/`[]`). */
export function prismaScalarType(name: string): string | null {
  return Object.hasOwn(SCALARS, name) ? SCALARS[name]! : null;
}

// @db.* native types -> PostgreSQL type text. Names of other databases' types map to the nearest
// PostgreSQL type; an unknown one passes through in lower case with its arguments.
const NATIVE: Readonly<Record<string, (a: readonly string[]) => string>> = {
  VarChar: (a) => (a[0] ? `varchar(${a[0]})` : "varchar"),
  NVarChar: (a) => (a[0] && a[0] !== "Max" ? `varchar(${a[0]})` : "text"),
  Char: (a) => (a[0] ? `char(${a[0]})` : "char"),
  NChar: (a) => (a[0] ? `char(${a[0]})` : "char"),
  Text: () => "text",
  NText: () => "text",
  TinyText: () => "text",
  MediumText: () => "text",
  LongText: () => "text",
  Citext: () => "citext",
  Uuid: () => "uuid",
  UniqueIdentifier: () => "uuid",
  ObjectId: () => "text",
  Inet: () => "inet",
  Xml: () => "xml",
  Bit: (a) => (a[0] ? `bit(${a[0]})` : "bit"),
  VarBit: (a) => (a[0] ? `varbit(${a[0]})` : "varbit"),
  Money: () => "money",
  Oid: () => "oid",
  // "timestamptz(6)" would not read as one type; the long form does.
  Timestamptz: (a) => (a[0] ? `timestamp(${a[0]}) with time zone` : "timestamp with time zone"),
  Timestamp: (a) => (a[0] ? `timestamp(${a[0]})` : "timestamp"),
  DateTime: (a) => (a[0] ? `timestamp(${a[0]})` : "timestamp"),
  DateTime2: () => "timestamp",
  DateTimeOffset: () => "timestamp with time zone",
  SmallDateTime: () => "timestamp",
  Timetz: (a) => (a[0] ? `time(${a[0]}) with time zone` : "time with time zone"),
  Time: (a) => (a[0] ? `time(${a[0]})` : "time"),
  Date: () => "date",
  Decimal: (a) => (a.length ? `decimal(${a.join(",")})` : "decimal"),
  Numeric: (a) => (a.length ? `numeric(${a.join(",")})` : "numeric"),
  Real: () => "real",
  Float: () => "real",
  Double: () => "double precision",
  DoublePrecision: () => "double precision",
  SmallInt: () => "smallint",
  TinyInt: () => "smallint",
  UnsignedTinyInt: () => "smallint",
  UnsignedSmallInt: () => "integer",
  MediumInt: () => "integer",
  UnsignedMediumInt: () => "integer",
  Integer: () => "integer",
  Int: () => "integer",
  UnsignedInt: () => "bigint",
  BigInt: () => "bigint",
  UnsignedBigInt: () => "bigint",
  Year: () => "integer",
  Boolean: () => "boolean",
  Json: () => "json",
  JsonB: () => "jsonb",
  ByteA: () => "bytea",
  Binary: () => "bytea",
  VarBinary: () => "bytea",
  Blob: () => "bytea",
  TinyBlob: () => "bytea",
  MediumBlob: () => "bytea",
  LongBlob: () => "bytea",
  Image: () => "bytea",
};

const ON_DELETE: Readonly<Record<string, string>> = { Cascade: "cascade", SetNull: "set null", Restrict: "restrict", NoAction: "no action" };
const ID_FUNCTIONS = new Set(["uuid", "cuid", "nanoid", "ulid", "auto"]);

type Parse = (text: string) => P.Schema;

let loading: Promise<BlockReader> | null = null;

/** The Prisma reader; its first call imports the parser (once per process). */
export async function loadPrismaReader(): Promise<BlockReader> {
  loading ??= (async () => {
    // The ESM build: the CommonJS one require()s chevrotain, which is ESM-only, and tsx's
    // require hook cannot resolve chevrotain's own imports (plain node can). `as string` keeps
    // tsc from asking for that file's own type declarations (it has none), while esbuild still
    // sees a literal and bundles the parser: loaded as one file it costs ~50 ms instead of
    // ~350 ms for chevrotain's and lodash-es's hundreds of modules.
    const api = (await import("@mrleebo/prisma-ast/dist/prisma-ast.esm.js" as string)) as typeof P;
    // Our own parser with full location tracking; the package's default one has none.
    const parser = new api.PrismaParser({ nodeLocationTracking: "full" });
    const visitor = new (api.VisitorClassFactory(parser))();
    const parse: Parse = (text) => api.getSchema(text, { parser, visitor });
    return (block: SourceBlock) => readPrisma(block, parse);
  })().catch((e: unknown) => {
    loading = null;
    throw e;
  });
  return loading;
}

interface ModelInfo {
  readonly table: string;
  /** Prisma field name -> column name (@map or as written). */
  readonly columns: ReadonlyMap<string, string>;
}

interface EnumInfo {
  readonly name: string;
  /** Value as written -> value in the database (@map). */
  readonly values: ReadonlyMap<string, string>;
}

interface ColumnDraft {
  readonly field: string;
  readonly name: RawText;
  readonly type: RawText;
  readonly constraints: RawText[];
  readonly description?: string;
}

/** Reads one block; `parse` is the loaded Prisma parser. Exposed for tests through loadPrismaReader only. */
function readPrisma(block: SourceBlock, parse: Parse): ReaderResult {
  const out = emptyResult();
  // A line that is only `...` leaves fields out of an example: blanked (offsets kept) so the
  // model around it still parses.
  const elided = /^[ \t]*(?:\.\.\.|…)[ \t]*$/gm;
  const elisions = [...block.text.matchAll(elided)].map((m) => m.index + m[0].search(/\S/));
  const text = elisions.length ? block.text.replace(elided, (m) => " ".repeat(m.length)) : block.text;
  const span = (offset: number): Span => block.at(Math.max(0, Math.min(offset, text.length)));
  const raw = (t: string, offset: number): RawText => ({ text: t, span: span(offset) });
  const warn = (message: string, offset: number, hint?: string): void => {
    const d: Diagnostic = { severity: "warning", code: "SF113", message, span: span(offset), ...(hint ? { hint } : {}) };
    out.diagnostics.push(d);
  };
  const note = (message: string, offset: number): void => {
    out.notes.push({ span: span(offset), message });
  };

  const list = parseWithRecovery(text, parse, warn);
  for (const at of elisions) note("`...` leaves fields out here; what it stands for is not read", at);

  // -------------------------------------------------------------- positions
  // The parser locates some nodes only (names of blocks, fields, attributes, functions); every
  // offset is checked against the text, and a miss falls back to a start that is surely right.
  const blockNameAt = (b: { name: string; location?: P.CstNodeLocation }, keyword: string): number => {
    const loc = b.location;
    if (loc?.endOffset !== undefined && Number.isFinite(loc.endOffset)) {
      const at = loc.endOffset - b.name.length + 1;
      if (text.startsWith(b.name, at)) return at;
    }
    const re = new RegExp(`(^|\\n)[ \\t]*${keyword}[ \\t]+(${b.name})\\b`, "g");
    const m = re.exec(text);
    return m ? m.index + m[0].length - b.name.length : 0;
  };
  const blockStartAt = (nameAt: number): number => {
    const lineStart = text.lastIndexOf("\n", nameAt - 1) + 1;
    return lineStart + (text.slice(lineStart).length - text.slice(lineStart).trimStart().length);
  };
  const fieldAt = (f: P.Field, modelAt: number): number => {
    const off = f.location?.startOffset;
    if (off !== undefined && Number.isFinite(off) && text.startsWith(f.name, off)) return off;
    const re = new RegExp(`(^|\\n)([ \\t]*)(${escapeRe(f.name)})\\b`, "g");
    re.lastIndex = modelAt;
    const m = re.exec(text);
    return m ? m.index + m[1]!.length + m[2]!.length : modelAt;
  };
  const attrAt = (a: { location?: P.CstNodeLocation }, fallback: number): number => {
    const off = a.location?.startOffset;
    return off !== undefined && Number.isFinite(off) && text[off] === "@" ? off : fallback;
  };
  /** Where the content of the string literal `quoted` (as the parser gives it, with quotes) is, on the line from `from`. */
  const stringAt = (quoted: string, from: number): number => {
    const i = text.indexOf(quoted, from);
    if (i < 0 || text.slice(from, i).includes("\n")) return from;
    return i + 1;
  };

  // -------------------------------------------------------------- what the block defines
  const models = new Map<string, ModelInfo>();
  const enums = new Map<string, EnumInfo>();
  const composites = new Set<string>();
  for (const b of list) {
    if (b.type === "enum") {
      const mapped = blockAttrs(b.enumerators).find((a) => a.name === "map");
      const values = new Map<string, string>();
      for (const e of b.enumerators) {
        if (e.type !== "enumerator") continue;
        const m = (e.attributes ?? []).find((a) => a.name === "map" && !a.group);
        const v = m ? stringValue(positional(m)[0]) : undefined;
        values.set(e.name, v ?? e.name);
      }
      enums.set(b.name, { name: (mapped && stringValue(positional(mapped)[0])) ?? b.name, values });
    } else if (b.type === "type") composites.add(b.name);
  }
  for (const b of list) {
    if (b.type !== "model") continue;
    const mapped = blockAttrs(b.properties).find((a) => a.name === "map" && !a.group);
    const columns = new Map<string, string>();
    for (const f of fields(b)) {
      const m = (f.attributes ?? []).find((a) => a.name === "map" && !a.group);
      columns.set(f.name, (m && stringValue(positional(m)[0])) ?? f.name);
    }
    models.set(b.name, { table: (mapped && stringValue(positional(mapped)[0])) ?? tableFor(b.name), columns });
  }

  const targetTable = (model: string, at: number): string => {
    const known = models.get(model);
    if (known) return known.table;
    const t = tableFor(model);
    note(`model ${model} is not defined in this block: its table is taken to be "${t}"`, at);
    return t;
  };

  // -------------------------------------------------------------- enums
  const readEnum = (b: P.Enum): RawEnum => {
    const nameAt = blockNameAt(b, "enum");
    const mapped = blockAttrs(b.enumerators).find((a) => a.name === "map" && !a.group);
    const mappedName = mapped ? stringValue(positional(mapped)[0]) : undefined;
    const name = mapped && mappedName !== undefined ? raw(mappedName, stringAt(rawString(positional(mapped)[0])!, attrAt(mapped, nameAt))) : raw(b.name, nameAt);
    const values: RawText[] = [];
    for (const e of b.enumerators) {
      if (e.type === "attribute" && e.name !== "map") warn(`@@${attrName(e)} on enum ${b.name} is not understood; it is ignored`, attrAt(e, nameAt));
      if (e.type !== "enumerator") continue;
      // The parser locates enumerators too, though its types do not say so.
      const off = (e as P.Enumerator & { location?: P.CstNodeLocation }).location?.startOffset;
      const at = off !== undefined && Number.isFinite(off) && text.startsWith(e.name, off) ? off : nameAt;
      const m = (e.attributes ?? []).find((a) => a.name === "map" && !a.group);
      const v = m ? stringValue(positional(m)[0]) : undefined;
      values.push(m && v !== undefined ? raw(v, stringAt(rawString(positional(m)[0])!, attrAt(m, at))) : raw(e.name, at));
      for (const a of e.attributes ?? []) if (a !== m) warn(`@${attrName(a)} on enum value ${e.name} is not understood; it is ignored`, attrAt(a, at));
    }
    return { name, values };
  };

  // -------------------------------------------------------------- models
  const readModel = (b: P.Model): RawTable => {
    const nameAt = blockNameAt(b, "model");
    const modelAt = blockStartAt(nameAt);
    const info = models.get(b.name)!;
    const mapped = blockAttrs(b.properties).find((a) => a.name === "map" && !a.group);
    const mappedName = mapped ? stringValue(positional(mapped)[0]) : undefined;
    let tableName: RawText;
    if (mapped && mappedName !== undefined) tableName = raw(mappedName, stringAt(rawString(positional(mapped)[0])!, attrAt(mapped, nameAt)));
    else {
      tableName = raw(info.table, nameAt);
      note(`model ${b.name} has no @@map: its table is named "${info.table}"`, nameAt);
    }
    const drafts: ColumnDraft[] = [];
    const indexes: RawIndex[] = [];
    const pendingRefs: { fkFields: string[]; model: string; refFields: string[]; actions: string; at: number }[] = [];
    let doc: string[] = [];
    for (const p of b.properties) {
      if (p.type === "comment") {
        if (p.text.startsWith("///")) doc.push(p.text.replace(/^\/\/\/\s?/, "").trim());
        continue;
      }
      if (p.type !== "field") {
        if (p.type !== "break") doc = [];
        continue;
      }
      const f = p;
      const description = f.comment ? f.comment.replace(/^\/\/+\s?/, "").trim() : doc.join(" ").trim();
      doc = [];
      const at = fieldAt(f, modelAt);
      const typeName = typeof f.fieldType === "string" ? f.fieldType : f.fieldType.name;
      const typeAt = typeAtAfter(text, at + f.name.length, typeName) ?? at;
      const attrs = f.attributes ?? [];
      const relation = attrs.find((a) => a.name === "relation" && !a.group);
      const scalar = typeof f.fieldType === "string" ? prismaScalarType(f.fieldType) : null;
      const isModel = typeof f.fieldType === "string" && models.has(f.fieldType);
      const unknown = typeof f.fieldType === "string" && !scalar && !isModel && !enums.has(f.fieldType) && !composites.has(f.fieldType);
      if (isModel || (unknown && (relation || f.array))) {
        // A relation field is no column; its @relation(fields, references) puts the key on the scalar fields.
        if (relation) {
          const fk = fieldList(keyed(relation, "fields"));
          const refs = fieldList(keyed(relation, "references"));
          if (fk.length || refs.length) {
            const rAt = attrAt(relation, at);
            const actions: string[] = [];
            const onDelete = identValue(keyed(relation, "onDelete"));
            if (onDelete === "SetDefault") warn(`onDelete: SetDefault on ${b.name}.${f.name} is not supported; the key gets no delete rule`, rAt);
            else if (onDelete && ON_DELETE[onDelete]) actions.push(`on delete ${ON_DELETE[onDelete]}`);
            else if (onDelete) warn(`onDelete: ${onDelete} on ${b.name}.${f.name} is not understood; it is ignored`, rAt);
            const onUpdate = identValue(keyed(relation, "onUpdate"));
            if (onUpdate && ON_DELETE[onUpdate]) actions.push(`on update ${ON_DELETE[onUpdate]}`);
            if (fk.length !== refs.length || fk.length === 0)
              warn(`the relation ${b.name}.${f.name} has ${fk.length} fields but ${refs.length} references; it is skipped`, rAt, "name as many references as fields");
            else pendingRefs.push({ fkFields: fk, model: typeName, refFields: refs, actions: actions.join(" "), at: rAt });
          }
        }
        continue;
      }
      const constraints: RawText[] = [];
      let typeText: string;
      const nameAttr = attrs.find((a) => a.name === "map" && !a.group);
      const nameValue = nameAttr ? stringValue(positional(nameAttr)[0]) : undefined;
      const colName = nameAttr && nameValue !== undefined ? raw(nameValue, stringAt(rawString(positional(nameAttr)[0])!, attrAt(nameAttr, at))) : raw(f.name, at);
      const enumInfo = typeof f.fieldType === "string" ? enums.get(f.fieldType) : undefined;
      if (typeof f.fieldType !== "string") {
        const inner = f.fieldType.name === "Unsupported" ? stringValue(f.fieldType.params?.[0]) : undefined;
        if (inner === undefined) {
          warn(`the type ${f.fieldType.name}(...) of ${b.name}.${f.name} is not understood; the field is skipped`, typeAt);
          continue;
        }
        typeText = inner;
      } else if (scalar) typeText = scalar;
      else if (enumInfo) typeText = enumInfo.name;
      else if (composites.has(f.fieldType)) {
        typeText = "jsonb";
        note(`${b.name}.${f.name} holds the composite type ${f.fieldType}: read as a jsonb column`, typeAt);
      } else {
        typeText = f.fieldType;
        note(`the type ${f.fieldType} of ${b.name}.${f.name} is not defined in this block: read as the name of an enum`, typeAt);
      }
      for (const a of attrs) {
        const aAt = attrAt(a, at);
        if (a.group === "db") {
          const args = positional(a).map((v) => String(stringValue(v) ?? v));
          const make = NATIVE[a.name];
          typeText = make ? make(args) : args.length ? `${a.name.toLowerCase()}(${args.join(",")})` : a.name.toLowerCase();
          continue;
        }
        if (a.group) {
          warn(`the attribute @${attrName(a)} on ${b.name}.${f.name} is not understood; it is ignored`, aAt);
          continue;
        }
        switch (a.name) {
          case "id":
            constraints.push(raw("primary key", aAt));
            break;
          case "unique":
            constraints.push(raw("unique", aAt));
            break;
          case "map":
            break;
          case "updatedAt":
            constraints.push(raw("default now()", aAt));
            note(`${b.name}.${f.name} is set by Prisma on every update (@updatedAt): read as "default now()"`, aAt);
            break;
          case "default": {
            const d = defaultText(positional(a)[0], enumInfo);
            if ("warn" in d) warn(`@default(${d.warn}) on ${b.name}.${f.name} is not understood; it is ignored`, aAt);
            else {
              constraints.push(raw(d.text, aAt));
              if (d.note) note(`@default(${d.note}()) on ${b.name}.${f.name} is made by Prisma; read as a random UUID (gen_random_uuid())`, aAt);
            }
            break;
          }
          default:
            warn(`the attribute @${a.name} on ${b.name}.${f.name} is not understood; it is ignored`, aAt);
        }
      }
      // A list of composite values is one jsonb document, not an array column.
      if (f.array && !(typeof f.fieldType === "string" && composites.has(f.fieldType))) typeText += "[]";
      constraints.push(raw(f.optional ? "nullable" : "not null", typeAt));
      drafts.push({ field: f.name, name: colName, type: raw(typeText, typeAt), constraints, ...(description ? { description } : {}) });
    }

    const byField = new Map(drafts.map((d) => [d.field, d]));
    const columnsOf = (names: readonly string[], at: number, what: string): string[] | null => {
      const missing = names.filter((n) => !byField.has(n));
      if (missing.length) {
        warn(`${what} on ${b.name} names ${missing.join(", ")}, which ${missing.length > 1 ? "are not fields" : "is not a field"} of the model; it is skipped`, at);
        return null;
      }
      return names.map((n) => byField.get(n)!.name.text);
    };
    const foreignKeys: RawForeignKey[] = [];
    for (const r of pendingRefs) {
      if (r.fkFields.length > 1) {
        // @relation(fields: [orgId, projectId], references: [orgId, id]): a key of several columns.
        const cols = columnsOf(r.fkFields, r.at, "the relation");
        if (!cols) continue;
        const target = models.get(r.model);
        const onDelete = /on delete (cascade|set null|restrict|no action)/.exec(r.actions)?.[1];
        foreignKeys.push({
          columns: cols.map((c) => raw(c, r.at)),
          table: raw(targetTable(r.model, r.at), r.at),
          refColumns: r.refFields.map((f) => raw(target?.columns.get(f) ?? f, r.at)),
          ...(onDelete ? { onDelete } : {}),
          span: span(r.at),
        });
        continue;
      }
      const col = byField.get(r.fkFields[0]!);
      if (!col) {
        warn(`the relation on ${b.name} uses ${r.fkFields[0]}, which is not a field of the model; it is skipped`, r.at);
        continue;
      }
      const table = targetTable(r.model, r.at);
      const refCol = models.get(r.model)?.columns.get(r.refFields[0]!) ?? r.refFields[0]!;
      col.constraints.push(raw(`references ${table}(${refCol})${r.actions ? " " + r.actions : ""}`, r.at));
    }
    for (const p of b.properties) {
      if (p.type !== "attribute") continue;
      const aAt = attrAt(p, nameAt);
      const name = attrName(p);
      if (p.group || !["map", "id", "unique", "index"].includes(p.name)) {
        warn(`@@${name} on model ${b.name} is not understood; it is ignored`, aAt);
        continue;
      }
      if (p.name === "map") continue;
      const list = fieldList(positional(p)[0] ?? keyed(p, "fields"));
      if (!list.length) {
        warn(`@@${name} on model ${b.name} names no fields; it is ignored`, aAt);
        continue;
      }
      const cols = columnsOf(list, aAt, `@@${name}`);
      if (!cols) continue;
      if (p.name === "id") {
        for (const f of list) byField.get(f)!.constraints.push(raw("primary key", aAt));
        continue;
      }
      const idxName = stringValue(keyed(p, "map")) ?? stringValue(keyed(p, "name"));
      indexes.push({ columns: cols, unique: p.name === "unique", ...(idxName ? { name: idxName } : {}), span: span(aAt) });
    }

    const columns: RawColumn[] = drafts.map((d) => ({
      name: d.name,
      type: d.type,
      constraints: d.constraints,
      ...(d.description ? { description: d.description } : {}),
    }));
    return { name: tableName, columns, indexes, ...(foreignKeys.length ? { foreignKeys } : {}), notation: "prisma" };
  };

  let doc: string[] = [];
  for (const b of list) {
    if (b.type === "comment") {
      if (b.text.startsWith("///")) doc.push(b.text.replace(/^\/\/\/\s?/, "").trim());
      continue;
    }
    const description = doc.join(" ").trim();
    doc = [];
    if (b.type === "enum") out.enums.push(readEnum(b));
    else if (b.type === "model") {
      const t = readModel(b);
      out.tables.push(description ? { ...t, description } : t);
    }
    else if (b.type === "type") note(`type ${b.name} is a composite type: it has no table`, blockNameAt(b, "type"));
    else if (b.type === "view") note(`view ${b.name} is a view, not a table: it is skipped`, blockNameAt(b, "view"));
  }
  return out;
}

// ---------------------------------------------------------------- parsing with recovery

/**
 * Parses the whole block; when that fails, parses each top-level block (model, enum, ...) on its
 * own, so one broken model costs only itself. Each piece is parsed in a copy of the text with
 * everything else blanked out, so offsets stay those of the block.
 */
function parseWithRecovery(text: string, parse: Parse, warn: (m: string, at: number) => void): P.Block[] {
  // An empty block ("enum Status {}") comes back without its list.
  const filled = (list: P.Block[]): P.Block[] =>
    list.map((b) => (b.type === "enum" ? { ...b, enumerators: b.enumerators ?? [] } : b.type === "model" || b.type === "view" || b.type === "type" ? { ...b, properties: b.properties ?? [] } : b));
  try {
    return filled(parse(text).list);
  } catch {
    const starts: number[] = [];
    const re = /(^|\n)[ \t]*(?:model|enum|type|view|datasource|generator)[ \t]+[A-Za-z]\w*[ \t]*\{/g;
    for (let m = re.exec(text); m; m = re.exec(text)) starts.push(m.index + m[1]!.length);
    if (!starts.length || text.slice(0, starts[0]).trim()) starts.unshift(0);
    const list: P.Block[] = [];
    for (let i = 0; i < starts.length; i++) {
      const from = starts[i]!;
      const to = starts[i + 1] ?? text.length;
      const piece = blankOutside(text, from, to);
      try {
        list.push(...filled(parse(piece).list));
      } catch (e) {
        const token = (e as { token?: { image?: string; startOffset?: number } }).token;
        const at = token?.startOffset !== undefined && Number.isFinite(token.startOffset) ? token.startOffset : from;
        const near = token?.image ? ` near "${token.image}"` : "";
        warn(`this Prisma code is not understood${near}; the block it is in is skipped`, at);
      }
    }
    return list;
  }
}

function blankOutside(text: string, from: number, to: number): string {
  const blank = (s: string) => s.replace(/[^\n]/g, " ");
  return blank(text.slice(0, from)) + text.slice(from, to) + blank(text.slice(to));
}

// ---------------------------------------------------------------- values

function fields(m: P.Model): P.Field[] {
  return m.properties.filter((p): p is P.Field => p.type === "field");
}

function blockAttrs(items: readonly { type: string }[]): P.BlockAttribute[] {
  return items.filter((p): p is P.BlockAttribute => p.type === "attribute");
}

function attrName(a: { name: string; group?: string }): string {
  return a.group ? `${a.group}.${a.name}` : a.name;
}

type ArgValue = P.Value | P.Func | P.KeyValue | undefined;

function positional(a: { args?: P.AttributeArgument[] }): ArgValue[] {
  return (a.args ?? []).map((x) => x.value).filter((v) => !isKeyValue(v));
}

function keyed(a: { args?: P.AttributeArgument[] }, key: string): ArgValue {
  for (const x of a.args ?? []) if (isKeyValue(x.value) && x.value.key === key) return x.value.value;
  return undefined;
}

function isKeyValue(v: unknown): v is P.KeyValue {
  return typeof v === "object" && v !== null && (v as { type?: string }).type === "keyValue";
}

function isFunc(v: unknown): v is P.Func {
  return typeof v === "object" && v !== null && (v as { type?: string }).type === "function";
}

function isArray(v: unknown): v is P.RelationArray {
  return typeof v === "object" && v !== null && (v as { type?: string }).type === "array";
}

/** The string literal as the parser keeps it (with its quotes), or undefined. */
function rawString(v: ArgValue): string | undefined {
  return typeof v === "string" && v.startsWith('"') ? v : undefined;
}

/** A string literal's value. */
function stringValue(v: ArgValue): string | undefined {
  const s = rawString(v);
  if (s === undefined) return undefined;
  try {
    return JSON.parse(s) as string;
  } catch {
    return s.slice(1, -1);
  }
}

function identValue(v: ArgValue): string | undefined {
  return typeof v === "string" && /^[A-Za-z_]\w*$/.test(v) ? v : undefined;
}

/** `[a, b(sort: Desc)]` -> ["a", "b"]. */
function fieldList(v: ArgValue): string[] {
  if (!isArray(v)) return typeof v === "string" && /^[A-Za-z_]\w*$/.test(v) ? [v] : [];
  return (v.args ?? []).flatMap((x) => (typeof x === "string" ? [x] : isFunc(x) ? [x.name] : []));
}

/** The constraint text of @default(v); `note` names an id function approximated by gen_random_uuid(). */
function defaultText(v: ArgValue, enumInfo: EnumInfo | undefined): { text: string; note?: string } | { warn: string } {
  if (v === undefined) return { warn: "" };
  if (isFunc(v)) {
    const name = v.name;
    if (name === "autoincrement" || name === "sequence") return { text: "auto increment" };
    if (name === "now") return { text: "default now()" };
    if (ID_FUNCTIONS.has(name)) return name === "uuid" ? { text: "default gen_random_uuid()" } : { text: "default gen_random_uuid()", note: name };
    if (name === "dbgenerated") {
      const sql = stringValue(v.params?.[0] as ArgValue);
      return sql ? { text: `default ${sql}` } : { warn: "dbgenerated()" };
    }
    return { warn: `${name}()` };
  }
  if (isArray(v)) {
    const items = (v.args ?? []).map((x) => (typeof x === "string" ? (stringValue(x) ?? x) : null));
    if (items.some((x) => x === null)) return { warn: "[...]" };
    const literal = items.map((x) => (/^[\w.-]+$/.test(x!) ? x! : JSON.stringify(x))).join(",");
    return { text: `default '{${literal}}'` };
  }
  if (typeof v !== "string") return { warn: "..." };
  const s = stringValue(v);
  if (s !== undefined) return { text: `default ${quote(s)}` };
  if (/^-?\d+(\.\d+)?$/.test(v) || v === "true" || v === "false" || v === "null") return { text: `default ${v}` };
  if (/^[A-Za-z_]\w*$/.test(v)) return { text: `default ${enumInfo?.values.get(v) ?? v}` };
  return { warn: v };
}

function quote(s: string): string {
  return s.includes("'") && !s.includes('"') ? `"${s}"` : `'${s}'`;
}

/** Where the type name written after a field's name starts (null when it is not there). */
function typeAtAfter(text: string, from: number, typeName: string): number | null {
  let i = from;
  while (text[i] === " " || text[i] === "\t") i++;
  return text.startsWith(typeName, i) ? i : null;
}

/** Model name -> table name: snake_case, plural (a name that is plural already stays). */
function tableFor(model: string): string {
  const snake = snakeCase(model);
  const last = snake.split("_").pop()!;
  const isPlural = /s$/.test(last) && !/(ss|us|is)$/.test(last) && singular(last) !== last && plural(singular(last)) === last;
  return isPlural ? snake : plural(snake);
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

// TypeScript interfaces and type aliases pasted into a spec as its data model
// (`interface Task { id: string; userId: string; title: string; dueDate?: Date }`,
// `type Task = { ... }`), read with TypeScript's parser (syntax only, loaded only for such a block).
// No ORM names anything here, so the reader follows what a careful engineer reads:
// - What a declaration is: a record (a table, named snake_case plural: `TaskList` -> task_lists);
//   a request/response shape (`CreateTaskRequest`, `TaskResponse`, `...Props`, `...Input`,
//   `...Dto`): not a table; a base others extend (`BaseEntity`): its fields go into each record
//   that extends it; a value object (no key of its own, used as another record's field type):
//   stored in that record as json.
// - Columns snake_case of the property; `?`, `| null` or `| undefined` make a column nullable, the
//   rest NOT NULL. `id: string` is a uuid key (random by default), `id: number` a serial key.
// - Keys: `userId: string` beside an interface User references users; so does `user: User`
//   (its column `user_id`); `ownerId`/`authorId` name the users table; `tasks: Task[]` is
//   one-to-many (the key is on the other side, added there when it is missing); arrays on both
//   sides make a join table.
// - Types: string -> text, number -> integer (numeric for money-like names, noted), boolean,
//   Date -> timestamptz, string[] -> text[], a union of string literals, a TS enum or a literal
//   union alias -> enum, objects and Records -> jsonb.
// - Rules in comments: JSDoc tags (@maxLength 200, @minLength, @minimum, @maximum,
//   @exclusiveMinimum, @exclusiveMaximum, @format email, @pattern, @default x, @unique) are read as
//   constraint phrases, and the prose of a comment (`/** 1-200 chars */`, `// unique per user`) is
//   the column's description, whose rules the IR reads.
// What is not understood is SF113 at its place; no declaration is dropped silently.
import type TS from "typescript";
import { plural, snakeCase } from "../base/naming.js";
import type { ReaderResult, SourceBlock } from "./block.js";
import { openBlock, type Ts } from "./drizzle/context.js";
import { holdsInterfaces } from "./interface-shape.js";
import { type ListField, listFieldRelations } from "./join-table.js";
import type { RawColumn, RawEnum, RawText } from "./raw.js";
import { lazyTypeScriptReader, withoutNullish } from "./typescript-reader.js";
import { keyTargetAmong } from "./script-block.js";

/** The interface reader; its first call imports TypeScript (once per process). */
export const loadInterfaceReader = lazyTypeScriptReader((ts, block) => readInterfaces(ts, block));

const HINT = "a record is written `interface Task { id: string; title: string; dueDate?: Date }` (or `type Task = { ... }`)";

/** Shapes that travel over the wire or into a view, not rows. */
export const TRANSFER = /(?:Request|Response|Req|Res|Props|Input|Output|Dto|DTO|Payload|Params|Args|Body|Query|Options|Config|Settings?Form|Form|State|Context|Filters?|Result|Results|Event|Error)$|^(?:Create|Update|Patch|Delete|New|Edit|Upsert|List|Get)[A-Z]/;
/** Names of bases others extend. */
const BASE = /^(?:Base|Abstract|Common)|(?:Base|Entity|Model|Record|Timestamps?|Auditable|Timestamped|Identifiable)$/;
/** number-typed names that hold money or fractions: numeric, not integer. */
const FRACTION = /(?:price|amount|total|cost|balance|rate|fee|salary|budget|lat|lng|latitude|longitude|weight|percent|percentage|ratio|discount|tax|subtotal|revenue|value)$/i;
/** `ownerId`, `authorId`: keys that name a user without an interface of that name. */
/** Type names that are a scalar column though no declaration in the block says so. */
const NAMED_SCALARS: Readonly<Record<string, string>> = {
  date: "timestamptz",
  datetime: "timestamptz",
  timestamp: "timestamptz",
  isodatestring: "timestamptz",
  isostring: "timestamptz",
  uuid: "uuid",
  id: "text",
  email: "text",
  url: "text",
  bigint: "bigint",
  decimal: "numeric",
  json: "jsonb",
  jsonvalue: "jsonb",
  object: "jsonb",
  record: "jsonb",
  map: "jsonb",
  buffer: "bytea",
  uint8array: "bytea",
};

type Read =
  | { kind: "scalar"; type: string; values?: readonly string[]; extra?: string }
  | { kind: "ref"; target: string }
  | { kind: "many"; target: string }
  | { kind: "unknown"; text: string };

interface Shape {
  readonly name: string;
  readonly at: number;
  readonly node: TS.Node;
  readonly own: readonly TS.TypeElement[];
  readonly bases: readonly { name: string; at: number; generic: boolean }[];
  readonly doc: string;
}

interface Member {
  readonly key: string;
  readonly at: number;
  readonly optional: boolean;
  readonly type?: TS.TypeNode;
  readonly node: TS.TypeElement;
}

interface ColumnDraft {
  name: RawText;
  type: RawText;
  nullable: boolean;
  constraints: RawText[];
  description?: string;
  /** The property this column came from (for a relation's key). */
  readonly key: string;
}

/** A comment's prose and its JSDoc tags (`@maxLength 200` -> ["maxLength", "200"]). */
function commentParts(text: string): { prose: string; tags: { tag: string; value: string }[] } {
  const body = text
    .replace(/^\/\*\*?/, "")
    .replace(/\*\/$/, "")
    .replace(/^\/\/+/, "")
    .split("\n")
    .map((l) => l.replace(/^\s*\*\s?/, "").trim())
    .join("\n");
  const tags: { tag: string; value: string }[] = [];
  const prose = body
    .replace(/(?<=^|\s)@([A-Za-z]+)\b([^@\n]*)/gm, (_, tag: string, value: string) => {
      tags.push({ tag, value: value.trim() });
      return " ";
    })
    .replace(/\s+/g, " ")
    .trim();
  return { prose, tags };
}

/** A JSDoc tag as constraint phrases; null when it is not a rule read here. */
function tagPhrases(tag: string, value: string): string[] | "quiet" | null {
  const n = /^-?\d+(?:\.\d+)?/.exec(value)?.[0];
  switch (tag.toLowerCase()) {
    case "maxlength":
      return n ? [`max length ${n}`] : null;
    case "minlength":
      return n ? [`min length ${n}`] : null;
    case "minimum":
    case "min":
      return n ? [`>= ${n}`] : null;
    case "maximum":
    case "max":
      return n ? [`<= ${n}`] : null;
    case "exclusiveminimum":
      return n ? [`> ${n}`] : null;
    case "exclusivemaximum":
      return n ? [`< ${n}`] : null;
    case "format": {
      const f = value.toLowerCase().replace(/[^a-z-]/g, "");
      if (f === "email") return ["email format"];
      if (f === "uri" || f === "url") return ["url format"];
      if (f === "uuid") return ["uuid format"];
      if (f === "date-time" || f === "date") return "quiet";
      return null;
    }
    case "default": {
      const v = value.replace(/[`]/g, "").trim();
      if (!v) return null;
      if (/^(now|now\(\)|current_timestamp|new Date\(\))$/i.test(v)) return ["default now()"];
      if (/^(-?\d+(\.\d+)?|true|false|null)$/i.test(v)) return [`default ${v.toLowerCase()}`];
      const s = /^(["'])(.*)\1$/.exec(v)?.[2] ?? v;
      return [`default '${s.replace(/'/g, "''")}'`];
    }
    case "pattern": {
      const v = value.trim().replace(/^\/(.*)\/[a-z]*$/s, "$1").replace(/^(["'`])(.*)\1$/s, "$2");
      return v ? [`pattern '${v}'`] : null;
    }
    case "unique":
      return ["unique"];
    case "primarykey":
    case "pk":
      return ["primary key"];
    case "description":
    case "example":
    case "see":
    case "deprecated":
    case "remarks":
    case "type":
    case "integer":
    case "int":
      return "quiet";
    default:
      return null;
  }
}

function readInterfaces(ts: Ts, block: SourceBlock): ReaderResult {
  const blk = openBlock(ts, block);
  const { out, sf, text, start, raw, warn, note, span } = blk;
  if (!holdsInterfaces(text)) return out;
  const syntax = (sf as unknown as { parseDiagnostics?: readonly TS.DiagnosticWithLocation[] }).parseDiagnostics?.[0];
  if (syntax) warn(`TypeScript syntax error (${ts.flattenDiagnosticMessageText(syntax.messageText, " ").replace(/\.$/, "")}); what follows may be misread`, syntax.start);

  /** The comments before a node and after it on its line. */
  const commentsOf = (n: TS.Node): string[] => {
    const found: string[] = [];
    for (const r of ts.getLeadingCommentRanges(text, n.pos) ?? []) found.push(text.slice(r.pos, r.end));
    const after = ts.getTrailingCommentRanges(text, n.end) ?? [];
    for (const r of after) if (!text.slice(n.end, r.pos).includes("\n")) found.push(text.slice(r.pos, r.end));
    return found;
  };

  // ------------------------------------------------------------ declarations
  const enums = new Map<string, string[]>();
  const shapes = new Map<string, Shape>();
  const aliases = new Map<string, TS.TypeNode>();
  const literalValues = (t: TS.TypeNode): string[] | null => {
    if (!ts.isUnionTypeNode(t)) return null;
    const vs: string[] = [];
    for (const x of t.types) {
      if (ts.isLiteralTypeNode(x) && (ts.isStringLiteral(x.literal) || ts.isNoSubstitutionTemplateLiteral(x.literal))) vs.push(x.literal.text);
      else return null;
    }
    return vs;
  };
  for (const s of sf.statements) {
    if (ts.isEnumDeclaration(s)) {
      const values: string[] = [];
      let next = 0;
      for (const m of s.members) {
        const init = m.initializer;
        if (init && (ts.isStringLiteral(init) || ts.isNoSubstitutionTemplateLiteral(init))) values.push(init.text);
        else if (init && ts.isNumericLiteral(init)) {
          values.push(init.text);
          next = Number(init.text) + 1;
        } else if (!init) values.push(ts.isIdentifier(m.name) || ts.isStringLiteral(m.name) ? m.name.text : String(next++));
      }
      enums.set(s.name.text, values);
      out.enums.push({ name: raw(s.name.text, start(s.name)), values: values.map((v) => raw(v, start(s.name))) } satisfies RawEnum);
    } else if (ts.isInterfaceDeclaration(s)) {
      const bases = (s.heritageClauses ?? []).flatMap((h) => h.types.map((t) => ({ name: t.expression.getText(sf), at: start(t), generic: !!t.typeArguments?.length })));
      shapes.set(s.name.text, { name: s.name.text, at: start(s.name), node: s, own: s.members, bases, doc: commentsOf(s).map((c) => commentParts(c).prose).join(" ").trim() });
    } else if (ts.isTypeAliasDeclaration(s)) {
      const t = s.type;
      const values = literalValues(t);
      if (values) {
        enums.set(s.name.text, values);
        out.enums.push({ name: raw(s.name.text, start(s.name)), values: values.map((v) => raw(v, start(s.name))) } satisfies RawEnum);
        continue;
      }
      const parts: readonly TS.TypeNode[] = ts.isIntersectionTypeNode(t) ? t.types : [t];
      const literals = parts.filter((p): p is TS.TypeLiteralNode => ts.isTypeLiteralNode(p));
      if (literals.length && parts.every((p) => ts.isTypeLiteralNode(p) || ts.isTypeReferenceNode(p))) {
        const bases = parts.filter((p): p is TS.TypeReferenceNode => ts.isTypeReferenceNode(p)).map((r) => ({ name: r.typeName.getText(sf), at: start(r), generic: !!r.typeArguments?.length }));
        shapes.set(s.name.text, { name: s.name.text, at: start(s.name), node: s, own: literals.flatMap((l) => [...l.members]), bases, doc: commentsOf(s).map((c) => commentParts(c).prose).join(" ").trim() });
      } else aliases.set(s.name.text, t);
    }
  }
  if (!shapes.size) return out;

  // Members with what each extends (a base in the block gives its fields; one elsewhere is noted).
  const membersOf = (s: Shape, seen = new Set<string>()): Member[] => {
    if (seen.has(s.name)) return [];
    seen.add(s.name);
    const byKey = new Map<string, Member>();
    for (const b of s.bases) {
      const base = shapes.get(b.name);
      if (base && !b.generic) for (const m of membersOf(base, seen)) byKey.set(m.key, m);
      else if (base && b.generic) warn(`${s.name} extends ${b.name} with type arguments; its fields are not read from it`, b.at, HINT);
      else if (!/^(Omit|Pick|Partial|Required|Readonly)$/.test(b.name.replace(/<.*/, ""))) warn(`${s.name} extends ${b.name}, which this block does not declare; its fields are not read`, b.at, HINT);
      else warn(`${s.name} is built from ${b.name}; a derived shape's fields are not read`, b.at, HINT);
    }
    for (const m of s.own) {
      if (ts.isPropertySignature(m)) {
        const key = ts.isIdentifier(m.name) || ts.isStringLiteral(m.name) ? m.name.text : null;
        if (!key) {
          warn(`${s.name}: the property ${m.name.getText(sf)} has a computed name; it is not a column`, start(m), HINT);
          continue;
        }
        byKey.set(key, { key, at: start(m.name), optional: !!m.questionToken, ...(m.type ? { type: m.type } : {}), node: m });
      } else if (ts.isMethodSignature(m)) note(`${s.name}.${m.name.getText(sf)} is a method, not a column`, start(m));
      else warn(`${s.name}: "${m.getText(sf).slice(0, 40)}" is not a property; it is not a column`, start(m), HINT);
    }
    return [...byKey.values()];
  };
  const members = new Map([...shapes.values()].map((s) => [s.name, membersOf(s)]));

  // ------------------------------------------------------------ what each declaration is
  const extended = new Set([...shapes.values()].flatMap((s) => s.bases.map((b) => b.name)));
  const refName = (t: TS.TypeNode | undefined): string | null => {
    if (!t) return null;
    if (ts.isUnionTypeNode(t)) {
      const { parts } = withoutNullish(ts, t);
      return parts.length === 1 ? refName(parts[0]) : null;
    }
    if (ts.isArrayTypeNode(t)) return refName(t.elementType);
    if (ts.isTypeReferenceNode(t)) {
      const n = t.typeName.getText(sf);
      if (n === "Array" && t.typeArguments?.length === 1) return refName(t.typeArguments[0]);
      return n;
    }
    return null;
  };
  const hasKey = (s: Shape): boolean => members.get(s.name)!.some((m) => /^(_?id|uuid)$/i.test(m.key));
  // "TaskCreate", "TaskUpdate", "TaskRead" beside an interface Task: the record's request and
  // response shapes, named stem first (as SQLModel and Pydantic name them).
  const transfer = (name: string): boolean => {
    if (TRANSFER.test(name)) return true;
    const m = /^([A-Z][A-Za-z0-9]*?)(?:Create|Update|Patch|Replace|Read|Public|Out|In)$/.exec(name);
    return !!m && shapes.has(m[1]!) && !TRANSFER.test(m[1]!);
  };
  const usedBy = new Map<string, string[]>();
  for (const s of shapes.values()) {
    if (transfer(s.name)) continue;
    for (const m of members.get(s.name)!) {
      const r = refName(m.type);
      if (r && shapes.has(r) && r !== s.name) usedBy.set(r, [...(usedBy.get(r) ?? []), s.name]);
    }
  }
  type Kind = "table" | "transfer" | "base" | "value";
  const kinds = new Map<string, Kind>();
  for (const s of shapes.values()) {
    let k: Kind = "table";
    if (transfer(s.name)) k = "transfer";
    else if (extended.has(s.name) && (BASE.test(s.name) || !usedBy.has(s.name))) k = "base";
    else if (!hasKey(s) && usedBy.has(s.name)) k = "value";
    kinds.set(s.name, k);
    if (k === "transfer") note(`${s.name} is read as a request/response shape, not a table`, s.at);
    else if (k === "base") note(`${s.name} is a base others extend: its fields are columns of each record that extends it, it is not a table`, s.at);
    else if (k === "value") note(`${s.name} has no key and is a field of ${usedBy.get(s.name)!.join(", ")}: a value object, stored there as json, not a table`, s.at);
  }
  const tableName = (n: string): string => snakeCase(plural(n));
  const isTable = (n: string): boolean => kinds.get(n) === "table";
  const pkType = (n: string): string => {
    const id = members.get(n)?.find((m) => /^(_?id)$/i.test(m.key));
    return id?.type?.kind === ts.SyntaxKind.NumberKeyword ? "integer" : "";
  };
  const keyTarget = (stem: string): string | null => keyTargetAmong([...shapes.keys()], isTable, tableName, stem);

  // ------------------------------------------------------------ types
  const readType = (t: TS.TypeNode | undefined): { read: Read; nullable: boolean } => {
    if (!t) return { read: { kind: "unknown", text: "no type" }, nullable: false };
    const { parts, nullable } = withoutNullish(ts, t);
    if (parts.length > 1) {
      if (parts.every((x) => ts.isLiteralTypeNode(x) && (ts.isStringLiteral(x.literal) || ts.isNoSubstitutionTemplateLiteral(x.literal))))
        return { read: { kind: "scalar", type: "text", values: parts.map((x) => ((x as TS.LiteralTypeNode).literal as TS.StringLiteral).text) }, nullable };
      if (parts.every((x) => ts.isLiteralTypeNode(x) && ts.isNumericLiteral(x.literal))) return { read: { kind: "scalar", type: "integer" }, nullable };
      if (parts.every((x) => x.kind === ts.SyntaxKind.StringKeyword || ts.isLiteralTypeNode(x))) return { read: { kind: "scalar", type: "text" }, nullable };
      return { read: { kind: "scalar", type: "jsonb" }, nullable };
    }
    const one = parts[0]!;
    if (ts.isParenthesizedTypeNode(one)) {
      const r = readType(one.type);
      return { read: r.read, nullable: nullable || r.nullable };
    }
    const scalar = (type: string, values?: readonly string[]): { read: Read; nullable: boolean } => ({ read: { kind: "scalar", type, ...(values ? { values } : {}) }, nullable });
    switch (one.kind) {
      case ts.SyntaxKind.StringKeyword:
        return scalar("text");
      case ts.SyntaxKind.NumberKeyword:
        return scalar("integer");
      case ts.SyntaxKind.BigIntKeyword:
        return scalar("bigint");
      case ts.SyntaxKind.BooleanKeyword:
        return scalar("boolean");
      case ts.SyntaxKind.AnyKeyword:
      case ts.SyntaxKind.UnknownKeyword:
      case ts.SyntaxKind.ObjectKeyword:
        return scalar("jsonb");
    }
    if (ts.isLiteralTypeNode(one) && ts.isStringLiteral(one.literal)) return scalar("text", [one.literal.text]);
    if (ts.isTypeLiteralNode(one) || ts.isMappedTypeNode(one) || ts.isTupleTypeNode(one)) return scalar("jsonb");
    const array = ts.isArrayTypeNode(one) ? one.elementType : ts.isTypeReferenceNode(one) && /^(Array|ReadonlyArray)$/.test(one.typeName.getText(sf)) && one.typeArguments?.length === 1 ? one.typeArguments[0]! : null;
    if (array) {
      const inner = readType(array).read;
      if (inner.kind === "ref") return { read: { kind: "many", target: inner.target }, nullable };
      if (inner.kind === "scalar" && inner.values) return scalar("text[]");
      if (inner.kind === "scalar" && /^(text|integer|bigint|boolean|uuid|numeric|timestamptz)$/.test(inner.type)) return scalar(`${inner.type}[]`);
      return scalar("jsonb");
    }
    if (ts.isTypeReferenceNode(one)) {
      const n = one.typeName.getText(sf);
      const en = enums.get(n);
      if (en) return scalar("text", en);
      const shape = shapes.get(n);
      if (shape) return isTable(n) ? { read: { kind: "ref", target: n }, nullable } : scalar("jsonb");
      const alias = aliases.get(n);
      if (alias && alias !== one) {
        aliases.delete(n);
        const r = readType(alias);
        aliases.set(n, alias);
        return { read: r.read, nullable: nullable || r.nullable };
      }
      const named = NAMED_SCALARS[n.toLowerCase().replace(/<.*/, "")];
      if (named) return { read: { kind: "scalar", type: named, ...(/^email$/i.test(n) ? { extra: "email format" } : {}) }, nullable };
      return { read: { kind: "unknown", text: one.getText(sf) }, nullable };
    }
    return { read: { kind: "unknown", text: one.getText(sf) }, nullable };
  };

  // ------------------------------------------------------------ tables
  const drafts = new Map<string, { shape: Shape; columns: ColumnDraft[] }>();
  const manyRelations: ListField[] = [];
  for (const s of shapes.values()) {
    if (!isTable(s.name)) continue;
    const columns: ColumnDraft[] = [];
    const ms = members.get(s.name)!;
    const keys = new Set(ms.map((m) => m.key));
    for (const m of ms) {
      const { read, nullable: typeNull } = readType(m.type);
      const nullable = m.optional || typeNull;
      const constraints: RawText[] = [];
      const prose: string[] = [];
      for (const c of commentsOf(m.node)) {
        const parts = commentParts(c);
        if (parts.prose) prose.push(parts.prose);
        for (const { tag, value } of parts.tags) {
          const ph = tagPhrases(tag, value);
          if (ph === "quiet") continue;
          if (ph) for (const p of ph) constraints.push(raw(p, m.at));
          else warn(`${s.name}.${m.key}: the tag @${tag}${value ? ` ${value}` : ""} is not a rule read here; it is not enforced`, m.at, "rules in comments: @minLength, @maxLength, @minimum, @maximum, @exclusiveMinimum, @format email, @default, @unique");
        }
      }
      const col = snakeCase(m.key);
      const add = (name: string, type: string, extra: string[] = []): ColumnDraft => {
        const d: ColumnDraft = { name: raw(name, m.at), type: raw(type, m.at), nullable, constraints: [...extra.map((x) => raw(x, m.at)), ...constraints], key: m.key, ...(prose.length ? { description: prose.join(" ") } : {}) };
        columns.push(d);
        return d;
      };
      if (read.kind === "many") {
        if (isTable(read.target)) manyRelations.push({ from: s.name, field: m.key, target: read.target, at: m.at });
        continue;
      }
      if (read.kind === "ref") {
        // `user: User` beside `userId: string`: the key column is the one written.
        if (keys.has(`${m.key}Id`) || keys.has(`${m.key}_id`)) continue;
        add(`${col}_id`, pkType(read.target), [`references ${tableName(read.target)}(id)`]);
        note(`${s.name}.${m.key} (${read.target}) is a key to ${tableName(read.target)}: the column "${col}_id"`, m.at);
        continue;
      }
      if (read.kind === "unknown") {
        const stem = /^(.+?)_?I[dD]$/.exec(m.key)?.[1];
        const target = stem ? keyTarget(stem) : null;
        if (target) {
          add(col, "", [`references ${target}(id)`]);
          continue;
        }
        warn(`the type of ${s.name}.${m.key} (${read.text.slice(0, 40)}) is not declared in this block; stored as jsonb`, m.type ? start(m.type) : m.at, HINT);
        add(col, "jsonb");
        continue;
      }
      // A scalar: the key, a key to another record, or a plain column.
      if (/^_?id$/i.test(m.key) && !read.values) {
        const serial = read.type === "integer" || read.type === "bigint";
        add(col === "_id" ? "id" : col, serial ? (read.type === "bigint" ? "bigserial" : "serial") : read.type === "text" ? "uuid" : read.type, ["primary key", ...(read.type === "text" || read.type === "uuid" ? ["default gen_random_uuid()"] : [])]);
        continue;
      }
      const stem = /^(.+?)_?I[dD]$/.exec(m.key)?.[1];
      const target = stem && /^(text|integer|uuid|bigint)$/.test(read.type) ? keyTarget(stem) : null;
      if (target) {
        add(col, "", [`references ${target}(id)`]);
        continue;
      }
      let type = read.type;
      if (type === "integer" && FRACTION.test(m.key)) {
        type = "numeric";
        note(`${s.name}.${m.key} is a number that holds an amount: read as numeric`, m.at);
      }
      if (read.values) type = `enum(${read.values.map((v) => `'${v.replace(/'/g, "''")}'`).join(", ")})`;
      const extra = read.extra ? [read.extra] : [];
      if (/^(createdAt|updatedAt|created_at|updated_at|createdOn|updatedOn)$/.test(m.key) && type === "timestamptz" && !constraints.some((c) => /^default/.test(c.text))) extra.push("default now()");
      add(col, type, extra);
    }
    if (!columns.length) {
      warn(`${s.name} declares no property read here; it is not a table`, s.at, HINT);
      continue;
    }
    drafts.set(s.name, { shape: s, columns });
  }

  // One-to-many (`tasks: Task[]`): the key is on the task; many-to-many (both sides arrays): a join table.
  // A declaration that is no table (`TaskList { tasks: Task[] }`, a collection's wrapper, warned
  // above) holds no rows: its lists put no key on the rows they list.
  const joinTables = listFieldRelations(manyRelations.filter((f) => drafts.has(f.from) && drafts.has(f.target)), "interfaces", {
    tableName,
    keyType: pkType,
    columnsOf: (n) => drafts.get(n)?.columns,
    addKey: (n, column) => drafts.get(n)!.columns.push({ ...column, key: column.name.text }),
    listText: (n) => `${n}[]`,
    raw,
    span,
    note,
  });

  for (const { shape, columns } of drafts.values()) {
    const name = tableName(shape.name);
    if (name !== shape.name) note(`${shape.name} read as table "${name}" (snake_case plural; columns snake_case)`, shape.at);
    const cols: RawColumn[] = columns.map((c) => ({
      name: c.name,
      type: c.type,
      constraints: [{ text: c.nullable ? "nullable" : "not null", span: c.type.span }, ...c.constraints],
      ...(c.description ? { description: c.description } : {}),
    }));
    out.tables.push({ name: raw(name, shape.at), columns: cols, indexes: [], ...(shape.doc ? { description: shape.doc } : {}), notation: "interfaces" });
  }
  out.tables.push(...joinTables.filter((j) => !out.tables.some((t) => t.name.text === j.name.text)));
  return out;
}

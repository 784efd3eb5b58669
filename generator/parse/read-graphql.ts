// GraphQL SDL pasted into a spec as its data model (```graphql / ```gql blocks, or a plain block
// whose first declaration is `type X {`), parsed by graphql-js's own `parse` (loaded only for such
// a block). What a careful engineer reads in it:
// - Each object type is a table (snake_case plural: `BlogPost` -> blog_posts, columns snake_case,
//   noted), except the root types (Query, Mutation, Subscription, or those `schema { }` names),
//   pagination and result shapes (`...Connection`, `...Edge`, `PageInfo`, `...Payload`,
//   `...Response`, `...Result`), input types and unions (no tables, noted), and a keyless type
//   used as another's field (a value object: a json column there). An interface gives its fields
//   to each type that implements it; `extend type` adds fields.
// - `!` is NOT NULL, the rest nullable. `id: ID!` (or @id / @primaryKey) is the key: a uuid with a
//   random default (`Int` ids serial). A field typed as another table (`author: User!`) is a key
//   column `author_id`; `authorId: ID!` beside a User type also; `[Post!]!` is one-to-many (the key
//   on posts, added there when missing), lists on both sides a join table.
// - Scalars: String text, Int integer, Float double precision (numeric for amounts), Boolean,
//   ID text/uuid, DateTime/AWSDateTime timestamptz, Date date, JSON jsonb, [String!]! text[], an
//   enum its values; AWSEmail/AWSURL add their format.
// - Directives used for storage: @unique, @default(value: ...), @relation(onDelete: CASCADE),
//   @id, @index, @db.VarChar(200) / @db.Text (Prisma's, read before parsing and blanked, since
//   it is not GraphQL), @constraint(minLength:, maxLength:, min:, max:, format:, pattern:), @length,
//   @range, @createdAt/@updatedAt, @map/@column(name:); Amplify's @model/@auth and
//   @hasMany/@belongsTo need nothing more. A directive not read is SF113 at its place, as is a
//   syntax error (graphql's own message).
import type * as G from "graphql";
import { plural, snakeCase } from "../base/naming.js";
import { type BlockReader, type ReaderResult, type SourceBlock, openResult } from "./block.js";
import { listFieldRelations } from "./join-table.js";
import type { RawColumn, RawText } from "./raw.js";
import { keyTargetAmong } from "./script-block.js";

type GraphQL = typeof G;

let loading: Promise<BlockReader> | null = null;

/** The GraphQL reader; its first call imports graphql (once per process). */
export function loadGraphqlReader(): Promise<BlockReader> {
  return (loading ??= import("graphql")
    .then((g): BlockReader => (block) => readGraphql(g, block))
    .catch((e: unknown) => {
      loading = null;
      throw e;
    }));
}

const HINT = "a table is `type Task { id: ID! title: String! dueDate: DateTime }`; storage rules as @unique, @default(value: ...), @constraint(maxLength: 200), @db.VarChar(200)";
const ROOTS = new Set(["Query", "Mutation", "Subscription"]);
const NOT_RECORDS = /(?:Connection|Edge|Edges|Payload|Response|Result|Results|Input|Args|Error|Event)$|^PageInfo$/;
const FRACTION = /(?:price|amount|total|cost|balance|rate|fee|salary|budget|lat|lng|latitude|longitude|weight|percent|percentage|ratio|discount|tax|subtotal|revenue)$/i;
const SCALARS: Readonly<Record<string, string>> = {
  string: "text",
  int: "integer",
  float: "double precision",
  boolean: "boolean",
  id: "text",
  datetime: "timestamptz",
  awsdatetime: "timestamptz",
  timestamp: "timestamptz",
  awstimestamp: "bigint",
  instant: "timestamptz",
  date: "date",
  awsdate: "date",
  localdate: "date",
  time: "time",
  awstime: "time",
  json: "jsonb",
  awsjson: "jsonb",
  jsonobject: "jsonb",
  uuid: "uuid",
  bigint: "bigint",
  long: "bigint",
  decimal: "numeric",
  bigdecimal: "numeric",
  email: "text",
  emailaddress: "text",
  awsemail: "text",
  url: "text",
  awsurl: "text",
  upload: "text",
};
/** Scalars that carry a format rule. */
const FORMATS: Readonly<Record<string, string>> = { email: "email format", emailaddress: "email format", awsemail: "email format", url: "url format", awsurl: "url format", uuid: "" };
/** Directives that say nothing a column keeps (access rules, API shape, Amplify's relation markers). */
const QUIET = new Set(["model", "auth", "aws_cognito_user_pools", "aws_iam", "aws_api_key", "deprecated", "hasMany", "hasOne", "belongsTo", "manyToMany", "connection", "key", "searchable", "function", "http", "predictions", "aws_subscribe", "cacheControl", "specifiedBy", "external", "shareable", "requires", "provides", "inaccessible", "tag", "goField", "extends", "derivedFrom", "entity", "table", "search", "filterable", "sortable", "lowercase"]);

interface FieldInfo {
  readonly owner: string;
  readonly node: G.FieldDefinitionNode;
}

interface ColumnDraft {
  name: RawText;
  type: RawText;
  nullable: boolean;
  constraints: RawText[];
  description?: string;
}

function readGraphql(g: GraphQL, block: SourceBlock): ReaderResult {
  // `@db.VarChar(200)` is Prisma's spelling, not GraphQL (a dotted name, a bare argument): read
  // here and blanked (same length, positions hold); the field it stands in takes its type.
  const dbTypes: { at: number; type: string }[] = [];
  const text = block.text.replace(/@db\.([A-Za-z]\w*)(?:\(\s*([^)]*)\))?/g, (m: string, name: string, args: string | undefined, offset: number) => {
    const base = name.toLowerCase();
    const nums = (args ?? "").split(",").map((x) => x.trim()).filter((x) => /^\d+$/.test(x));
    const type = /^(varchar|char|decimal|numeric)$/.test(base) ? `${base === "decimal" ? "numeric" : base}${nums.length ? `(${nums.join(", ")})` : ""}` : base === "int" ? "integer" : base;
    dbTypes.push({ at: offset, type });
    return " ".repeat(m.length);
  });
  const { out, raw, warn, note } = openResult(block);
  let doc: G.DocumentNode;
  try {
    doc = g.parse(text, { noLocation: false });
  } catch (e) {
    const err = e as G.GraphQLError;
    warn(`GraphQL syntax error (${err.message.replace(/^Syntax Error:\s*/, "").replace(/\.$/, "")}); the block is not read`, err.positions?.[0] ?? 0, HINT);
    return out;
  }
  const at = (n: { loc?: G.Location | undefined }): number => n.loc?.start ?? 0;

  // ------------------------------------------------------------ declarations
  const enums = new Map<string, string[]>();
  const objects = new Map<string, { node: G.ObjectTypeDefinitionNode | G.ObjectTypeExtensionNode; fields: G.FieldDefinitionNode[]; interfaces: string[] }>();
  const interfaces = new Map<string, G.FieldDefinitionNode[]>();
  const scalars = new Set<string>();
  const roots = new Set(ROOTS);
  for (const d of doc.definitions) {
    switch (d.kind) {
      case g.Kind.ENUM_TYPE_DEFINITION:
      case g.Kind.ENUM_TYPE_EXTENSION: {
        const values = (d.values ?? []).map((v) => v.name.value);
        enums.set(d.name.value, [...(enums.get(d.name.value) ?? []), ...values]);
        if (d.kind === g.Kind.ENUM_TYPE_DEFINITION) out.enums.push({ name: raw(d.name.value, at(d.name)), values: (d.values ?? []).map((v) => raw(v.name.value, at(v))) });
        break;
      }
      case g.Kind.OBJECT_TYPE_DEFINITION:
      case g.Kind.OBJECT_TYPE_EXTENSION: {
        const o = objects.get(d.name.value);
        if (o) o.fields.push(...(d.fields ?? []));
        else objects.set(d.name.value, { node: d, fields: [...(d.fields ?? [])], interfaces: (d.interfaces ?? []).map((i) => i.name.value) });
        break;
      }
      case g.Kind.INTERFACE_TYPE_DEFINITION:
        interfaces.set(d.name.value, [...(d.fields ?? [])]);
        note(`interface ${d.name.value}: its fields are columns of each type that implements it; it is not a table`, at(d.name));
        break;
      case g.Kind.INPUT_OBJECT_TYPE_DEFINITION:
        note(`input ${d.name.value} is what a client sends, not a table`, at(d.name));
        break;
      case g.Kind.UNION_TYPE_DEFINITION:
        note(`union ${d.name.value} is not a table`, at(d.name));
        break;
      case g.Kind.SCALAR_TYPE_DEFINITION:
        scalars.add(d.name.value);
        break;
      case g.Kind.SCHEMA_DEFINITION:
        for (const op of d.operationTypes) roots.add(op.type.name.value);
        break;
      case g.Kind.DIRECTIVE_DEFINITION:
        break;
      default:
        note(`${d.kind} is not read as part of the data model`, at(d));
    }
  }

  const named = (t: G.TypeNode): { name: string; list: boolean; nonNull: boolean; at: number } => {
    let nonNull = false;
    let list = false;
    let cur = t;
    if (cur.kind === g.Kind.NON_NULL_TYPE) {
      nonNull = true;
      cur = cur.type;
    }
    if (cur.kind === g.Kind.LIST_TYPE) {
      list = true;
      cur = cur.type;
      if (cur.kind === g.Kind.NON_NULL_TYPE) cur = cur.type;
    }
    if (cur.kind === g.Kind.LIST_TYPE) return { name: "JSON", list: false, nonNull, at: at(t) };
    return { name: (cur as G.NamedTypeNode).name.value, list, nonNull, at: at(t) };
  };

  // Fields of each type, with its interfaces' fields first (a field the type restates is its own).
  const fieldsOf = new Map<string, FieldInfo[]>();
  for (const [name, o] of objects) {
    const byName = new Map<string, FieldInfo>();
    for (const i of o.interfaces) {
      const fs = interfaces.get(i);
      if (!fs) {
        warn(`${name} implements ${i}, which this block does not declare; its fields are not read`, at(o.node), HINT);
        continue;
      }
      for (const f of fs) byName.set(f.name.value, { owner: name, node: f });
    }
    for (const f of o.fields) byName.set(f.name.value, { owner: name, node: f });
    fieldsOf.set(name, [...byName.values()]);
  }
  const hasKey = (n: string): boolean => (fieldsOf.get(n) ?? []).some((f) => /^(_?id|uuid)$/i.test(f.node.name.value) || (f.node.directives ?? []).some((d) => /^(id|primaryKey)$/.test(d.name.value)));
  const usedBy = new Map<string, string[]>();
  for (const [n, fs] of fieldsOf) {
    if (roots.has(n) || NOT_RECORDS.test(n)) continue;
    for (const f of fs) {
      const t = named(f.node.type).name;
      if (objects.has(t) && t !== n) usedBy.set(t, [...(usedBy.get(t) ?? []), n]);
    }
  }
  type Kind = "table" | "root" | "shape" | "value";
  const kinds = new Map<string, Kind>();
  for (const [n, o] of objects) {
    let k: Kind = "table";
    if (roots.has(n)) k = "root";
    else if (NOT_RECORDS.test(n)) k = "shape";
    else if (!hasKey(n) && usedBy.has(n)) k = "value";
    kinds.set(n, k);
    if (k === "root") note(`type ${n} is the API's root operations, not a table`, at(o.node.name));
    else if (k === "shape") note(`type ${n} is a response or pagination shape, not a table`, at(o.node.name));
    else if (k === "value") note(`type ${n} has no id and is a field of ${usedBy.get(n)!.join(", ")}: a value object, stored there as json, not a table`, at(o.node.name));
  }
  const isTable = (n: string): boolean => kinds.get(n) === "table";
  const tableName = (n: string): string => snakeCase(plural(n));
  const keyField = (n: string): FieldInfo | undefined => (fieldsOf.get(n) ?? []).find((f) => (f.node.directives ?? []).some((d) => /^(id|primaryKey)$/.test(d.name.value))) ?? (fieldsOf.get(n) ?? []).find((f) => /^_?id$/i.test(f.node.name.value));
  const keyType = (n: string): string => {
    const k = keyField(n);
    const t = k ? named(k.node.type).name : "";
    return t === "Int" ? "integer" : t === "BigInt" || t === "Long" ? "bigint" : "";
  };
  const keyTarget = (stem: string): string | null => keyTargetAmong([...objects.keys()], isTable, tableName, stem);
  const argValue = (d: G.DirectiveNode, ...names: string[]): G.ValueNode | undefined => (d.arguments ?? []).find((a) => names.includes(a.name.value))?.value;
  const numOf = (v: G.ValueNode | undefined): string | null => (v && (v.kind === g.Kind.INT || v.kind === g.Kind.FLOAT) ? v.value : null);
  const strOf = (v: G.ValueNode | undefined): string | null => (v && (v.kind === g.Kind.STRING || v.kind === g.Kind.ENUM) ? v.value : null);

  // ------------------------------------------------------------ tables
  const drafts = new Map<string, ColumnDraft[]>();
  const many: { from: string; field: string; target: string; at: number }[] = [];
  for (const [n] of objects) {
    if (!isTable(n)) continue;
    const columns: ColumnDraft[] = [];
    const fieldNames = new Set((fieldsOf.get(n) ?? []).map((f) => f.node.name.value));
    const key = keyField(n);
    for (const { node: f } of fieldsOf.get(n) ?? []) {
      const fname = f.name.value;
      const fat = at(f.name);
      const t = named(f.type);
      const constraints: RawText[] = [];
      let colName = snakeCase(fname);
      let typeOverride: string | null = null;
      let onDelete = "";
      const db = dbTypes.find((x) => f.loc && x.at > f.loc.start && x.at < f.loc.end + 80 && !text.slice(f.loc.end, x.at).includes("\n"));
      if (db) typeOverride = db.type;
      let primary = f === key?.node && (/^(ID|String|UUID|Int|BigInt|Long)$/.test(t.name) || (f.directives ?? []).some((d) => /^(id|primaryKey)$/.test(d.name.value)));
      for (const d of f.directives ?? []) {
        const dn = d.name.value;
        const dat = at(d);
        switch (dn) {
          case "id":
          case "primaryKey":
            primary = true;
            break;
          case "unique":
            constraints.push(raw("unique", dat));
            break;
          case "index":
            constraints.push(raw("index", dat));
            break;
          case "default": {
            const v = argValue(d, "value", "expr") ?? d.arguments?.[0]?.value;
            if (!v) break;
            if (v.kind === g.Kind.STRING && /^(uuid|cuid|gen_random_uuid|uuid_generate_v4)\(\)$/i.test(v.value)) constraints.push(raw("default gen_random_uuid()", dat));
            else if (v.kind === g.Kind.STRING && /^(now\(\)|current_timestamp)$/i.test(v.value)) constraints.push(raw("default now()", dat));
            else if (v.kind === g.Kind.STRING) constraints.push(raw(`default '${v.value.replace(/'/g, "''")}'`, dat));
            else if (v.kind === g.Kind.ENUM) constraints.push(raw(`default '${v.value}'`, dat));
            else if (v.kind === g.Kind.INT || v.kind === g.Kind.FLOAT) constraints.push(raw(`default ${v.value}`, dat));
            else if (v.kind === g.Kind.BOOLEAN) constraints.push(raw(`default ${v.value}`, dat));
            else warn(`${n}.${fname}: the default ${g.print(v)} is not a value read here; it is not kept`, dat, HINT);
            break;
          }
          case "createdAt":
          case "updatedAt":
          case "timestamp":
            constraints.push(raw("default now()", dat));
            break;
          case "relation": {
            const od = strOf(argValue(d, "onDelete"));
            if (od) onDelete = ` on delete ${od.toLowerCase().replace(/_/g, " ")}`;
            break;
          }
          case "constraint":
          case "length":
          case "range":
          case "validate": {
            for (const a of d.arguments ?? []) {
              const nv = numOf(a.value);
              const sv = strOf(a.value);
              const an = a.name.value;
              if (/^minLength$|^min$/.test(an) && dn !== "range" && (dn === "length" || an === "minLength") && nv) constraints.push(raw(`min length ${nv}`, at(a)));
              else if ((/^maxLength$/.test(an) || (dn === "length" && an === "max")) && nv) constraints.push(raw(`max length ${nv}`, at(a)));
              else if (/^(min|minimum|gte)$/.test(an) && nv) constraints.push(raw(`>= ${nv}`, at(a)));
              else if (/^(max|maximum|lte)$/.test(an) && nv) constraints.push(raw(`<= ${nv}`, at(a)));
              else if (/^(exclusiveMin|exclusiveMinimum|gt)$/.test(an) && nv) constraints.push(raw(`> ${nv}`, at(a)));
              else if (/^(exclusiveMax|exclusiveMaximum|lt)$/.test(an) && nv) constraints.push(raw(`< ${nv}`, at(a)));
              else if (an === "format" && sv && /^(email|uri|url|uuid)$/i.test(sv)) constraints.push(raw(`${sv.toLowerCase() === "uri" ? "url" : sv.toLowerCase()} format`, at(a)));
              else if (an === "pattern" && sv) constraints.push(raw(`pattern '${sv}'`, at(a)));
              else warn(`${n}.${fname}: @${dn}(${an}: ${g.print(a.value)}) is not a rule read here; it is not enforced`, at(a), HINT);
            }
            break;
          }
          case "map":
          case "column":
          case "col": {
            const nm = strOf(argValue(d, "name", "to")) ?? strOf(d.arguments?.[0]?.value);
            if (nm) colName = nm;
            break;
          }
          default: {
            if (!QUIET.has(dn)) warn(`${n}.${fname}: @${dn} is not a directive read here; it is ignored (the field stays)`, dat, HINT);
          }
        }
      }
      const nullable = !t.nonNull && !primary;
      const description = f.description?.value.replace(/\s+/g, " ").trim();
      const add = (name: string, type: string, extra: string[] = [], nul = nullable): void => {
        columns.push({ name: raw(name, fat), type: raw(type, at(f.type)), nullable: nul, constraints: [...extra.map((x) => raw(x, fat)), ...constraints], ...(description ? { description } : {}) });
      };
      const target = objects.has(t.name) ? t.name : null;
      if (target && isTable(target)) {
        if (t.list || (f.arguments?.length ?? 0) > 0) {
          if (t.list) many.push({ from: n, field: fname, target, at: fat });
          else note(`${n}.${fname} takes arguments: a resolver, not a column`, fat);
          continue;
        }
        if (fieldNames.has(`${fname}Id`) || fieldNames.has(`${fname}_id`)) continue;
        add(`${colName}_id`, keyType(target), [`references ${tableName(target)}(id)${onDelete}`]);
        note(`${n}.${fname} (${target}) is a key to ${tableName(target)}: the column "${colName}_id"`, fat);
        continue;
      }
      if ((f.arguments?.length ?? 0) > 0) {
        note(`${n}.${fname} takes arguments: a resolver, not a column`, fat);
        continue;
      }
      if (target) {
        add(colName, "jsonb");
        continue;
      }
      const values = enums.get(t.name);
      const lower = t.name.toLowerCase();
      let type = typeOverride ?? (values ? `enum(${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(", ")})` : SCALARS[lower] ?? null);
      if (!type) {
        if (!scalars.has(t.name)) warn(`${n}.${fname}: the type ${t.name} is not declared in this block; stored as jsonb`, t.at, HINT);
        else note(`${n}.${fname}: the custom scalar ${t.name} is stored as text`, t.at);
        type = scalars.has(t.name) ? "text" : "jsonb";
      }
      if (t.list) {
        type = values ? "text[]" : /^(text|integer|bigint|boolean|uuid|numeric|double precision|timestamptz|date)$/.test(type) ? `${type}[]` : "jsonb";
      }
      const format = !t.list && FORMATS[lower] ? [FORMATS[lower]] : [];
      if (primary) {
        const serial = type === "integer" || type === "bigint";
        add(colName, serial ? (type === "bigint" ? "bigserial" : "serial") : typeOverride ?? "uuid", ["primary key", ...(!serial && !constraints.some((c) => /^default/.test(c.text)) ? ["default gen_random_uuid()"] : [])], false);
        continue;
      }
      const stem = /^(.+?)_?I[dD]$/.exec(fname)?.[1];
      const keyTo = stem && /^(ID|String|Int|UUID)$/.test(t.name) && !t.list ? keyTarget(stem) : null;
      if (keyTo) {
        add(colName, typeOverride ?? "", [`references ${keyTo}(id)${onDelete}`]);
        continue;
      }
      if (type === "double precision" && FRACTION.test(fname) && !typeOverride) {
        type = "numeric";
        note(`${n}.${fname} is a Float that holds an amount: read as numeric`, fat);
      }
      if (type === "timestamptz" && /^(createdAt|updatedAt|created_at|updated_at)$/.test(fname) && !constraints.some((c) => /^default/.test(c.text))) format.push("default now()");
      add(colName, type, format.filter(Boolean));
    }
    if (!columns.length) {
      warn(`type ${n} has no field read here; it is not a table`, at(objects.get(n)!.node), HINT);
      continue;
    }
    drafts.set(n, columns);
  }

  // One-to-many (`posts: [Post!]!`): the key is on posts; lists on both sides: a join table.
  const joinTables = listFieldRelations(many, "graphql", {
    tableName,
    keyType,
    columnsOf: (n) => drafts.get(n),
    addKey: (n, column) => drafts.get(n)!.push(column),
    listText: (n) => `[${n}]`,
    raw,
    span: block.at,
    note,
  });

  for (const [n, columns] of drafts) {
    const o = objects.get(n)!;
    const name = tableName(n);
    if (name !== n) note(`type ${n} read as table "${name}" (snake_case plural; columns snake_case)`, at(o.node.name));
    const cols: RawColumn[] = columns.map((c) => ({
      name: c.name,
      type: c.type,
      constraints: [{ text: c.nullable ? "nullable" : "not null", span: c.type.span }, ...c.constraints],
      ...(c.description ? { description: c.description } : {}),
    }));
    const description = "description" in o.node ? o.node.description?.value.replace(/\s+/g, " ").trim() : undefined;
    out.tables.push({ name: raw(name, at(o.node.name)), columns: cols, indexes: [], ...(description ? { description } : {}), notation: "graphql" });
  }
  out.tables.push(...joinTables.filter((j) => !out.tables.some((t) => t.name.text === j.name.text)));
  return out;
}

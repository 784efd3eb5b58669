// Go structs pasted into a spec as its data model: GORM models (`gorm:"size:200;not null"`),
// sqlx / database/sql row structs (`db:"user_id"`), and plain structs with `json` names, with the
// validator tags beside them (`validate:"required,max=200"`, gin's `binding:"..."`). Each struct
// is a raw table, named and keyed the way the library does it by default:
// - GORM: the table is the struct's name in snake_case, plural (`TaskList` -> task_lists) unless a
//   `TableName()` method returns another; a column is the field's name in snake_case (`UserID` ->
//   user_id) unless `column:` names it; `gorm.Model` embedded adds id, created_at, updated_at,
//   deleted_at; a field `ID` is the key; columns are NULL unless `not null` (the database's
//   default, which GORM keeps), or the field is the key. A field typed as another struct with
//   `<Field>ID` beside it (or `foreignKey:`) is a relation: the key column references that
//   struct's table, `constraint:OnDelete:CASCADE` on either side says what a delete does;
//   `[]Task` is the other side, no column; `many2many:` makes a join table.
// - sqlx / database/sql (`db` tags, no gorm tags): the `db` tag is the column; a field that is
//   not a pointer nor sql.Null* is NOT NULL (database/sql cannot scan NULL into it).
// - Validator tags are rules: required (NOT NULL), min/max/len (length of a string, bounds of a
//   number), gt/gte/lt/lte, email, url, uuid, oneof (the allowed values).
// A named string type with typed constants (`type Status string; const StatusTodo Status =
// "todo"`) gives the values of the columns of that type. Request/response structs (named
// ...Request, ...Input, ...DTO) are bodies, not tables. Read with Lezer's Go grammar, loaded only
// when a spec holds Go structs; what is not understood is SF113 at its place.
import { parser } from "@lezer/go";
import type { SyntaxNode } from "@lezer/common";
import type { BlockReader, ReaderResult, SourceBlock } from "./block.js";
import type { RawIndex, RawTable, RawText } from "./raw.js";
import { openResult } from "./block.js";
import { codeSnake, defaultPhrase, pluralSnake } from "./script-block.js";

export function loadGoStructReader(): BlockReader {
  return readGoStructs;
}

const HINT = "a Go model is `type Task struct { Title string `gorm:\"size:200;not null\"` }` (GORM) or with `db:\"title\"` tags (sqlx)";

/** Go's scalar types -> column types. */
const GO_TYPES: Readonly<Record<string, string>> = {
  string: "text", int: "integer", int8: "smallint", int16: "smallint", int32: "integer", int64: "bigint",
  uint: "integer", uint8: "smallint", uint16: "integer", uint32: "bigint", uint64: "bigint", rune: "integer", byte: "smallint",
  float32: "real", float64: "double precision", bool: "boolean",
  "time.Time": "timestamptz", "uuid.UUID": "uuid", "gorm.DeletedAt": "timestamptz", "decimal.Decimal": "numeric",
  "json.RawMessage": "jsonb", "datatypes.JSON": "jsonb", "datatypes.JSONMap": "jsonb", "datatypes.Date": "date", "datatypes.Time": "time",
  "pq.StringArray": "text[]", "pq.Int64Array": "bigint[]", "pq.BoolArray": "boolean[]", "pq.Float64Array": "double precision[]",
  "sql.NullString": "text", "sql.NullInt64": "bigint", "sql.NullInt32": "integer", "sql.NullInt16": "smallint", "sql.NullBool": "boolean",
  "sql.NullFloat64": "double precision", "sql.NullTime": "timestamptz", "null.String": "text", "null.Int": "bigint", "null.Bool": "boolean", "null.Time": "timestamptz", "null.Float": "double precision",
  "[]byte": "bytea", "[]string": "text[]", "[]int64": "bigint[]", "[]int": "integer[]",
};
/** Types whose zero value is NULL in the database. */
const NULLABLE_TYPES = /^(sql\.Null\w+|null\.\w+|gorm\.DeletedAt|\*.*)$/;
/** Structs that describe a request or response, not a stored row. */
const BODY_NAME = /(Request|Response|Input|Output|Payload|Dto|DTO|Params|Form|Body|Filter|Query|Claims|Config|Options)$/;

interface Field {
  /** The Go field name ("" for an embedded type). */
  name: string;
  at: number;
  /** The type as written: `string`, `*time.Time`, `[]Task`, `gorm.Model`. */
  type: string;
  typeAt: number;
  tags: Map<string, { value: string; at: number }>;
}
interface GoStruct {
  name: string;
  at: number;
  fields: Field[];
}

/** `gorm:"size:200" json:"title"` -> its keys and values (Go's reflect.StructTag convention). */
function structTags(tag: string, at: number): Map<string, { value: string; at: number }> {
  const m = new Map<string, { value: string; at: number }>();
  const body = tag.replace(/^[`"]|[`"]$/g, "");
  for (const x of body.matchAll(/(\w+):"((?:[^"\\]|\\.)*)"/g)) m.set(x[1]!, { value: x[2]!, at: at + 1 + x.index + x[1]!.length + 2 });
  return m;
}

/** GORM's `size:200;not null;constraint:OnDelete:CASCADE` -> lower-case keys and values (no value: ""). */
function gormSettings(value: string): Map<string, string> {
  const m = new Map<string, string>();
  // `;` separates settings, except inside a `check:` expression's quotes.
  for (const part of value.split(/;(?=(?:[^']*'[^']*')*[^']*$)/)) {
    const p = part.trim();
    if (!p) continue;
    const i = p.indexOf(":");
    const key = (i < 0 ? p : p.slice(0, i)).trim().toLowerCase().replace(/[\s_]/g, "");
    m.set(key, i < 0 ? "" : p.slice(i + 1).trim());
  }
  return m;
}

function readGoStructs(block: SourceBlock): ReaderResult {
  const { out, raw, warn, note, span } = openResult(block);
  const text = block.text;
  const tree = parser.parse(text);
  const slice = (n: SyntaxNode | null | undefined): string => (n ? text.slice(n.from, n.to) : "");

  const structs: GoStruct[] = [];
  const namedStrings = new Set<string>();
  const enumValues = new Map<string, string[]>();
  const tableNames = new Map<string, { name: string; at: number }>();
  const cursor = tree.cursor();
  do {
    const n = cursor.node;
    if (n.name === "TypeSpec") {
      const def = n.getChild("DefName");
      const st = n.getChild("StructType");
      if (def && st) {
        const fields: Field[] = [];
        for (const fd of st.getChild("StructBody")?.getChildren("FieldDecl") ?? []) {
          const names = fd.getChildren("FieldName");
          const tag = fd.getChild("String");
          const typeNode = fd.firstChild && fd.firstChild.name !== "FieldName" ? fd.firstChild : names.length ? names[names.length - 1]!.nextSibling : null;
          // `Title, Body string` declares two fields of one type.
          let tn = typeNode;
          while (tn && (tn.name === "," || tn.name === "FieldName")) tn = tn.nextSibling;
          if (!tn || tn.name === "String") continue;
          const tags = tag ? structTags(slice(tag), tag.from) : new Map();
          const type = slice(tn).replace(/\s+/g, "");
          if (!names.length) fields.push({ name: "", at: tn.from, type, typeAt: tn.from, tags });
          for (const fn of names) fields.push({ name: slice(fn), at: fn.from, type, typeAt: tn.from, tags });
        }
        structs.push({ name: slice(def), at: def.from, fields });
      } else if (def && n.getChild("TypeName") && slice(n.getChild("TypeName")) === "string") namedStrings.add(slice(def));
    } else if (n.name === "ConstSpec") {
      const t = slice(n.getChild("TypeName"));
      const s = n.getChild("String");
      if (t && s) {
        const v = slice(s).slice(1, -1);
        enumValues.set(t, [...(enumValues.get(t) ?? []), v]);
      }
    } else if (n.name === "MethodDecl" || n.name === "FunctionDecl") {
      // `func (Task) TableName() string { return "todo_items" }`
      const m = /^func\s*\(\s*(?:\w+\s+)?\*?\s*(\w+)\s*\)\s*TableName\s*\(\s*\)\s*string\s*\{\s*return\s*"([^"]+)"/.exec(slice(n));
      if (m) tableNames.set(m[1]!, { name: m[2]!, at: n.from + slice(n).indexOf(`"${m[2]}"`) + 1 });
    }
  } while (cursor.next());

  const gorm = /\bgorm[.:]/.test(text);
  const tablesOf = new Map<string, GoStruct>();
  for (const s of structs) {
    if (BODY_NAME.test(s.name)) {
      note(`struct ${s.name} reads as a request or response body, not a table`, s.at);
      continue;
    }
    if (!s.fields.some((f) => f.name || f.type === "gorm.Model")) {
      warn(`struct ${s.name} has no field read here; it is not a table`, s.at, HINT);
      continue;
    }
    tablesOf.set(s.name, s);
  }
  const tableName = (s: string): string => tableNames.get(s)?.name ?? pluralSnake(codeSnake(s));
  const columnOf = (f: Field): string | null => {
    const g = gormSettings(f.tags.get("gorm")?.value ?? "");
    if (g.has("-") || f.tags.get("gorm")?.value === "-" || f.tags.get("db")?.value === "-") return null;
    const col = g.get("column");
    if (col) return col;
    const db = f.tags.get("db")?.value.split(",")[0];
    if (db) return db;
    return codeSnake(f.name);
  };
  /** The struct a field's type names, when it is one of the block's tables: `User`, `*User`, `models.User`. */
  const structOf = (type: string): GoStruct | undefined => tablesOf.get(type.replace(/^\*/, "").replace(/^\w+\./, ""));
  const keyOf = (s: GoStruct): { column: string; type: string } => {
    for (const f of s.fields) {
      if (f.type === "gorm.Model") return { column: "id", type: "integer" };
      const g = gormSettings(f.tags.get("gorm")?.value ?? "");
      if (g.has("primarykey") || f.name === "ID") return { column: columnOf(f) ?? "id", type: scalarType(f.type, g) ?? "integer" };
    }
    return { column: "id", type: "" };
  };
  const scalarType = (type: string, g: Map<string, string>): string | null => {
    const written = g.get("type");
    const base = type.replace(/^\*/, "");
    let t = written ? written.replace(/\s*,\s*/g, ", ") : GO_TYPES[base] ?? (namedStrings.has(base) || enumValues.has(base) ? "text" : null);
    if (!t) return null;
    const size = g.get("size");
    if (!written && size && t === "text") t = `varchar(${size})`;
    const precision = g.get("precision");
    if (!written && precision && t === "numeric") t = `numeric(${precision}${g.get("scale") ? `, ${g.get("scale")}` : ""})`;
    return t;
  };
  const onDeleteOf = (g: Map<string, string>): string => {
    const m = /OnDelete:\s*(CASCADE|SET NULL|RESTRICT|NO ACTION|SET DEFAULT)/i.exec(g.get("constraint") ?? "");
    return m ? ` on delete ${m[1]!.toLowerCase()}` : "";
  };

  // Cascades written on the other side: `Tasks []Task `gorm:"constraint:OnDelete:CASCADE"`` on User.
  const cascades = new Map<string, string>();
  for (const s of tablesOf.values()) {
    for (const f of s.fields) {
      const m = /^\[\]\*?(?:\w+\.)?(\w+)$/.exec(f.type);
      if (!m || !tablesOf.has(m[1]!)) continue;
      const g = gormSettings(f.tags.get("gorm")?.value ?? "");
      const fk = g.get("foreignkey") ?? `${s.name}ID`;
      const action = onDeleteOf(g);
      if (action && !g.has("many2many")) cascades.set(`${m[1]}.${fk}`, action);
    }
  }

  const joinTables: RawTable[] = [];
  for (const s of tablesOf.values()) {
    const name = tableNames.get(s.name);
    const table = raw(tableName(s.name), name?.at ?? s.at);
    if (!name && gorm) note(`struct ${s.name} read as table "${table.text}" (GORM's default name: the struct in snake_case, plural)`, s.at);
    else if (!name) note(`struct ${s.name} read as table "${table.text}" (the struct in snake_case, plural)`, s.at);
    const sqlx = !gorm && s.fields.some((f) => f.tags.has("db"));
    const columns: { name: RawText; type: RawText; constraints: RawText[]; nullable: boolean; fieldName: string }[] = [];
    const byField = new Map<string, (typeof columns)[number]>();
    const indexes: RawIndex[] = [];
    const named = new Map<string, { columns: string[]; unique: boolean; at: number }>();
    const add = (fieldName: string, col: string, at: number, type: string, nullable: boolean, constraints: string[] = []): (typeof columns)[number] => {
      const c = { name: raw(col, at), type: raw(type, at), constraints: constraints.map((x) => raw(x, at)), nullable, fieldName };
      columns.push(c);
      byField.set(fieldName, c);
      return c;
    };
    const relations: { f: Field; target: GoStruct }[] = [];
    for (const f of s.fields) {
      if (!f.name) {
        if (f.type === "gorm.Model") {
          add("ID", "id", f.at, "serial", false, ["primary key"]);
          add("CreatedAt", "created_at", f.at, "timestamptz", true, ["default now()"]);
          add("UpdatedAt", "updated_at", f.at, "timestamptz", true, ["default now()"]);
          add("DeletedAt", "deleted_at", f.at, "timestamptz", true);
          note(`${s.name} embeds gorm.Model: columns id, created_at, updated_at, deleted_at`, f.at);
        } else if (structOf(f.type)) {
          // An embedded struct of the block: its fields are this table's columns (GORM's embedding).
          s.fields.push(...structOf(f.type)!.fields.filter((x) => x.name && !s.fields.some((y) => y.name === x.name)));
        } else warn(`${s.name}: the embedded ${f.type} is not read here; its fields are not columns`, f.at, HINT);
        continue;
      }
      if (/^[a-z]/.test(f.name) && !f.tags.size) continue; // unexported: not stored
      const gTag = f.tags.get("gorm");
      const g = gormSettings(gTag?.value ?? "");
      const col = columnOf(f);
      if (col === null) continue;
      if (g.has("many2many")) {
        const target = structOf(f.type.replace(/^\[\]/, ""));
        const jName = g.get("many2many")!;
        if (!target) {
          warn(`${s.name}.${f.name}: many2many with ${f.type}, a struct not in this block; its join table "${jName}" is not made`, f.at);
          continue;
        }
        const lk = keyOf(s);
        const rk = keyOf(target);
        const lc = `${codeSnake(s.name)}_${lk.column}`;
        const rc0 = `${codeSnake(target.name)}_${rk.column}`;
        const rc = rc0 === lc ? `${rc0}2` : rc0;
        joinTables.push({
          name: raw(jName, gTag!.at),
          columns: [
            { name: raw(lc, f.at), type: raw(lk.type, f.at), constraints: [raw("not null", f.at), raw("primary key", f.at), raw(`references ${table.text}(${lk.column}) on delete cascade`, f.at)] },
            { name: raw(rc, f.at), type: raw(rk.type, f.at), constraints: [raw("not null", f.at), raw("primary key", f.at), raw(`references ${tableName(target.name)}(${rk.column}) on delete cascade`, f.at)] },
          ],
          indexes: [],
          notation: "go",
        });
        note(`${s.name}.${f.name} (many2many) makes the join table "${jName}" (${lc}, ${rc})`, f.at);
        continue;
      }
      if (/^\[\]/.test(f.type) && !GO_TYPES[f.type] && !g.has("type")) continue; // has-many: the other table holds the key
      const target = structOf(f.type);
      if (target && !g.has("type") && !g.has("serializer")) {
        relations.push({ f, target });
        continue;
      }
      const type = scalarType(f.type, g);
      if (!type) {
        if (/^\*?[A-Z]\w*$|^\*?\w+\.[A-Z]\w*$/.test(f.type) && !g.has("serializer")) {
          // A struct written elsewhere: a relation if its key field is beside it, else unread.
          relations.push({ f, target: { name: f.type.replace(/^\*/, "").replace(/^\w+\./, ""), at: f.at, fields: [] } });
          continue;
        }
        warn(`${s.name}.${f.name}: the Go type ${f.type} is not a column type read here; stored as jsonb`, f.typeAt, HINT);
      }
      const primary = g.has("primarykey") || (f.name === "ID" && !s.fields.some((x) => gormSettings(x.tags.get("gorm")?.value ?? "").has("primarykey")));
      const pointer = NULLABLE_TYPES.test(f.type);
      const v = validatorRules(f, type ?? "jsonb");
      const notNull = primary || g.has("notnull") || v.required || (sqlx || !gorm ? !pointer : false);
      let colType = type ?? "jsonb";
      if (primary && !g.has("type") && /^(integer|bigint)$/.test(colType) && g.get("autoincrement") !== "false") colType = colType === "bigint" ? "bigserial" : "serial";
      const c = add(f.name, col, f.at, colType, !notNull);
      if (primary) c.constraints.push(raw("primary key", f.at));
      if (primary && colType === "uuid" && !g.has("default")) {
        c.constraints.push(raw("default gen_random_uuid()", f.at));
        note(`${s.name}.${f.name} is a uuid key with no default written; read with a random default (gen_random_uuid())`, f.at);
      }
      if (g.has("unique") || (g.has("uniqueindex") && !g.get("uniqueindex"))) c.constraints.push(raw("unique", gTag!.at));
      if (g.has("default")) {
        const d = g.get("default")!;
        const quoted = /^'.*'$/.test(d);
        c.constraints.push(raw(defaultPhrase(quoted ? d.slice(1, -1).replace(/''/g, "'") : d, quoted || colType === "text" || /^varchar/.test(colType)), gTag!.at));
      }
      if (/^(CreatedAt|UpdatedAt)$/.test(f.name) && /^time\.Time$/.test(f.type) && !g.has("default")) c.constraints.push(raw("default now()", f.at));
      if (g.has("check")) {
        const chk = g.get("check")!;
        // `check:name_checker,name <> 'x'`: a name, then the expression.
        const expr = /^\w+\s*,/.test(chk) ? chk.slice(chk.indexOf(",") + 1).trim() : chk;
        c.constraints.push(raw(`check (${expr})`, gTag!.at));
      }
      const values = enumValues.get(f.type.replace(/^\*/, ""));
      if (values?.length && !v.values) c.type = raw(`enum(${values.map((x) => `'${x.replace(/'/g, "''")}'`).join(", ")})`, f.typeAt);
      if (v.values) c.type = raw(`enum(${v.values.map((x) => `'${x.replace(/'/g, "''")}'`).join(", ")})`, v.at);
      for (const ph of v.phrases) c.constraints.push(raw(ph, v.at));
      if (v.unread.length) warn(`${s.name}.${f.name}: the validator rule${v.unread.length > 1 ? "s" : ""} ${v.unread.join(", ")} ${v.unread.length > 1 ? "are" : "is"} not read here; not enforced`, v.at);
      if (g.get("comment")) note(`${s.name}.${f.name}: ${g.get("comment")}`, f.at);
      for (const key of ["index", "uniqueindex"] as const) {
        const idx = g.get(key);
        if (idx === undefined) continue;
        const [idxName, ...opts] = idx.split(",");
        const unique = key === "uniqueindex" || opts.some((o) => /^unique$/i.test(o.trim()));
        if (!idxName) {
          if (key === "index") indexes.push({ columns: [col], unique, span: span(gTag!.at) });
          continue;
        }
        const e = named.get(idxName) ?? { columns: [], unique, at: gTag!.at };
        e.columns.push(col);
        named.set(idxName, e);
      }
      const known = new Set(["column", "type", "size", "precision", "scale", "primarykey", "unique", "uniqueindex", "index", "default", "notnull", "null", "check", "comment", "autoincrement", "autocreatetime", "autoupdatetime", "constraint", "foreignkey", "references", "serializer", "embedded", "embeddedprefix", "->", "<-", "-", "not null"]);
      for (const k of g.keys()) if (!known.has(k) && !/^<-|^->/.test(k)) warn(`${s.name}.${f.name}: the gorm setting "${k}" is not read here; it is ignored (the column stays)`, gTag!.at);
    }
    // Relations: `User User` with `UserID` beside it (or `foreignKey:OwnerRef`).
    for (const { f, target } of relations) {
      const g = gormSettings(f.tags.get("gorm")?.value ?? "");
      const fkField = g.get("foreignkey") ?? `${f.name}ID`;
      const keyCol = byField.get(fkField);
      const known = tablesOf.get(target.name);
      if (!keyCol) {
        // The target holds the key (has-one), or the key field is not written.
        const back = known?.fields.find((x) => x.name === `${s.name}ID` || x.name === g.get("foreignkey"));
        if (!back) warn(`${s.name}.${f.name} (${f.type}) has no ${fkField} field beside it; no key column is read for it`, f.at, "a GORM belongs-to is `UserID uint` beside `User User`");
        continue;
      }
      const ref = g.get("references");
      const key = known ? keyOf(known) : { column: "id", type: "" };
      const refCol = ref ? codeSnake(ref) : key.column;
      const action = onDeleteOf(g) || cascades.get(`${target.name}.${fkField}`) || "";
      keyCol.constraints.push(raw(`references ${tableName(target.name)}(${refCol})${action}`, f.at));
      if (!known) {
        note(`${s.name}.${f.name}: ${target.name} is not a struct of this block; ${keyCol.name.text} references table "${tableName(target.name)}" and takes its key's type`, f.at);
        const fkTag = gormSettings(s.fields.find((x) => x.name === fkField)?.tags.get("gorm")?.value ?? "");
        if (!fkTag.has("type")) keyCol.type = raw("", f.at);
      }
    }
    // Keys written without their struct field: `UserID uint` with `User.Tasks []Task` (and a cascade) on the other side.
    for (const f of s.fields) {
      const m = /^(\w+)ID$/.exec(f.name);
      const c = byField.get(f.name);
      if (!m || !c || c.constraints.some((x) => x.text.startsWith("references"))) continue;
      for (const [k, action] of cascades) {
        const [listOwner, fkField] = k.split(".") as [string, string];
        if (fkField !== f.name || !tablesOf.has(listOwner)) continue;
        // `User.Tasks []Task` with a cascade: the key column `user_id` of tasks references users.
        if (!tablesOf.get(listOwner)!.fields.some((x) => new RegExp(`^\\[\\]\\*?(?:\\w+\\.)?${s.name}$`).test(x.type))) continue;
        c.constraints.push(raw(`references ${tableName(listOwner)}(${keyOf(tablesOf.get(listOwner)!).column})${action}`, f.at));
      }
    }
    // `WarehouseID int64` with a Warehouse struct in the block, no relation field: still its key (as an engineer reads it).
    for (const f of s.fields) {
      const m = /^(\w+)ID$/.exec(f.name);
      const c = byField.get(f.name);
      const target = m ? tablesOf.get(m[1]!) : undefined;
      if (!target || !c || c.constraints.some((x) => x.text.startsWith("references") || x.text === "primary key")) continue;
      c.constraints.push(raw(`references ${tableName(target.name)}(${keyOf(target).column})`, f.at));
      note(`${s.name}.${f.name} read as a key to "${tableName(target.name)}" (named for the ${target.name} struct)`, f.at);
    }
    for (const [idxName, e] of named) indexes.push({ columns: e.columns, unique: e.unique, name: idxName, span: span(e.at) });
    out.tables.push({
      name: table,
      columns: columns.map((c) => ({ name: c.name, type: c.type, constraints: [{ text: c.nullable ? "nullable" : "not null", span: c.type.span }, ...c.constraints] })),
      indexes,
      notation: "go",
    });
  }
  out.tables.push(...joinTables.filter((j) => !out.tables.some((t) => t.name.text === j.name.text)));
  return out;
}

/** `validate:"required,min=1,max=200"` / `binding:"..."` -> phrases for a column of this type. */
function validatorRules(f: Field, type: string): { required: boolean; phrases: string[]; values?: string[]; at: number; unread: string[] } {
  const tag = f.tags.get("validate") ?? f.tags.get("binding");
  const unread: string[] = [];
  const out = { required: false, phrases: [] as string[], at: tag?.at ?? f.at, unread } as { required: boolean; phrases: string[]; values?: string[]; at: number; unread: string[] };
  if (!tag) return out;
  const text = /^(text|varchar|char)/.test(type);
  const finish = (): typeof out => {
    if (out.required && text && !out.phrases.some((p) => p.startsWith("min length"))) out.phrases.push("not empty");
    return out;
  };
  const array = type.endsWith("[]");
  for (const rule of tag.value.split(",")) {
    const [k, v] = rule.split("=") as [string, string | undefined];
    const key = k.trim();
    if (array) break; // `dive`, min/max of a slice: its length, not a column rule here
    switch (key) {
      case "required":
        out.required = true;
        break;
      case "min":
        if (v) out.phrases.push(text ? `min length ${v}` : `>= ${v}`);
        break;
      case "max":
        if (v) out.phrases.push(text ? `max length ${v}` : `<= ${v}`);
        break;
      case "len":
        if (v) out.phrases.push(...(text ? [`min length ${v}`, `max length ${v}`] : []));
        break;
      case "gt":
      case "gte":
      case "lt":
      case "lte":
        if (v) out.phrases.push(`${{ gt: ">", gte: ">=", lt: "<", lte: "<=" }[key]} ${v}`);
        break;
      case "email":
        out.phrases.push("email format");
        break;
      case "url":
      case "uri":
      case "http_url":
        out.phrases.push("url format");
        break;
      case "uuid":
      case "uuid4":
        out.phrases.push("uuid format");
        break;
      case "oneof":
        if (v) out.values = v.trim().split(/\s+/).map((x) => x.replace(/^'(.*)'$/, "$1"));
        break;
      default:
        if (!/^(omitempty|dive|required_with\w*|required_without\w*|required_if|omitnil|numeric|number|alpha|alphanum|alphanumunicode|ascii|lowercase|uppercase|datetime|e164|iso3166_1_alpha2|hexcolor|json|ip|ipv4|ipv6|hostname|)$/.test(key)) unread.push(rule.trim());
    }
  }
  return finish();
}

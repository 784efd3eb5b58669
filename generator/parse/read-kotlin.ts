// Kotlin classes pasted into a spec as its data model (```kotlin): JPA / Hibernate entities written
// in Kotlin (`@Entity data class Task(@Id @GeneratedValue val id: Long = 0, ...)`), Room entities
// (`@Entity(tableName = "tasks")`, `@PrimaryKey(autoGenerate = true)`, `@ColumnInfo(name = ...)`)
// and plain `data class`es. Each class is a raw table, each property (a `val`/`var` of the primary
// constructor or of the body) a column:
// - which classes: those annotated @Entity (or @Table) when any is; else every data class not
//   named as a request or response (…Request, …Dto, …Response);
// - table: @Table(name) / @Entity(tableName) / @Entity(name) as written; else the class in
//   snake_case, as JPA names it (`TaskList` -> task_list), or, for a plain data class, plural
//   (`TaskList` -> task_lists), as the other code readers name a model's table;
// - column: @Column(name) / @ColumnInfo(name) / @JoinColumn(name) as written; else the property in
//   snake_case for a JPA entity (Spring Boot's naming), as written otherwise;
// - NULL: `Type?` is nullable, any other type NOT NULL (Kotlin's own rule; @Column(nullable)
//   says otherwise when written);
// - key: @Id / @PrimaryKey, else a property named `id`; generated (@GeneratedValue, autoGenerate,
//   or a plain class's `id` of a number with default 0 or null) counts up, a UUID key draws a
//   random uuid;
// - a property typed as another of the block's classes is a reference (`<name>_id` or @JoinColumn's
//   name) to that class's table; a list of such classes is the other side, no column;
// - `enum class` in the block gives the values of a property of its type;
// - defaults: literals, `Status.TODO`, `Instant.now()` / `LocalDateTime.now()` (now()),
//   `UUID.randomUUID()` (gen_random_uuid()); @CreationTimestamp / @CreatedDate likewise now();
// - Bean Validation annotations (also with a use-site target, `@field:NotBlank`) are rules.
// What is not understood (a many-to-many, a type no column can hold) is SF113 at its place.
import { snakeCase } from "../base/naming.js";
import { type BlockReader, type ReaderResult, type SourceBlock, openResult } from "./block.js";
import type { RawColumn, RawIndex, RawTable, RawText } from "./raw.js";
import { codeSnake, defaultPhrase, pluralSnake } from "./script-block.js";

export function loadKotlinReader(): BlockReader {
  return readKotlin;
}

const HINT = "a Kotlin model is `data class Task(val id: Long, val title: String, val notes: String? = null)`, or a JPA entity (`@Entity`, `@Id`, `@Column(nullable = false)`)";

/** Kotlin (and Java library) types -> column types; String is decided apart (a JPA column's length). */
const TYPES: Readonly<Record<string, string>> = {
  int: "integer", integer: "integer", long: "bigint", short: "smallint", byte: "smallint", uint: "bigint", ulong: "numeric(20, 0)",
  double: "double precision", float: "real", boolean: "boolean", char: "char(1)",
  bigdecimal: "numeric", biginteger: "numeric",
  localdate: "date", localdatetime: "timestamp", localtime: "time", instant: "timestamptz", offsetdatetime: "timestamptz", zoneddatetime: "timestamptz",
  date: "timestamp", timestamp: "timestamp", duration: "interval",
  uuid: "uuid", bytearray: "bytea", jsonnode: "jsonb", jsonobject: "jsonb", jsonelement: "jsonb", map: "jsonb", mutablemap: "jsonb", hashmap: "jsonb",
};
/** Library types that are no table's rows, though written like a class name. */
const NOT_ROWS = new Set(["Any", "Unit", "Nothing", "Pair", "Triple", "Regex", "URI", "URL", "File", "Path", "Locale", "Currency", "Color", "Object", "Number", "CharSequence"]);
const LIST = /^(?:List|MutableList|Set|MutableSet|Collection|Array|ArrayList|HashSet)$/;
/** Classes that describe a request or response, not a stored row. */
const BODY_NAME = /(Request|Response|Input|Output|Payload|Dto|DTO|Params|Form|Body|Filter|Query|Claims|Config|Options|Event|State|UiState|ViewModel)$/;
const JPA = /@(?:field:|get:)?(?:Id|GeneratedValue|Column|Table|ManyToOne|OneToMany|OneToOne|ManyToMany|JoinColumn)\b/;

interface Ann {
  readonly name: string;
  readonly at: number;
  /** Named arguments as written; a lone argument is `value`. */
  readonly args: ReadonlyMap<string, string>;
}
interface Prop {
  readonly name: string;
  readonly at: number;
  readonly anns: readonly Ann[];
  readonly type: string;
  readonly typeAt: number;
  readonly init: string | null;
}
interface KClass {
  readonly name: string;
  readonly at: number;
  readonly anns: readonly Ann[];
  readonly data: boolean;
  readonly props: Prop[];
}

function readKotlin(block: SourceBlock): ReaderResult {
  const { out, raw, warn, note } = openResult(block);
  const text = blankComments(block.text);
  const enums = new Map<string, string[]>();
  for (const m of text.matchAll(/\benum\s+class\s+([A-Z]\w*)\s*(?:\([^)]*\))?\s*(?::\s*[^{]+)?\{/g)) {
    const open = m.index! + m[0].length - 1;
    const close = matching(text, open);
    if (close < 0) continue;
    const body = text.slice(open + 1, close).split(";")[0]!;
    const values = splitTop(body).map((p) => /^\s*([A-Za-z_]\w*)/.exec(p.text)?.[1]).filter((v): v is string => !!v);
    if (values.length === 0) continue;
    enums.set(m[1]!, values);
    out.enums.push({ name: raw(m[1]!, m.index! + m[0].indexOf(m[1]!)), values: values.map((v) => raw(v, m.index!)) });
  }
  const classes = readClasses(text);
  const annotated = classes.some((c) => has(c.anns, "Entity") || has(c.anns, "Table"));
  const tables = classes.filter((c) => (annotated ? has(c.anns, "Entity") || has(c.anns, "Table") : c.data && !BODY_NAME.test(c.name)) && c.props.length > 0);
  const jpa = JPA.test(text);
  const tableOf = new Map<string, string>();
  for (const c of tables) {
    const named = str(has(c.anns, "Table")?.args.get("name")) ?? str(has(c.anns, "Entity")?.args.get("tableName")) ?? str(has(c.anns, "Entity")?.args.get("name") ?? has(c.anns, "Entity")?.args.get("value"));
    const name = named ?? (annotated ? codeSnake(c.name) : pluralSnake(codeSnake(c.name)));
    if (!named) note(`class ${c.name} read as table "${name}" (${annotated ? "the class in snake_case, as JPA names an entity's table" : "the plural of the class in snake_case"})`, c.at);
    tableOf.set(c.name, name);
  }
  const columnName = (p: Prop): string => str(has(p.anns, "Column")?.args.get("name")) ?? str(has(p.anns, "ColumnInfo")?.args.get("name")) ?? (jpa ? snakeCase(p.name) : p.name);
  const keyOf = (c: KClass): { prop: Prop; column: string } | null => {
    const p = c.props.find((x) => has(x.anns, "Id") || has(x.anns, "PrimaryKey")) ?? c.props.find((x) => x.name === "id");
    return p ? { prop: p, column: columnName(p) } : null;
  };
  for (const c of tables) {
    const columns: RawColumn[] = [];
    const explicitKey = c.props.some((x) => has(x.anns, "Id") || has(x.anns, "PrimaryKey"));
    for (const p of c.props) {
      if (has(p.anns, "Transient")) continue;
      const t = typeOf(p.type);
      const constraints: RawText[] = [];
      const push = (phrase: string, at = p.at): void => void constraints.push(raw(phrase, at));
      const colAnn = has(p.anns, "Column");
      const nullableArg = bool(colAnn?.args.get("nullable"));
      const nullable = nullableArg ?? t.nullable;
      // A reference: a property typed as another table's class (or a list of them, the other side).
      const inner = t.args[0] ? typeOf(t.args[0]) : null;
      if (LIST.test(t.base) && inner && tableOf.has(inner.base)) {
        if (has(p.anns, "ManyToMany")) warn(`${c.name}.${p.name} (@ManyToMany) is not read: write the join table as a class of its own`, p.at, HINT);
        else note(`${c.name}.${p.name} (a list of ${inner.base}) is the other side of a relation: no column here`, p.at);
        continue;
      }
      const unseen = !tableOf.has(t.base) && t.args.length === 0 && /^[A-Z]\w*$/.test(t.base) && !NOT_ROWS.has(t.base) && !enums.has(t.base) && !TYPES[t.base.toLowerCase()] && t.base !== "String";
      if (tableOf.has(t.base) || has(p.anns, "ManyToOne") || has(p.anns, "OneToOne") || unseen) {
        const target = classes.find((x) => x.name === t.base);
        // A class the block does not show (`val user: User` with no User here) is a table written
        // elsewhere, named as this block names its own; the key column follows that table's key.
        const targetTable = tableOf.get(t.base) ?? (/^[A-Z]\w*$/.test(t.base) ? (annotated ? codeSnake(t.base) : pluralSnake(codeSnake(t.base))) : undefined);
        if (!targetTable) {
          warn(`${c.name}.${p.name} refers to ${t.base}, which is not a class; it is not read`, p.typeAt, HINT);
          continue;
        }
        if (!target) note(`${c.name}.${p.name} refers to ${t.base}, which this block does not show: read as a reference to table "${targetTable}"`, p.typeAt);
        if (has(p.anns, "OneToOne") && str(has(p.anns, "OneToOne")?.args.get("mappedBy"))) {
          note(`${c.name}.${p.name} (mapped by the other side) holds no column here`, p.at);
          continue;
        }
        const key = target ? keyOf(target) : null;
        const join = str(has(p.anns, "JoinColumn")?.args.get("name"));
        const name = join ?? (jpa ? `${snakeCase(p.name)}_id` : `${p.name}Id`);
        const optional = bool(has(p.anns, "ManyToOne")?.args.get("optional") ?? has(p.anns, "OneToOne")?.args.get("optional"));
        const joinNullable = bool(has(p.anns, "JoinColumn")?.args.get("nullable"));
        const isNull = joinNullable ?? (optional === false ? false : t.nullable);
        push(isNull ? "nullable" : "not null");
        push(`references ${targetTable}(${key?.column ?? "id"})`);
        if (has(p.anns, "OneToOne")) push("unique");
        if (!join) note(`${c.name}.${p.name} (a ${t.base}) is stored as the key column "${name}"`, p.at);
        columns.push({ name: raw(name, p.at), type: raw("", p.typeAt), constraints });
        continue;
      }
      let type: string;
      let values: string[] | undefined;
      const length = num(colAnn?.args.get("length"));
      const definition = str(colAnn?.args.get("columnDefinition"));
      if (enums.has(t.base)) {
        values = enums.get(t.base)!;
        type = "text";
      } else if (t.base === "String") type = definition && /^text$/i.test(definition) ? "text" : has(p.anns, "Lob") ? "text" : length ? `varchar(${length})` : jpa ? "varchar(255)" : "text";
      else if (LIST.test(t.base) && inner && (inner.base === "String" || TYPES[inner.base.toLowerCase()]) && !/jsonb|bytea/.test(TYPES[inner.base.toLowerCase()] ?? "")) type = `${inner.base === "String" ? "text" : TYPES[inner.base.toLowerCase()]}[]`;
      else if (LIST.test(t.base) && inner && enums.has(inner.base)) type = "text[]";
      else if (TYPES[t.base.toLowerCase()]) type = TYPES[t.base.toLowerCase()]!;
      else if (LIST.test(t.base) || /^(?:Map|MutableMap|HashMap)$/.test(t.base)) type = "jsonb";
      else {
        warn(`${c.name}.${p.name}: the type ${p.type.trim()} is not one a column can hold here; it is not read`, p.typeAt, HINT);
        continue;
      }
      if (type === "numeric" && colAnn?.args.get("precision")) type = `numeric(${num(colAnn.args.get("precision"))}, ${num(colAnn.args.get("scale")) ?? 0})`;
      const key = has(p.anns, "Id") || has(p.anns, "PrimaryKey") || (!explicitKey && p.name === "id");
      const generated = has(p.anns, "GeneratedValue") || bool(has(p.anns, "PrimaryKey")?.args.get("autoGenerate")) === true || (key && !annotated && p.init !== null && /^(?:0L?|null)$/.test(p.init.trim()));
      if (key) {
        push("primary key");
        if (generated && /^(bigint|integer|smallint)$/.test(type)) type = type === "bigint" ? "bigserial" : type === "smallint" ? "smallserial" : "serial";
        else if (generated && type === "uuid") push("default gen_random_uuid()");
        else if (type === "uuid" && p.init && /UUID\.randomUUID\(\)/.test(p.init)) push("default gen_random_uuid()");
      } else push(nullable ? "nullable" : "not null");
      if (bool(colAnn?.args.get("unique")) === true) push("unique");
      if (!key && p.init !== null) {
        const d = defaultOf(p.init.trim(), t.base, values);
        if (d) push(d);
        else if (!/^(?:null|emptyList\(\)|listOf\(\)|mutableListOf\(\)|emptySet\(\)|setOf\(\)|emptyMap\(\)|mapOf\(\)|"")$/.test(p.init.trim()))
          note(`${c.name}.${p.name}: the default ${p.init.trim()} is computed by the app, not the database; no default is kept`, p.at);
      }
      if (!key && !p.init && (has(p.anns, "CreationTimestamp") || has(p.anns, "CreatedDate") || has(p.anns, "UpdateTimestamp") || has(p.anns, "LastModifiedDate"))) push("default now()");
      for (const a of p.anns) {
        const v = (k: string) => num(a.args.get(k));
        const isText = type === "text" || /^varchar/.test(type);
        switch (a.name) {
          case "NotBlank":
          case "NotEmpty":
            if (isText) push(a.name === "NotBlank" ? "not blank" : "not empty", a.at);
            break;
          case "Size":
          case "Length":
            if (!isText) break;
            if (v("min") && v("min") !== "0") push(`min length ${v("min")}`, a.at);
            if (v("max")) push(`max length ${v("max")}`, a.at);
            break;
          case "Min":
            if (v("value")) push(`>= ${v("value")}`, a.at);
            break;
          case "Max":
            if (v("value")) push(`<= ${v("value")}`, a.at);
            break;
          case "Positive":
            push("> 0", a.at);
            break;
          case "PositiveOrZero":
            push(">= 0", a.at);
            break;
          case "Email":
            push("email format", a.at);
            break;
          case "Pattern": {
            const re = str(a.args.get("regexp"));
            if (re) push(`pattern ${re}`, a.at);
            break;
          }
        }
      }
      columns.push({ name: raw(columnName(p), p.at), type: raw(type, p.typeAt), constraints, ...(values ? { values: values.map((x) => raw(x, p.typeAt)) } : {}) });
    }
    // Room's `@Entity(foreignKeys = [ForeignKey(entity = X::class, parentColumns = ["id"],
    // childColumns = ["x_id"], onDelete = ForeignKey.CASCADE)], indices = [Index(value = ["x_id"])])`.
    const entity = has(c.anns, "Entity");
    const indexes: RawIndex[] = [];
    for (const fk of (entity?.args.get("foreignKeys") ?? "").matchAll(/ForeignKey\s*\(([^()]*(?:\([^()]*\)[^()]*)*)\)/g)) {
      const args = new Map(splitTop(fk[1]!).map((x) => /^\s*(\w+)\s*=\s*([\s\S]*?)\s*$/.exec(x.text)).filter((x): x is RegExpExecArray => !!x).map((x) => [x[1]!, x[2]!]));
      const target = /^(\w+)::class$/.exec(args.get("entity")?.trim() ?? "")?.[1];
      const parent = names(args.get("parentColumns"));
      const child = names(args.get("childColumns"));
      const col = columns.findIndex((x) => x.name.text === child[0]);
      if (!target || !tableOf.has(target) || child.length !== 1 || col < 0) {
        warn(`${c.name}: a foreign key of @Entity is not read (${fk[0].replace(/\s+/g, " ").slice(0, 80)})`, entity!.at, HINT);
        continue;
      }
      const action = /CASCADE/.test(args.get("onDelete") ?? "") ? " on delete cascade" : /SET_NULL/.test(args.get("onDelete") ?? "") ? " on delete set null" : "";
      const old = columns[col]!;
      columns[col] = { ...old, constraints: [...old.constraints, raw(`references ${tableOf.get(target)}(${parent[0] ?? "id"})${action}`, entity!.at)] };
    }
    for (const ix of (entity?.args.get("indices") ?? "").matchAll(/Index\s*\(([^()]*)\)/g)) {
      const cols = names(/value\s*=\s*(\[[^\]]*\])/.exec(ix[1]!)?.[1] ?? /^\s*(\[[^\]]*\]|"[^"]*"(?:\s*,\s*"[^"]*")*)/.exec(ix[1]!)?.[1]);
      if (cols.length) indexes.push({ columns: cols, unique: /unique\s*=\s*true/.test(ix[1]!), span: raw("", entity!.at).span });
    }
    const table: RawTable = { name: raw(tableOf.get(c.name)!, c.at), columns, indexes, notation: "kotlin" };
    out.tables.push(table);
  }
  return out;
}

/** The block's text with its comments blanked (same length, so offsets hold); strings are kept. */
function blankComments(text: string): string {
  const out = text.split("");
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"') {
      i++;
      while (i < text.length && text[i] !== '"' && text[i] !== "\n") i += text[i] === "\\" ? 2 : 1;
      i++;
    } else if (c === "/" && text[i + 1] === "/") {
      while (i < text.length && text[i] !== "\n") out[i++] = " ";
    } else if (c === "/" && text[i + 1] === "*") {
      while (i < text.length && !(text[i] === "*" && text[i + 1] === "/")) {
        if (text[i] !== "\n") out[i] = " ";
        i++;
      }
      if (i < text.length) out[i] = out[i + 1] = " ";
      i += 2;
    } else i++;
  }
  return out.join("");
}

/** The offset of the bracket closing the one at `open` ((, {, [, <), or -1. */
function matching(text: string, open: number): number {
  const pairs: Record<string, string> = { "(": ")", "{": "}", "[": "]" };
  const stack: string[] = [];
  for (let i = open; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') {
      i++;
      while (i < text.length && text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
      continue;
    }
    if (pairs[c]) stack.push(pairs[c]!);
    else if (c === ")" || c === "}" || c === "]") {
      if (stack.pop() !== c) return -1;
      if (stack.length === 0) return i;
    }
  }
  return -1;
}

/** Parts of `text` split at commas outside brackets and strings, each with its offset in `text`. */
function splitTop(text: string): { text: string; at: number }[] {
  const parts: { text: string; at: number }[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') {
      i++;
      while (i < text.length && text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
    } else if ("([{<".includes(c)) depth++;
    else if (")]}>".includes(c) && !(c === ">" && text[i - 1] === "-")) depth--;
    else if (c === "," && depth === 0) {
      parts.push({ text: text.slice(from, i), at: from });
      from = i + 1;
    }
  }
  if (text.slice(from).trim()) parts.push({ text: text.slice(from), at: from });
  return parts;
}

const ANN = /@(?:(?:field|get|set|param|property|delegate):)?([\w.]+)\s*(\((?:[^()"]|"[^"]*"|\((?:[^()"]|"[^"]*")*\))*\))?\s*/y;

/** The annotations at `at` of `text` (and where they end). */
function annotationsAt(text: string, at: number): { anns: Ann[]; end: number } {
  const anns: Ann[] = [];
  let i = at;
  for (;;) {
    while (i < text.length && /\s/.test(text[i]!)) i++;
    ANN.lastIndex = i;
    const m = ANN.exec(text);
    if (!m) break;
    const name = m[1]!.split(".").pop()!;
    const args = new Map<string, string>();
    if (m[2]) {
      for (const part of splitTop(m[2].slice(1, -1))) {
        const kv = /^\s*([A-Za-z_]\w*)\s*=\s*([\s\S]*?)\s*$/.exec(part.text);
        if (kv) args.set(kv[1]!, kv[2]!);
        else if (part.text.trim()) args.set("value", part.text.trim());
      }
    }
    anns.push({ name, at: i, args });
    i = ANN.lastIndex;
  }
  return { anns, end: i };
}

const CLASS_HEAD = /\b((?:(?:data|open|abstract|internal|public|private)\s+)*)class\s+([A-Z]\w*)\s*(?:<[^>]*>\s*)?/g;

function readClasses(text: string): KClass[] {
  const out: KClass[] = [];
  let after = 0; // where the previous class ended: its annotations are not this one's
  for (const m of text.matchAll(CLASS_HEAD)) {
    if (m.index! < after) continue;
    if (/\b(?:enum|sealed|annotation|inner|value)\s+$/.test(text.slice(Math.max(0, m.index! - 12), m.index!))) continue;
    // Its annotations: the first run of them before it that ends where the class's words begin.
    let anns: Ann[] = [];
    for (let k = text.indexOf("@", after); k >= 0 && k < m.index!; k = text.indexOf("@", k + 1)) {
      const run = annotationsAt(text, k);
      if (run.end === m.index!) {
        anns = run.anns;
        break;
      }
    }
    const at = m.index! + m[0].indexOf(m[2]!, m[1]!.length);
    let i = m.index! + m[0].length;
    const props: Prop[] = [];
    if (text[i] === "(") {
      const close = matching(text, i);
      if (close < 0) continue;
      for (const part of splitTop(text.slice(i + 1, close))) {
        const p = propAt(text, i + 1 + part.at, i + 1 + part.at + part.text.length, true);
        if (p) props.push(p);
      }
      i = close + 1;
    }
    after = i;
    // ": Parent(...)", then the body, if any.
    const rest = /^\s*(?::\s*[\w.<>, ]+(?:\([^)]*\))?\s*)?\{/.exec(text.slice(i));
    if (rest) {
      const open = i + rest[0].length - 1;
      const close = matching(text, open);
      if (close > 0) {
        after = close + 1;
        // Declarations at the body's own depth, one a line; annotations on the lines above
        // a declaration are its own.
        let depth = 0;
        let lineStart = open + 1;
        for (let k = open + 1; k <= close; k++) {
          const ch = text[k]!;
          if (ch === "\n" || k === close) {
            if (depth === 0) {
              const seg = text.slice(lineStart, k);
              if (seg.trim().startsWith("@") && annotationsAt(text, lineStart).end >= k) continue;
              const p = propAt(text, lineStart, k, false);
              if (p) props.push(p);
            }
            lineStart = k + 1;
          } else if (ch === "{" || ch === "(") depth++;
          else if (ch === "}" || ch === ")") depth--;
        }
      }
    }
    out.push({ name: m[2]!, at, anns, data: /\bdata\b/.test(m[1]!), props });
  }
  return out;
}

/** A property declared between `from` and `to` (`@Ann val name: Type? = init`), or null. */
function propAt(text: string, from: number, to: number, inConstructor: boolean): Prop | null {
  const { anns, end } = annotationsAt(text, from);
  const rest = text.slice(end, to);
  const m = /^((?:(?:private|protected|internal|public|override|open|lateinit|final)\s+)*)(val|var)\s+`?([A-Za-z_]\w*)`?\s*:\s*([^=]+?)\s*(?:=\s*([\s\S]+?))?\s*$/.exec(rest);
  if (!m) return null;
  if (!inConstructor && /\bby\b|\bget\s*\(/.test(rest)) return null;
  const typeAt = end + rest.indexOf(m[4]!, m[0].indexOf(":"));
  return { name: m[3]!, at: end + rest.indexOf(m[3]!), anns, type: m[4]!, typeAt, init: m[5] ?? null };
}

/** A type as written: its base name, its type arguments, whether it may be null. */
function typeOf(written: string): { base: string; args: string[]; nullable: boolean } {
  const t = written.trim();
  const nullable = t.endsWith("?");
  const bare = nullable ? t.slice(0, -1).trim() : t;
  const lt = bare.indexOf("<");
  const base = (lt < 0 ? bare : bare.slice(0, lt)).split(".").pop()!.trim();
  const args = lt < 0 ? [] : splitTop(bare.slice(lt + 1, bare.lastIndexOf(">"))).map((p) => p.text.trim());
  return { base, args, nullable };
}

/** A default phrase for an initializer the database can keep, or null. */
function defaultOf(init: string, base: string, values: readonly string[] | undefined): string | null {
  if (/^(?:true|false)$/.test(init)) return `default ${init}`;
  if (/^-?\d+(?:\.\d+)?[LlFfDd]?$/.test(init)) return `default ${init.replace(/[LlFfDd]$/, "")}`;
  const s = /^"((?:[^"\\$]|\\.)*)"$/.exec(init);
  if (s) return s[1] === "" ? null : defaultPhrase(s[1]!, true);
  const e = /^(?:[A-Z]\w*\.)?([A-Za-z_]\w*)$/.exec(init);
  if (e && values?.includes(e[1]!)) return `default '${e[1]}'`;
  if (/^(?:[\w.]*\b(?:Instant|LocalDateTime|OffsetDateTime|ZonedDateTime|LocalDate|Clock\.System|Date)\b[\w.]*\.now\(\)|Date\(\)|Clock\.System\.now\(\))$/.test(init)) return /LocalDate\.now/.test(init) ? "default current_date" : "default now()";
  if (/UUID\.randomUUID\(\)(?:\.toString\(\))?$/.test(init) && (base === "UUID" || base === "String")) return "default gen_random_uuid()";
  return null;
}

/** The quoted names of `["a", "b"]` (or `"a"`). */
const names = (v: string | undefined): string[] => [...(v ?? "").matchAll(/"([^"]*)"/g)].map((x) => x[1]!);
const has = (anns: readonly Ann[], name: string): Ann | undefined => anns.find((a) => a.name === name);
const str = (v: string | undefined): string | undefined => (v && /^"([^"]*)"$/.test(v.trim()) ? /^"([^"]*)"$/.exec(v.trim())![1] : undefined);
const num = (v: string | undefined): string | undefined => (v && /^-?\d+(?:\.\d+)?L?$/.test(v.trim()) ? v.trim().replace(/L$/, "") : undefined);
const bool = (v: string | undefined): boolean | undefined => (v?.trim() === "true" ? true : v?.trim() === "false" ? false : undefined);

// Class diagrams drawn as the schema: a Mermaid `classDiagram` block, or a PlantUML one
// (`@startuml` ... `@enduml`, with `class`, `entity` or `enum` blocks, in a ```plantuml block or
// a plain one). Each class with attributes is a raw table named as other code-first notations
// name an entity (snake_case plural: `AuctionItem` -> auction_items, noted); each attribute a
// column, written `+Type name` (Mermaid's order), `name : Type` / `+name: Type` (UML's), with
// PlantUML's `*` (mandatory; where a diagram uses it, unmarked attributes are optional), `<<PK>>`/`<<FK>>`/`<<unique>>` stereotypes, UML's `{id}`/`{unique}`
// and `= default`. An attribute typed as another class is a key to its table (`seller_id`); an
// `<<enumeration>>` class (PlantUML's `enum`) gives the values of the attributes typed by it. A
// relationship with multiplicities (`User "1" --> "*" Auction`, crow's feet `||--o{`) gives the
// many side a key to the one side when it has none; many to many makes a join table. Methods,
// interfaces and abstract parents are no tables (a parent's attributes go to its children).
// Hand-written: both grammars' class subsets are small. What is not understood is SF113.
import type { Diagnostic } from "../base/diagnostics.js";
import { plural, singular, snakeCase } from "../base/naming.js";
import type { Span } from "../base/span.js";
import { emptyResult, type BlockReader, type ReaderResult, type SourceBlock } from "./block.js";
import { classDiagramAt } from "./mermaid-shape.js";
import { plantUmlClassesAt } from "./plantuml-shape.js";
import { joinTable } from "./join-table.js";
import type { RawColumn, RawIndex, RawTable, RawText } from "./raw.js";

export function loadClassDiagramReader(): BlockReader {
  return readClassDiagram;
}

const HINT = "an attribute is written `+Type name`, `name : Type`, or PlantUML's `* name : Type <<PK>>`";

/** UML, Java, C#, TypeScript and Python type names -> a type the IR reads; SQL types are kept as written. */
const TYPES: Readonly<Record<string, string>> = {
  string: "text", str: "text", text: "text", char: "text", character: "text",
  int: "integer", integer: "integer", int32: "integer", short: "smallint", long: "bigint", int64: "bigint", bigint: "bigint",
  float: "double precision", double: "double precision", real: "double precision", number: "numeric",
  decimal: "numeric", bigdecimal: "numeric", money: "numeric(12, 2)",
  bool: "boolean", boolean: "boolean",
  date: "date", localdate: "date",
  datetime: "timestamptz", timestamp: "timestamptz", localdatetime: "timestamptz", instant: "timestamptz", zoneddatetime: "timestamptz", offsetdatetime: "timestamptz", datetimeoffset: "timestamptz",
  time: "time", localtime: "time",
  uuid: "uuid", guid: "uuid",
  json: "jsonb", jsonb: "jsonb", object: "jsonb", map: "jsonb", dict: "jsonb", record: "jsonb",
  "byte[]": "bytea", bytes: "bytea", blob: "bytea", binary: "bytea",
};
const SQL_TYPE = /^(?:varchar|character\s+varying|char|numeric|decimal|nvarchar|text|serial|bigserial|smallint|tinyint|timestamptz|float8|int4|int8)\s*(?:\(\s*\d+(?:\s*,\s*\d+)?\s*\))?$/i;
/** `List~Tag~`, `List<Tag>`, `Tag[]`, `Set<Tag>`, `Collection~Tag~`: a collection of that type. */
const COLLECTION = /^(?:(?:List|Set|Array|Collection|IEnumerable|ICollection|Seq|Iterable)\s*[~<]\s*([\w.]+)\s*[~>]|([\w.]+)\s*\[\s*\])$/;
/** A multiplicity that allows many: `*`, `0..*`, `1..*`, `n`, `many`, `1..n`. */
const MANY = /^(?:\*|\d+\.\.\*|\d+\.\.n|n|m|many|\d+\.\.many|0\+|1\+)$/i;

interface Attribute {
  name: string;
  nameAt: number;
  type: string;
  typeAt: number;
  required: boolean;
  optional: boolean;
  primary: boolean;
  unique: boolean;
  foreign: boolean;
  def?: string;
}
interface ClassDef {
  readonly name: string;
  readonly at: number;
  attributes: Attribute[];
  kind: "class" | "enum" | "abstract" | "interface";
  values: string[];
  /** Written as a class (a block, `class X`, a member line), not only named by a relationship. */
  declared: boolean;
}
interface Relation {
  readonly a: string;
  readonly b: string;
  readonly aCard: string | null;
  readonly bCard: string | null;
  /** `*--` / `o--` at a: a contains b (b holds the key). */
  readonly aWhole: boolean;
  readonly bWhole: boolean;
  /** `<|--`: b extends a (or a extends b for `--|>`). */
  readonly inherit: "a-parent" | "b-parent" | null;
  readonly at: number;
}

function readClassDiagram(block: SourceBlock): ReaderResult {
  const out = emptyResult();
  const text = block.text;
  const mermaidAt = classDiagramAt(text);
  const umlAt = mermaidAt < 0 ? plantUmlClassesAt(text) : -1;
  if (mermaidAt < 0 && umlAt < 0) return out;
  const span = (offset: number): Span => block.at(Math.max(0, Math.min(offset, text.length)));
  const raw = (t: string, at: number): RawText => ({ text: t, span: span(at) });
  const warn = (message: string, at: number, hint?: string): void => {
    const d: Diagnostic = { severity: "warning", code: "SF113", message, span: span(at), ...(hint ? { hint } : {}) };
    out.diagnostics.push(d);
  };
  const note = (message: string, at: number): void => void out.notes.push({ span: span(at), message });

  const classes = new Map<string, ClassDef>();
  const aliases = new Map<string, string>();
  const relations: Relation[] = [];
  const classOf = (name: string, at: number): ClassDef => {
    const n = aliases.get(name) ?? name;
    let c = classes.get(n);
    if (!c) classes.set(n, (c = { name: n, at, attributes: [], kind: "class", values: [], declared: false }));
    return c;
  };
  const unquote = (s: string): string => s.replace(/^["'`](.*)["'`]$/, "$1").trim();

  /** One member line of a class; methods (with parentheses) are not columns. */
  const member = (c: ClassDef, line: string, at: number): void => {
    let t = line.trim();
    if (!t || /^(?:--+|==+|\.\.+|__+)\s*\w*\s*(?:--+|==+|\.\.+|__+)?$/.test(t) || t.startsWith("%%") || t.startsWith("'")) return;
    const stereo = /^<<\s*(\w+)\s*>>$/.exec(t);
    if (stereo) {
      const w = stereo[1]!.toLowerCase();
      if (/^enum(eration)?$/.test(w)) c.kind = "enum";
      else if (w === "interface") c.kind = "interface";
      else if (w === "abstract") c.kind = "abstract";
      return;
    }
    if (c.kind === "enum") {
      const v = /^[+\-#~]?\s*([\p{L}_][\p{L}\p{N}_\-]*)\s*(?:[=:(].*)?,?$/u.exec(t);
      if (v) c.values.push(v[1]!);
      else warn(`"${t}" in enumeration ${c.name} is not a value; it is ignored`, at);
      return;
    }
    // A method (`+close() void`, `total(items) Decimal`); a type's size (`varchar(100) title`) is no call.
    if (/[\p{L}_][\p{L}\p{N}_]*\s*\((?!\s*\d+(?:\s*,\s*\d+)?\s*\))/u.test(t.replace(/^[^:]*:\s*/, (m) => (/\(/.test(m) ? m : "")))) return;
    const offset = (s: string): number => at + Math.max(0, line.indexOf(s));
    let required = false;
    if (t.startsWith("*")) {
      required = true;
      t = t.slice(1).trim();
    }
    t = t.replace(/^[+\-#~]\s*/, "").replace(/\$$|\*$/, "").trim();
    let primary = false;
    let unique = false;
    let foreign = false;
    let optional = false;
    // Stereotypes and UML property strings: <<PK>>, <<FK>>, {id}, {unique}, {PK}, [0..1].
    t = t.replace(/<<\s*([^>]+?)\s*>>|\{\s*([^}]+?)\s*\}|\[\s*(0\.\.1|1|1\.\.1|0\.\.\*|\*)\s*\]/g, (_m, s1?: string, s2?: string, mult?: string) => {
      if (mult) {
        if (mult === "0..1") optional = true;
        if (mult === "1" || mult === "1..1") required = true;
        return " ";
      }
      for (const w of (s1 ?? s2 ?? "").split(/[,\s]+/).map((x) => x.toLowerCase())) {
        if (/^(pk|id|primary(key)?|key)$/.test(w)) primary = true;
        else if (/^(fk|foreign(key)?)$/.test(w)) foreign = true;
        else if (/^(uk|unique|uq)$/.test(w)) unique = true;
        else if (/^(required|notnull|not_null|mandatory|nn)$/.test(w)) required = true;
        else if (/^(optional|nullable|null)$/.test(w)) optional = true;
      }
      return " ";
    }).trim();
    // Trailing PK / FK / UNIQUE / NOT NULL words.
    for (;;) {
      const m = /\s+(PK|FK|UK|UNIQUE|NOT\s+NULL|NULLABLE)$/i.exec(t);
      if (!m) break;
      const w = m[1]!.toUpperCase().replace(/\s+/g, " ");
      if (w === "PK") primary = true;
      else if (w === "FK") foreign = true;
      else if (w === "UK" || w === "UNIQUE") unique = true;
      else if (w === "NOT NULL") required = true;
      else optional = true;
      t = t.slice(0, m.index).trim();
    }
    let def: string | undefined;
    const eq = /\s*=\s*(.+)$/.exec(t);
    if (eq) {
      def = eq[1]!.trim();
      t = t.slice(0, eq.index).trim();
    }
    let name: string;
    let type: string;
    const colon = /^([\p{L}_][\p{L}\p{N}_]*)\s*(\?)?\s*:\s*(.+)$/u.exec(t);
    if (colon) {
      name = colon[1]!;
      type = colon[3]!.trim();
      if (colon[2]) optional = true;
    } else {
      // Mermaid's `Type name`; `name Type` when only the second word is a type.
      const two = /^(\S+(?:\s*\(\s*\d+(?:\s*,\s*\d+)?\s*\))?)\s+([\p{L}_][\p{L}\p{N}_]*)$/u.exec(t);
      if (!two) {
        if (/^[\p{L}_][\p{L}\p{N}_]*$/u.test(t)) {
          name = t;
          type = "";
        } else {
          warn(`"${line.trim()}" in class ${c.name} is not an attribute; it is ignored`, at, HINT);
          return;
        }
      } else {
        const [x, y] = [two[1]!, two[2]!];
        const isType = (w: string): boolean => !!TYPES[w.toLowerCase()] || SQL_TYPE.test(w) || COLLECTION.test(w) || /^[A-Z]/.test(w);
        if (isType(x) || !isType(y)) [type, name] = [x, y];
        else [name, type] = [x, y];
      }
    }
    if (type.endsWith("?")) {
      optional = true;
      type = type.slice(0, -1);
    }
    c.attributes.push({ name, nameAt: offset(name), type, typeAt: type ? offset(type) : offset(name), required, optional, primary, unique, foreign, ...(def !== undefined ? { def } : {}) });
  };

  // ---------------------------------------------------------------- statements
  const start = mermaidAt >= 0 ? mermaidAt : umlAt;
  const lines: { text: string; at: number }[] = [];
  {
    let i = start;
    while (i < text.length) {
      const eol = text.indexOf("\n", i);
      const end = eol < 0 ? text.length : eol;
      lines.push({ text: text.slice(i, end).replace(/\r$/, ""), at: i });
      i = end + 1;
    }
  }
  const CLASS_HEAD = /^\s*(?:(abstract)\s+(?:class\s+)?|(class|entity|enum|interface|annotation)\s+)("[^"]+"|`[^`]+`|[\p{L}_][\p{L}\p{N}_.]*)(?:\s*~[^~]*~)?(?:\s+as\s+("?[\p{L}_][\p{L}\p{N}_]*"?))?(?:\s*<<\s*(\w+)\s*>>)?(?:\s*#\w+)?\s*(\{)?\s*(\})?\s*$/u;
  // `A "1" --> "*" B : label`, `A ||--o{ B`, `A <|-- B`, `A *-- B`.
  const REL = /^\s*("?[\p{L}_][\p{L}\p{N}_.]*"?)\s*(?:"([^"]*)"\s*)?([<>*o|}{]{0,3}[.\-]{1,2}(?:\w+[.\-]{1,2})?[>*o|}{]{0,3}|<\|--|--\|>|<\|\.\.|\.\.\|>)\s*(?:"([^"]*)"\s*)?("?[\p{L}_][\p{L}\p{N}_.]*"?)\s*(?::.*)?$/u;
  for (let k = 0; k < lines.length; k++) {
    const { text: line, at } = lines[k]!;
    const t = line.trim();
    if (!t || t.startsWith("%%") || t.startsWith("'") || /^@enduml\b/.test(t) || /^(?:direction|skinparam|hide|show|title|note|legend|end\s+note|end\s+legend|left\s+to|top\s+to|!|namespace|package|together|}|classDef|style|cssClass|click|link|callback)\b/i.test(t)) continue;
    const head = CLASS_HEAD.exec(line);
    if (head) {
      const rawName = unquote(head[3]!);
      const alias = head[4] ? unquote(head[4]) : null;
      const name = alias && /^[\p{L}_][\p{L}\p{N}_]*$/u.test(rawName) === false ? alias : rawName;
      if (alias) aliases.set(alias, name);
      const c = classOf(name, at + Math.max(0, line.indexOf(head[3]!)));
      c.declared = true;
      if (head[1]) c.kind = "abstract";
      else if (head[2] === "enum") c.kind = "enum";
      else if (head[2] === "interface" || head[2] === "annotation") c.kind = "interface";
      const st = head[5]?.toLowerCase();
      if (st && /^enum(eration)?$/.test(st)) c.kind = "enum";
      if (head[6] && !head[7]) {
        for (k++; k < lines.length; k++) {
          const l = lines[k]!;
          if (/^\s*\}\s*$/.test(l.text)) break;
          member(c, l.text, l.at);
        }
      }
      continue;
    }
    // Mermaid's `User : +String name` and `<<enumeration>> Status`.
    const one = /^\s*([\p{L}_][\p{L}\p{N}_]*)\s*:\s*(.+)$/u.exec(line);
    if (one && !REL.test(line)) {
      const c = classOf(one[1]!, at);
      c.declared = true;
      member(c, one[2]!, at + line.indexOf(one[2]!));
      continue;
    }
    const ann = /^\s*<<\s*(\w+)\s*>>\s*([\p{L}_][\p{L}\p{N}_]*)\s*$/u.exec(line);
    if (ann) {
      member(classOf(ann[2]!, at), `<<${ann[1]}>>`, at);
      continue;
    }
    const r = REL.exec(line);
    if (r) {
      const a = aliases.get(unquote(r[1]!)) ?? unquote(r[1]!);
      const b = aliases.get(unquote(r[5]!)) ?? unquote(r[5]!);
      const arrow = r[3]!;
      // Crow's feet carry the multiplicity in the arrow: `}o`/`o{`/`|{`/`}|` many, `||`/`|o`/`o|` one.
      const crowA = /^(\|\||\|o|o\||\}o|\}\||o\{|\|\{)/.exec(arrow)?.[1];
      const crowB = /(\|\||\|o|o\||\}o|\}\||o\{|\|\{)$/.exec(arrow)?.[1];
      const crowCard = (s: string | undefined): string | null => (!s ? null : /[{}]/.test(s) ? "*" : /o/.test(s) ? "0..1" : "1");
      const inherit = arrow === "<|--" || arrow === "<|.." ? "a-parent" : arrow === "--|>" || arrow === "..|>" ? "b-parent" : null;
      classOf(a, at);
      classOf(b, at);
      relations.push({
        a,
        b,
        aCard: r[2]?.trim() ?? crowCard(crowA),
        bCard: r[4]?.trim() ?? crowCard(crowB),
        aWhole: !crowA && /^[*o]/.test(arrow),
        bWhole: !crowB && /[*o]$/.test(arrow),
        inherit,
        at: at + line.search(/\S/),
      });
      continue;
    }
    if (/^\s*class\s+[\p{L}_][\p{L}\p{N}_]*\s*$/u.test(line)) {
      classOf(line.trim().slice(5).trim(), at).declared = true;
      continue;
    }
    warn(`"${t.slice(0, 60)}" is not read (a class, an attribute or a relationship was expected)`, at + line.search(/\S/));
  }

  // ---------------------------------------------------------------- inheritance: a parent's attributes go to its children
  const parents = new Set<string>();
  for (const r of relations) {
    if (!r.inherit) continue;
    const [parent, child] = r.inherit === "a-parent" ? [r.a, r.b] : [r.b, r.a];
    parents.add(parent);
    const p = classes.get(parent);
    const c = classes.get(child);
    if (!p || !c) continue;
    for (const attr of p.attributes) if (!c.attributes.some((x) => x.name === attr.name)) c.attributes.unshift({ ...attr });
    note(`${child} extends ${parent}: it takes ${parent}'s attributes`, r.at);
  }
  const enums = new Map([...classes.values()].filter((c) => c.kind === "enum").map((c) => [c.name, c.values]));
  for (const [name, values] of enums) out.enums.push({ name: raw(name, classes.get(name)!.at), values: values.map((v) => raw(v, classes.get(name)!.at)) });
  // A class is a table when it has attributes, or a relationship ties it, and it is not an
  // enumeration, an interface or an abstract parent (nor a plain parent with no attribute of its own).
  const isTable = (c: ClassDef): boolean =>
    c.kind === "class" && !(parents.has(c.name) && (/^(Base|Abstract)/.test(c.name) || !relations.some((r) => !r.inherit && (r.a === c.name || r.b === c.name)))) && (c.attributes.length > 0 || relations.some((r) => !r.inherit && (r.a === c.name || r.b === c.name)));
  const tables = [...classes.values()].filter(isTable);
  // `AuctionItem` -> auction_items; a name already written as a table's (`users`, `line_items`) stays.
  const tableName = (cls: string): string => (/^[a-z][a-z0-9_]*$/.test(cls) ? cls : snakeCase(plural(cls)));
  /** The key column another table names this one by: `user_id` for User and for users. */
  const keyColumnFor = (cls: string): string => `${snakeCase(singular(tableName(cls)))}_id`;
  const keyOf = (cls: string): { column: string; type: string } => {
    const c = classes.get(cls);
    const pk = c?.attributes.find((a) => a.primary) ?? c?.attributes.find((a) => /^id$/i.test(a.name));
    return { column: pk ? pk.name : "id", type: pk ? typeText(pk.type, c!, pk).type : "" };
  };
  /** An attribute's type as a column type; a class name is a key to that class's table. */
  function typeText(type: string, c: ClassDef, a: Attribute): { type: string; ref?: string; skip?: boolean } {
    const t = type.trim();
    if (!t) return { type: "" };
    const coll = COLLECTION.exec(t);
    if (coll) {
      const el = (coll[1] ?? coll[2])!;
      if (classes.has(el) && classes.get(el)!.kind !== "enum") return { type: "", skip: true };
      const inner = TYPES[el.toLowerCase()];
      return { type: inner && !/^(jsonb|bytea)$/.test(inner) ? `${inner.replace(/\(.*\)$/, "")}[]` : "jsonb" };
    }
    if (enums.has(t)) return { type: `enum(${enums.get(t)!.map((v) => `'${v.replace(/'/g, "''")}'`).join(", ")})` };
    if (classes.has(t) && t !== c.name) return { type: "", ref: t };
    if (classes.has(t) && t === c.name) return { type: "", ref: t };
    const mapped = TYPES[t.toLowerCase()];
    if (mapped) return { type: mapped };
    if (SQL_TYPE.test(t) || /^[a-z][\w ]*(\(\s*\d+(\s*,\s*\d+)?\s*\))?(\[\])?$/.test(t)) return { type: t };
    warn(`the type "${t}" of ${c.name}.${a.name} is not a known type or class; stored as text`, a.typeAt);
    return { type: "text" };
  }

  // A diagram that marks mandatory attributes (PlantUML's `*`) leaves the others optional.
  const marksMandatory = [...classes.values()].some((c) => c.attributes.some((a) => a.required));
  // A diagram whose attributes are camelCase names its keys so too (`sellerId`).
  const camelNames = [...classes.values()].some((c) => c.attributes.some((a) => /[a-z][A-Z]/.test(a.name)));
  const made = new Map<string, RawTable & { columns: RawColumn[]; indexes: RawIndex[] }>();
  for (const c of tables) {
    const name = tableName(c.name);
    if (name !== c.name) note(`class ${c.name} read as table "${name}" (snake_case plural)`, c.at);
    const columns: RawColumn[] = [];
    for (const a of c.attributes) {
      const tt = typeText(a.type, c, a);
      if (tt.skip) {
        note(`${c.name}.${a.name} is a collection of ${a.type.replace(/[~<>[\]]|List|Set/g, "")}: the key is on the other side, not a column here`, a.nameAt);
        continue;
      }
      const cons: RawText[] = [];
      let colName = a.name;
      let type = tt.type;
      if (tt.ref) {
        const target = classes.get(tt.ref)!;
        if (!isTable(target)) {
          type = "jsonb";
        } else {
          const key = keyOf(tt.ref);
          colName = /_?id$/i.test(a.name) ? a.name : camelNames ? `${a.name}Id` : `${snakeCase(a.name)}_id`;
          type = key.type;
          cons.push(raw(`references ${tableName(tt.ref)}(${key.column})`, a.typeAt));
          if (colName !== a.name) note(`${c.name}.${a.name} is a ${tt.ref}: read as the key column "${colName}"`, a.nameAt);
        }
      } else if (a.foreign || /(?:_id|Id)$/.test(a.name)) {
        // `user_id` / `userId` beside a class named User: a key to it.
        const stem = snakeCase(a.name.replace(/_?[iI]d$/, ""));
        const target = tables.find((x) => tableName(x.name) === snakeCase(plural(stem)) || snakeCase(singular(tableName(x.name))) === stem);
        if (target && target !== c) cons.push(raw(`references ${tableName(target.name)}(${keyOf(target.name).column})`, a.nameAt));
        else if (target === c && a.foreign) cons.push(raw(`references ${tableName(c.name)}(${keyOf(c.name).column})`, a.nameAt));
        else if (!target && a.foreign && stem) {
          // `user_id <<FK>>` with no class User here: the table of that name elsewhere in the spec.
          const named = [...classes.values()].find((x) => !x.declared && snakeCase(singular(tableName(x.name))) === stem);
          if (named || /_?[iI]d$/.test(a.name)) {
            cons.push(raw(`references ${named ? tableName(named.name) : plural(stem)}(id)`, a.nameAt));
            note(`${c.name}.${a.name} is marked FK and names no class of the diagram: read as a key to "${named ? tableName(named.name) : plural(stem)}"`, a.nameAt);
          }
        }
      }
      if (a.primary) cons.push(raw("primary key", a.nameAt));
      if (a.unique) cons.push(raw("unique", a.nameAt));
      if (a.def !== undefined) {
        const d = a.def.replace(/;$/, "").trim();
        const lit = literalDefault(d, type);
        if (lit) cons.push(raw(lit, a.nameAt));
        else note(`${c.name}.${a.name}: its default (${d}) is not a literal; it is not kept`, a.nameAt);
      }
      // Nullability only where the diagram says it (`*`, `{required}`, `[0..1]`, `?`): the spec's words elsewhere decide the rest.
      if (a.required || a.primary) cons.unshift(raw("not null", a.nameAt));
      else if (a.optional || marksMandatory) cons.unshift(raw("nullable", a.nameAt));
      columns.push({ name: raw(colName, a.nameAt), type: raw(type, a.typeAt), constraints: cons });
    }
    const t = { name: raw(name, c.at), columns, indexes: [] as RawIndex[], notation: "class-diagram" as const };
    made.set(c.name, t);
  }

  // ---------------------------------------------------------------- relationships: the many side holds the key
  const hasKeyTo = (t: RawTable, target: string): boolean => t.columns.some((col) => col.constraints.some((x) => x.text.startsWith(`references ${tableName(target)}(`)));
  for (const r of relations) {
    if (r.inherit) continue;
    const A = made.get(r.a);
    const B = made.get(r.b);
    if (!A || !B) continue;
    const aMany = r.aCard ? MANY.test(r.aCard.replace(/\s+/g, "")) : false;
    const bMany = r.bCard ? MANY.test(r.bCard.replace(/\s+/g, "")) : false;
    let holder: { t: typeof A; cls: string; target: string; targetCard: string | null } | null = null;
    if (aMany && bMany) {
      const ka = keyOf(r.a);
      const kb = keyOf(r.b);
      const j = joinTable({ table: tableName(r.a), key: ka.column, type: ka.type }, { table: tableName(r.b), key: kb.column, type: kb.type }, span(r.at), "class-diagram");
      if ([...made.values()].some((x) => x.name.text === j.name.text)) continue;
      made.set(`${r.a}|${r.b}`, { ...j, columns: [...j.columns], indexes: [...j.indexes] });
      note(`${r.a} and ${r.b} are many to many: the join table "${j.name.text}" holds the pairs`, r.at);
      continue;
    }
    if (bMany && !aMany) holder = { t: B, cls: r.b, target: r.a, targetCard: r.aCard };
    else if (aMany && !bMany) holder = { t: A, cls: r.a, target: r.b, targetCard: r.bCard };
    else if (r.aWhole && !r.bWhole) holder = { t: B, cls: r.b, target: r.a, targetCard: "1" };
    else if (r.bWhole && !r.aWhole) holder = { t: A, cls: r.a, target: r.b, targetCard: "1" };
    if (!holder) {
      if (!hasKeyTo(A, r.b) && !hasKeyTo(B, r.a)) note(`the relationship ${r.a} - ${r.b} says no multiplicity; no key is added for it`, r.at);
      continue;
    }
    if (hasKeyTo(holder.t, holder.target)) continue;
    const key = keyOf(holder.target);
    const col = keyColumnFor(holder.target);
    // A whole and its parts (`*--`): the parts go with it.
    const whole = (holder.cls === r.b && r.aWhole) || (holder.cls === r.a && r.bWhole);
    const refText = `references ${tableName(holder.target)}(${key.column})${whole ? " on delete cascade" : ""}`;
    const camelCol = `${singular(holder.target).charAt(0).toLowerCase()}${singular(holder.target).slice(1)}Id`;
    const holderAttrs = classes.get(holder.cls)?.attributes ?? [];
    const unresolved = holder.t.columns.filter((x) => holderAttrs.some((a) => a.name === x.name.text && a.foreign) && !x.constraints.some((k) => k.text.startsWith("references ")));
    let existing = holder.t.columns.findIndex((x) => x.name.text === col || x.name.text === camelCol);
    // The one key the class marks FK and that names no table (`owner_id <<FK>>`): this relationship's.
    if (existing < 0 && unresolved.length === 1) existing = holder.t.columns.indexOf(unresolved[0]!);
    const required = holder.targetCard !== null && /^1(\.\.1)?$/.test(holder.targetCard.replace(/\s+/g, ""));
    if (existing >= 0) {
      const ex = holder.t.columns[existing]!;
      holder.t.columns[existing] = { ...ex, constraints: [...ex.constraints, raw(refText, r.at)] };
      if (ex.name.text !== col && ex.name.text !== camelCol) note(`${r.a} - ${r.b}: "${tableName(holder.cls)}.${ex.name.text}", its one key marked FK, references "${tableName(holder.target)}"`, r.at);
      continue;
    }
    holder.t.columns.push({ name: raw(col, r.at), type: raw(key.type, r.at), constraints: [raw(required ? "not null" : "nullable", r.at), raw(refText, r.at)] });
    note(`${r.a} - ${r.b}: each ${holder.cls} row belongs to one ${holder.target}, so "${tableName(holder.cls)}" gets the key column "${col}"`, r.at);
  }
  for (const [cls, t] of made) {
    if (!t.columns.length) {
      // Named only by a relationship: a table written elsewhere in the spec (its keys point at it).
      if (classes.get(cls)?.declared !== false) warn(`class ${cls} has no attribute; it is not a table`, classes.get(cls)?.at ?? 0);
      continue;
    }
    out.tables.push(t);
  }
  return out;
}

/** `= value` after an attribute as a default phrase: a literal, now(), or an enum member; null for anything else. */
function literalDefault(d: string, type: string): string | null {
  if (/^(now\(\)|current_timestamp|new\s+Date\(\)|datetime\.now\(\)|LocalDateTime\.now\(\)|DateTime\.now\(\))$/i.test(d)) return "default now()";
  if (/^(true|false)$/i.test(d)) return `default ${d.toLowerCase()}`;
  if (/^-?\d+(\.\d+)?$/.test(d)) return `default ${d}`;
  const q = /^(["'])(.*)\1$/.exec(d);
  if (q) return `default '${q[2]!.replace(/'/g, "''")}'`;
  if (type.startsWith("enum(") && /^[\p{L}_][\p{L}\p{N}_]*(?:\.[\p{L}_][\p{L}\p{N}_]*)?$/u.test(d)) return `default '${d.split(".").pop()!}'`;
  return null;
}

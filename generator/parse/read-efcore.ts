// Entity Framework Core entity classes pasted into a spec (```csharp / ```cs): each entity class is
// a raw table, each mapped property a column, named, typed and keyed by EF Core's conventions:
// - table: [Table("x")], else the name of the DbSet<T> property of a DbContext in the spec, else the
//   class name (EF Core's default; noted); columns keep the property's name unless [Column("x")];
// - key: [Key], else the property `Id` or `<Class>Id`; an int/long key counts up, a Guid key draws a
//   random uuid; [DatabaseGenerated(None)] leaves it to the application;
// - NULL: value types (int, bool, decimal, DateTime, Guid, enums) are NOT NULL unless `?`; reference
//   types (string, byte[]) follow the nullable reference types setting, which the block shows: when
//   it writes `string?` (or `= null!`, `required`), a plain `string` is NOT NULL; otherwise a string is
//   nullable unless [Required] (noted either way);
// - a navigation property (`public User User { get; set; }`) uses its foreign key property
//   (`UserId`, or [ForeignKey]), else adds EF's shadow key `<Navigation>Id`; a required relation
//   cascades on delete (EF's default); ICollection<T> holds no column; two collection navigations
//   make EF's join table;
// - a C# enum in the block gives the values of a property typed by it (EF stores its number unless
//   converted: noted, the names are read);
// - DataAnnotations ([Required], [MaxLength], [StringLength], [MinLength], [Range], [EmailAddress],
//   [Url], [RegularExpression], [Column(TypeName)], [Precision], [Index]) are rules and types.
// No C# parser is installed: this is a hand-written reader of the declaration subset (using,
// namespace, attributes, enums, classes and records, auto-properties; method and accessor bodies
// are skipped by brace matching). What is not understood is SF113 at its place, never dropped.
import { type BlockReader, type ReaderResult, type SourceBlock, openResult } from "./block.js";
import type { RawColumn, RawIndex, RawTable, RawText } from "./raw.js";

export function loadEfCoreReader(): BlockReader {
  return readEfCore;
}

const HINT = "an entity's column is an auto-property (`public string Title { get; set; }`) of a class; attributes such as [Required], [MaxLength(200)], [Column(\"name\")] describe it";

// ---- tokens ----
interface Tok {
  readonly t: "id" | "str" | "num" | "p";
  readonly v: string;
  readonly at: number;
}

/** C#'s tokens with comments and preprocessor lines left out; strings unescaped. */
export function lexCSharp(text: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (text.startsWith("//", i)) {
      while (i < text.length && text[i] !== "\n") i++;
      continue;
    }
    if (text.startsWith("/*", i)) {
      const e = text.indexOf("*/", i + 2);
      i = e < 0 ? text.length : e + 2;
      continue;
    }
    if (ch === "#" && /(^|\n)[ \t]*$/.test(text.slice(Math.max(0, i - 80), i))) {
      while (i < text.length && text[i] !== "\n") i++;
      continue;
    }
    const strStart = /^(\$@|@\$|@|\$)?"/.exec(text.slice(i, i + 3));
    if (strStart) {
      const verbatim = strStart[1]?.includes("@") ?? false;
      let j = i + strStart[0].length;
      let v = "";
      while (j < text.length) {
        const c = text[j]!;
        if (verbatim && c === '"' && text[j + 1] === '"') {
          v += '"';
          j += 2;
          continue;
        }
        if (!verbatim && c === "\\") {
          const n = text[j + 1] ?? "";
          v += n === "n" ? "\n" : n === "t" ? "\t" : n;
          j += 2;
          continue;
        }
        if (c === '"') break;
        if (!verbatim && c === "\n") break;
        v += c;
        j++;
      }
      out.push({ t: "str", v, at: i });
      i = j + 1;
      continue;
    }
    if (ch === "'") {
      const m = /^'(\\.|[^'\\])'/.exec(text.slice(i, i + 4));
      out.push({ t: "str", v: m ? m[1]!.replace(/^\\/, "") : "", at: i });
      i += m ? m[0].length : 1;
      continue;
    }
    const id = /^@?[A-Za-z_]\w*/.exec(text.slice(i, i + 200));
    if (id) {
      out.push({ t: "id", v: id[0].replace(/^@/, ""), at: i });
      i += id[0].length;
      continue;
    }
    const num = /^\d[\d_]*(\.\d+)?([eE][+-]?\d+)?[mMdDfFlLuU]*/.exec(text.slice(i, i + 60));
    if (num) {
      out.push({ t: "num", v: num[0].replace(/_/g, "").replace(/[mMdDfFlLuU]+$/, ""), at: i });
      i += num[0].length;
      continue;
    }
    const two = text.slice(i, i + 2);
    if (["=>", "??", "?.", "::", "==", "!=", "<=", ">=", "&&", "||"].includes(two)) {
      out.push({ t: "p", v: two, at: i });
      i += 2;
      continue;
    }
    out.push({ t: "p", v: ch, at: i });
    i++;
  }
  return out;
}

// ---- declarations ----
interface Arg {
  readonly name: string | null;
  readonly toks: readonly Tok[];
  readonly at: number;
}
interface Attr {
  readonly name: string;
  readonly args: readonly Arg[];
  readonly at: number;
}
interface Prop {
  readonly name: string;
  readonly at: number;
  readonly type: string;
  readonly typeAt: number;
  readonly attrs: readonly Attr[];
  readonly init: readonly Tok[];
  readonly required: boolean;
}
interface ClassDecl {
  readonly name: string;
  readonly at: number;
  readonly attrs: readonly Attr[];
  readonly bases: readonly string[];
  readonly props: Prop[];
  readonly abstract: boolean;
  readonly dbSets: { type: string; name: string; at: number }[];
}
interface EnumDecl {
  readonly name: string;
  readonly at: number;
  readonly values: string[];
}

const MODIFIERS = new Set(["public", "private", "protected", "internal", "static", "abstract", "sealed", "partial", "virtual", "override", "required", "readonly", "new", "const", "extern", "unsafe", "async", "file", "volatile"]);

/** The classes, records and enums of a C# text (bodies of methods and accessors skipped). */
export function parseCSharp(toks: readonly Tok[], unread: (what: string, at: number) => void): { classes: ClassDecl[]; enums: EnumDecl[] } {
  const classes: ClassDecl[] = [];
  const enums: EnumDecl[] = [];
  let i = 0;
  const peek = (k = 0): Tok | undefined => toks[i + k];
  const is = (v: string, k = 0): boolean => toks[i + k]?.v === v && toks[i + k]?.t === "p";
  /** Skips a balanced group starting at the opener at i. */
  const skipGroup = (): void => {
    const open = toks[i]!.v;
    const close = open === "{" ? "}" : open === "(" ? ")" : open === "[" ? "]" : ">";
    let depth = 0;
    while (i < toks.length) {
      const t = toks[i]!;
      if (t.t === "p" && t.v === open) depth++;
      else if (t.t === "p" && t.v === close) {
        depth--;
        if (depth === 0) {
          i++;
          return;
        }
      }
      i++;
    }
  };
  const skipStatement = (): void => {
    while (i < toks.length && !is(";") && !is("}")) {
      if (is("{") || is("(") || is("[")) skipGroup();
      else i++;
    }
    if (is(";")) i++;
  };
  const attributes = (): Attr[] => {
    const list: Attr[] = [];
    while (is("[")) {
      i++;
      // `[assembly: X]`, `[property: X]`: the target word is not the attribute.
      if (peek()?.t === "id" && is(":", 1)) i += 2;
      while (i < toks.length && !is("]")) {
        if (peek()?.t !== "id") {
          i++;
          continue;
        }
        const at = peek()!.at;
        let name = peek()!.v;
        i++;
        while (is(".") && peek(1)?.t === "id") {
          name = peek(1)!.v;
          i += 2;
        }
        const args: Arg[] = [];
        if (is("(")) {
          i++;
          let cur: Tok[] = [];
          let depth = 0;
          const flush = (): void => {
            if (!cur.length) return;
            const named = cur.length > 2 && cur[0]!.t === "id" && (cur[1]!.v === "=" || cur[1]!.v === ":") && cur[1]!.t === "p";
            args.push({ name: named ? cur[0]!.v : null, toks: named ? cur.slice(2) : cur, at: cur[0]!.at });
            cur = [];
          };
          while (i < toks.length) {
            const t = toks[i]!;
            if (t.t === "p" && (t.v === "(" || t.v === "{" || t.v === "[")) depth++;
            if (t.t === "p" && (t.v === ")" || t.v === "}" || t.v === "]")) {
              if (depth === 0) break;
              depth--;
            }
            if (t.t === "p" && t.v === "," && depth === 0) flush();
            else cur.push(t);
            i++;
          }
          flush();
          i++; // )
        }
        list.push({ name: name.replace(/Attribute$/, ""), args, at });
        if (is(",")) i++;
      }
      i++; // ]
    }
    return list;
  };
  /** A type: `string`, `List<Tag>`, `int?`, `byte[]`, `System.Guid`, `(int, string)`. */
  const type = (): string | null => {
    const t = peek();
    if (!t || t.t !== "id") return null;
    let s = t.v;
    i++;
    while (is(".") && peek(1)?.t === "id") {
      s += "." + peek(1)!.v;
      i += 2;
    }
    if (is("<")) {
      const from = i;
      let depth = 0;
      while (i < toks.length) {
        if (is("<")) depth++;
        else if (is(">")) {
          depth--;
          if (depth === 0) {
            i++;
            break;
          }
        } else if (is(";") || is("{") || is("=")) {
          i = from;
          return s;
        }
        i++;
      }
      s += toks.slice(from, i).map((x) => x.v).join("").replace(/,/g, ", ");
    }
    while (is("?") || (is("[") && is("]", 1))) {
      if (is("?")) {
        s += "?";
        i++;
      } else {
        s += "[]";
        i += 2;
      }
    }
    return s;
  };
  const classBody = (c: ClassDecl): void => {
    i++; // {
    while (i < toks.length && !is("}")) member(c);
    i++; // }
  };
  const member = (c: ClassDecl | null): void => {
    const attrs = attributes();
    const mods: string[] = [];
    while (peek()?.t === "id" && MODIFIERS.has(peek()!.v)) mods.push(toks[i++]!.v);
    const t = peek();
    if (!t) return;
    if (t.t === "p") {
      if (is("{")) skipGroup();
      else i++;
      return;
    }
    if (t.v === "using" || t.v === "global") {
      skipStatement();
      return;
    }
    if (t.v === "namespace") {
      i++;
      type();
      if (is(";")) i++;
      else if (is("{")) {
        i++;
        while (i < toks.length && !is("}")) member(null);
        i++;
      }
      return;
    }
    if (t.v === "enum") {
      i++;
      const name = peek();
      if (!name || name.t !== "id") return;
      i++;
      if (is(":")) {
        i++;
        type();
      }
      const values: string[] = [];
      if (is("{")) {
        i++;
        while (i < toks.length && !is("}")) {
          attributes();
          if (peek()?.t === "id") values.push(peek()!.v);
          while (i < toks.length && !is(",") && !is("}")) i++;
          if (is(",")) i++;
        }
        i++;
      }
      enums.push({ name: name.v, at: name.at, values });
      return;
    }
    if (t.v === "class" || t.v === "record" || t.v === "struct" || t.v === "interface") {
      const kind = t.v;
      i++;
      if (kind === "record" && (peek()?.v === "class" || peek()?.v === "struct")) i++;
      const name = peek();
      if (!name || name.t !== "id") return;
      i++;
      if (is("<")) skipGroup();
      const decl: ClassDecl = { name: name.v, at: name.at, attrs, bases: [], props: [], abstract: mods.includes("abstract") || kind === "interface", dbSets: [] };
      // A positional record: `record Todo(int Id, string Title)` declares its properties.
      if (is("(")) {
        i++;
        while (i < toks.length && !is(")")) {
          const pa = attributes();
          const ty = type();
          const pn = peek();
          if (ty && pn?.t === "id") {
            i++;
            const init: Tok[] = [];
            if (is("=")) {
              i++;
              while (i < toks.length && !is(",") && !is(")")) init.push(toks[i++]!);
            }
            decl.props.push({ name: pn.v, at: pn.at, type: ty, typeAt: pn.at, attrs: pa, init, required: false });
          }
          while (i < toks.length && !is(",") && !is(")")) i++;
          if (is(",")) i++;
        }
        i++;
      }
      if (is(":")) {
        i++;
        for (;;) {
          const b = type();
          if (b) (decl.bases as string[]).push(b.replace(/<.*$/s, "").split(".").pop()!);
          if (is("(")) skipGroup();
          if (is(",")) i++;
          else break;
        }
      }
      while (peek()?.v === "where") skipUntil("{", ";");
      if (kind !== "interface") classes.push(decl);
      if (is("{")) classBody(decl);
      else if (is(";")) i++;
      return;
    }
    if (t.v === "delegate" || t.v === "event") {
      skipStatement();
      return;
    }
    // A member of a class: a property, a field, a method, a constructor.
    const at = t.at;
    const ty = type();
    if (!ty) {
      i++;
      return;
    }
    const nameTok = peek();
    if (is("(")) {
      // A constructor: `Todo(...) { }` or `: base(...)`.
      skipGroup();
      skipBody();
      return;
    }
    if (!nameTok || nameTok.t !== "id") {
      if (c) unread(`"${ty}" in class ${c.name}`, at);
      skipStatement();
      return;
    }
    i++;
    if (is("(") || is("<")) {
      // A method.
      if (is("<")) skipGroup();
      if (is("(")) skipGroup();
      while (peek()?.v === "where") skipUntil("{", ";", "=>");
      skipBody();
      return;
    }
    if (is("{")) {
      // A property: its accessors decide whether it is stored.
      const from = i;
      skipGroup();
      const acc = toks.slice(from, i).filter((x) => x.t === "id").map((x) => x.v);
      const auto = !toks.slice(from, i).some((x) => x.v === "{" && x !== toks[from]) && !toks.slice(from, i).some((x) => x.v === "=>");
      const init: Tok[] = [];
      if (is("=")) {
        i++;
        while (i < toks.length && !is(";")) {
          if (is("{") || is("(") || is("[")) {
            const s = i;
            skipGroup();
            init.push(...toks.slice(s, i));
          } else init.push(toks[i++]!);
        }
        if (is(";")) i++;
      }
      if (!c) return;
      if (mods.includes("static")) return;
      if (!acc.includes("get")) return;
      if (ty.startsWith("DbSet<")) {
        c.dbSets.push({ type: ty.slice(6, -1).trim(), name: nameTok.v, at: nameTok.at });
        return;
      }
      // A computed property (a getter with a body, no setter) is not stored.
      if (!auto && !acc.includes("set") && !acc.includes("init")) return;
      c.props.push({ name: nameTok.v, at: nameTok.at, type: ty, typeAt: at, attrs, init, required: mods.includes("required") });
      return;
    }
    if (is("=>")) {
      // An expression-bodied property (computed): `public DbSet<T> Items => Set<T>();` names a table.
      const from = i;
      skipStatement();
      if (c && ty.startsWith("DbSet<")) c.dbSets.push({ type: ty.slice(6, -1).trim(), name: nameTok.v, at: nameTok.at });
      void from;
      return;
    }
    // A field (EF Core maps properties, not fields).
    skipStatement();
  };
  const skipBody = (): void => {
    if (is("{")) skipGroup();
    else skipStatement();
  };
  const skipUntil = (...stops: string[]): void => {
    while (i < toks.length && !stops.some((s) => is(s))) i++;
  };
  while (i < toks.length) {
    const before = i;
    member(null);
    if (i === before) i++;
  }
  return { classes, enums };
}

// ---- the reader ----
const TYPES: Readonly<Record<string, string>> = {
  int: "integer", int32: "integer", uint: "bigint", long: "bigint", int64: "bigint", short: "smallint", int16: "smallint", byte: "smallint", sbyte: "smallint",
  bool: "boolean", boolean: "boolean", decimal: "numeric", double: "double precision", float: "real", single: "real",
  datetime: "timestamptz", datetimeoffset: "timestamptz", dateonly: "date", timeonly: "time", timespan: "interval",
  guid: "uuid", char: "char(1)", "byte[]": "bytea", jsondocument: "jsonb", jsonelement: "jsonb",
};
const VALUE_TYPES = /^(int|int32|uint|long|int64|short|int16|byte|sbyte|bool|boolean|decimal|double|float|single|datetime|datetimeoffset|dateonly|timeonly|timespan|guid|char)$/i;
const COLLECTION = /^(?:ICollection|IList|List|IEnumerable|HashSet|ISet|IReadOnlyCollection|IReadOnlyList|Collection)<\s*([\w.]+)\s*>$/;
/** Attributes that say nothing about the stored column. */
const QUIET = new Set(["InverseProperty", "JsonIgnore", "JsonPropertyName", "JsonProperty", "Display", "DisplayName", "Description", "DataType", "Unicode", "ConcurrencyCheck", "Timestamp", "Phone", "Owned", "Keyless", "Serializable", "DefaultValue", "Editable", "ScaffoldColumn", "BackingField", "DeleteBehavior", "Comment", "Column", "Key", "Required", "MaxLength", "StringLength", "MinLength", "Range", "EmailAddress", "Url", "RegularExpression", "ForeignKey", "DatabaseGenerated", "Precision", "NotMapped", "Table", "Index", "Obsolete"]);

interface ColDraft {
  name: RawText;
  type: RawText;
  constraints: RawText[];
  notNull: boolean;
  description?: string;
}

function readEfCore(block: SourceBlock): ReaderResult {
  const text = block.text;
  const { out, span, raw, warn, note } = openResult(block);
  const { classes, enums } = parseCSharp(lexCSharp(text), (what, at) => warn(`${what} is not read`, at, HINT));
  const enumOf = new Map(enums.map((e) => [e.name, e] as const));
  for (const e of enums) out.enums.push({ name: raw(e.name, e.at), values: e.values.map((v) => raw(v, e.at)) });
  const byName = new Map(classes.map((c) => [c.name, c] as const));

  // The DbContext's DbSet<T> properties name the tables (and say which classes are entities).
  const contexts = classes.filter((c) => c.dbSets.length || c.bases.some((b) => /DbContext$/.test(b)));
  const dbSetName = new Map<string, { name: string; at: number }>();
  for (const ctx of contexts) for (const s of ctx.dbSets) dbSetName.set(s.type.split(".").pop()!, { name: s.name, at: s.at });
  const NOT_ENTITY = /(Dto|DTO|Request|Response|ViewModel|Vm|Command|Query|Options|Settings|Config|Configuration|Controller|Service|Repository|Handler|Validator|Profile|Exception|Extensions|Program|Startup)$/;
  const parents = new Set(classes.flatMap((c) => c.bases));
  const entities = classes.filter((c) => {
    if (contexts.includes(c)) return false;
    if (dbSetName.size) return dbSetName.has(c.name);
    if (c.abstract || NOT_ENTITY.test(c.name)) return false;
    // A base class the block's entities extend is no table of its own (its properties go to them).
    if (parents.has(c.name) && !c.attrs.some((a) => a.name === "Table")) return false;
    return c.props.length > 0;
  });
  if (!entities.length) return out;
  if (dbSetName.size) for (const c of classes) if (!contexts.includes(c) && !dbSetName.has(c.name) && c.props.length && !parents.has(c.name) && !NOT_ENTITY.test(c.name)) note(`class ${c.name} has no DbSet in the DbContext: it is not read as a table`, c.at);

  // Nullable reference types: on when the block writes a `?` on a reference type, `null!` or `required`.
  const allProps = classes.flatMap((c) => c.props);
  const nrt = allProps.some((p) => /\?$/.test(p.type) && !VALUE_TYPES.test(p.type.slice(0, -1)) && !enumOf.has(p.type.slice(0, -1))) || allProps.some((p) => p.required || /^(null|default)!$/.test(p.init.map((t) => t.v).join("")));
  note(nrt
    ? "nullable reference types are on (the classes write `string?`): a `string` property is NOT NULL, a `string?` one nullable"
    : "nullable reference types look off (no `string?` is written): a string property is nullable unless [Required]", entities[0]!.at);

  const attr = (list: readonly Attr[], name: string): Attr | undefined => list.find((a) => a.name === name);
  const argStr = (a: Arg | undefined): string | null => {
    if (!a) return null;
    if (a.toks.length === 1 && a.toks[0]!.t === "str") return a.toks[0]!.v;
    // nameof(X) / nameof(Order.CustomerId)
    if (a.toks[0]?.v === "nameof") return a.toks.filter((t) => t.t === "id").pop()?.v ?? null;
    return null;
  };
  const argNum = (a: Arg | undefined): string | null => {
    if (!a) return null;
    const s = a.toks.map((t) => t.v).join("");
    return /^-?\d+(\.\d+)?$/.test(s) ? s : null;
  };
  const positional = (a: Attr | undefined, k: number): Arg | undefined => a?.args.filter((x) => !x.name)[k];
  const named = (a: Attr | undefined, n: string): Arg | undefined => a?.args.find((x) => x.name === n);
  const tableName = (c: ClassDecl): RawText => {
    const t = attr(c.attrs, "Table");
    const given = argStr(positional(t, 0));
    if (given) return raw(given, positional(t, 0)!.at);
    const set = dbSetName.get(c.name);
    if (set) {
      note(`entity ${c.name} read as table "${set.name}" (EF Core's default: the name of its DbSet)`, c.at);
      return raw(set.name, c.at);
    }
    note(`entity ${c.name} read as table "${c.name}" (EF Core's default with no DbSet in the spec: the class name)`, c.at);
    return raw(c.name, c.at);
  };
  const tables = new Map(entities.map((c) => [c.name, tableName(c)] as const));
  const tableOf = (cls: string): string => tables.get(cls)?.text ?? cls;
  /** Properties with the base classes' first (EF maps an unmapped base's properties into each entity). */
  const propsOf = (c: ClassDecl, seen = new Set<string>()): Prop[] => {
    if (seen.has(c.name)) return [];
    seen.add(c.name);
    const base = c.bases.map((b) => byName.get(b)).find((b) => b && !contexts.includes(b));
    return [...(base ? propsOf(base, seen) : []), ...c.props];
  };
  const columnName = (p: Prop): string => argStr(positional(attr(p.attrs, "Column"), 0)) ?? p.name;
  const keyOf = (cls: string): { column: string; type: string; prop: string } | null => {
    const c = byName.get(cls);
    if (!c) return null;
    const props = propsOf(c).filter((p) => !attr(p.attrs, "NotMapped"));
    const k = props.find((p) => attr(p.attrs, "Key")) ?? props.find((p) => p.name.toLowerCase() === "id") ?? props.find((p) => p.name.toLowerCase() === `${cls.toLowerCase()}id`);
    if (!k) return null;
    const base = k.type.replace(/\?$/, "").split(".").pop()!.toLowerCase();
    return { column: columnName(k), type: TYPES[base] ?? (base === "string" ? "text" : ""), prop: k.name };
  };
  const isEntity = (t: string): boolean => tables.has(t);

  const joinTables: RawTable[] = [];
  const madeJoins = new Set<string>();
  for (const c of entities) {
    const tname = tables.get(c.name)!;
    const props = propsOf(c);
    const cols = new Map<string, ColDraft>();
    const indexes: RawIndex[] = [];
    const colOfProp = new Map<string, string>();
    const key = keyOf(c.name);
    if (!key) warn(`entity ${c.name} has no key (no [Key], Id or ${c.name}Id property); "id" is added by the IR`, c.at, HINT);
    const navs: { p: Prop; target: string }[] = [];
    for (const p of props) {
      if (attr(p.attrs, "NotMapped")) continue;
      const nullableMark = p.type.endsWith("?");
      const bare = p.type.replace(/\?$/, "");
      const simple = bare.split(".").pop()!;
      const coll = COLLECTION.exec(bare);
      if (coll) {
        const inner = coll[1]!.split(".").pop()!;
        if (isEntity(inner) || byName.has(inner)) {
          // Both sides collections: EF's many-to-many join table.
          const other = byName.get(inner);
          const back = other ? propsOf(other).find((q) => COLLECTION.exec(q.type.replace(/\?$/, ""))?.[1]?.split(".").pop() === c.name) : undefined;
          if (back && isEntity(inner)) {
            const pair = [c.name, inner].sort();
            const jName = pair.join("");
            if (!madeJoins.has(jName)) {
              madeJoins.add(jName);
              const [a, b] = pair[0] === c.name ? [{ cls: c.name, nav: back.name }, { cls: inner, nav: p.name }] : [{ cls: inner, nav: p.name }, { cls: c.name, nav: back.name }];
              const ka = keyOf(a.cls) ?? { column: "Id", type: "", prop: "Id" };
              const kb = keyOf(b.cls) ?? { column: "Id", type: "", prop: "Id" };
              // EF names each key column for the navigation that reaches that side: PostsId, TagsId.
              const ca = `${a.nav}${ka.prop}`;
              const cb = `${b.nav}${kb.prop}`;
              const kt = (t: string): string => t;
              joinTables.push({
                name: raw(jName, p.at),
                columns: [
                  { name: raw(ca, p.at), type: raw(kt(ka.type), p.at), constraints: [raw("not null", p.at), raw(`references ${tableOf(a.cls)}(${ka.column}) on delete cascade`, p.at)] },
                  { name: raw(cb, p.at), type: raw(kt(kb.type), p.at), constraints: [raw("not null", p.at), raw(`references ${tableOf(b.cls)}(${kb.column}) on delete cascade`, p.at)] },
                ],
                indexes: [{ columns: [ca, cb], unique: true, span: span(p.at) }],
                notation: "efcore",
              });
              note(`${c.name}.${p.name} and ${inner}.${back.name} are many to many: EF Core's join table "${jName}" (${ca}, ${cb}) holds the pairs`, p.at);
            }
          } else note(`${c.name}.${p.name} (a collection of ${inner}) holds no column: the key is on ${inner}'s table`, p.at);
          continue;
        }
        const el = inner.toLowerCase();
        const elType = el === "string" ? "text" : TYPES[el] ?? (enumOf.has(inner) ? "text" : null);
        if (elType) {
          add(p, `${elType}[]`, nullableMark ? false : nrt);
          note(`${c.name}.${p.name} (a list of ${inner}) is a ${elType}[] column (Npgsql maps lists to arrays)`, p.at);
        } else warn(`${c.name}.${p.name}: a collection of ${inner} is not a column read here; it is not stored`, p.at, HINT);
        continue;
      }
      if (isEntity(simple) || (byName.has(simple) && !enumOf.has(simple) && !VALUE_TYPES.test(simple))) {
        navs.push({ p, target: simple });
        continue;
      }
      let type: string;
      let values: string[] | undefined;
      const lower = bare.toLowerCase();
      const colAttr = attr(p.attrs, "Column");
      const typeName = argStr(named(colAttr, "TypeName"));
      const maxLen = argNum(positional(attr(p.attrs, "MaxLength"), 0)) ?? argNum(positional(attr(p.attrs, "StringLength"), 0));
      let valueType = VALUE_TYPES.test(lower);
      if (typeName) type = typeName.toLowerCase().replace(/^nvarchar/, "varchar").replace(/^datetime2?$/, "timestamp").replace(/^bit$/, "boolean");
      else if (lower === "string") type = maxLen ? `varchar(${maxLen})` : "text";
      else if (TYPES[lower]) type = TYPES[lower]!;
      else if (enumOf.has(simple)) {
        values = enumOf.get(simple)!.values;
        valueType = true;
        type = "text";
        note(`${c.name}.${p.name}: EF Core stores the enum ${simple} as its number unless converted; read as its names (${values.join(", ")})`, p.at);
      } else if (/^(string\[\]|int\[\]|long\[\]|Guid\[\])$/i.test(bare)) type = `${TYPES[lower.slice(0, -2)] ?? "text"}[]`;
      else if (/^(Dictionary|IDictionary|JsonDocument|JsonObject|JObject)/.test(bare)) type = "jsonb";
      else if (/^[A-Z]\w*$/.test(simple) && !byName.has(simple)) {
        // A class the spec does not show, with a key property beside it: a navigation to a table written elsewhere.
        if (props.some((q) => q.name === `${p.name}Id`) || attr(p.attrs, "ForeignKey")) {
          navs.push({ p, target: simple });
          continue;
        }
        warn(`${c.name}.${p.name}: the type ${bare} is not a column type read here; stored as text`, p.typeAt, HINT);
        type = "text";
      } else {
        warn(`${c.name}.${p.name}: the type ${bare} is not a column type read here; stored as text`, p.typeAt, HINT);
        type = "text";
      }
      const prec = attr(p.attrs, "Precision");
      if (type === "numeric" && prec && argNum(positional(prec, 0))) type = `numeric(${argNum(positional(prec, 0))}, ${argNum(positional(prec, 1)) ?? "0"})`;
      if (values) type = `enum(${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(", ")})`;
      const notNull = valueType ? !nullableMark : nrt ? !nullableMark : false;
      const col = add(p, type, notNull);
      if (key && p.name === key.prop) {
        col.notNull = true;
        col.constraints.push(raw("primary key", p.at));
        const gen = argStr(positional(attr(p.attrs, "DatabaseGenerated"), 0)) ?? positional(attr(p.attrs, "DatabaseGenerated"), 0)?.toks.map((t) => t.v).join("") ?? "";
        if (!/None$/.test(gen)) {
          if (type === "integer") col.type = raw("serial", p.typeAt);
          else if (type === "bigint") col.type = raw("bigserial", p.typeAt);
          else if (type === "uuid") col.constraints.push(raw("default gen_random_uuid()", p.at));
        }
      }
      // A foreign key named for a navigation is typed and referenced when the navigation is read.
      rules(c, p, col);
      const d = defaultOf(p, simple);
      if (d) col.constraints.push(raw(d, p.init[0]?.at ?? p.at));
      const comment = argStr(positional(attr(p.attrs, "Comment"), 0));
      if (comment) col.description = comment;
    }
    // Navigations: the key property beside them, [ForeignKey], or EF's shadow key <Navigation>Id.
    for (const { p, target } of navs) {
      const tk = keyOf(target) ?? { column: "Id", type: "", prop: "Id" };
      const fkAttr = attr(p.attrs, "ForeignKey");
      const fkNamed = argStr(positional(fkAttr, 0));
      const fkProp = props.find((q) => q.name === fkNamed)
        ?? props.find((q) => argStr(positional(attr(q.attrs, "ForeignKey"), 0)) === p.name)
        ?? props.find((q) => q.name === `${p.name}${tk.prop}`)
        ?? props.find((q) => q.name === `${p.name}Id`);
      const navNullable = p.type.endsWith("?");
      let col: ColDraft;
      if (fkProp && cols.has(colOfProp.get(fkProp.name) ?? "")) {
        col = cols.get(colOfProp.get(fkProp.name)!)!;
        if (!col.type.text && tk.type) col.type = raw(tk.type, p.at);
      } else {
        const name = `${p.name}${tk.prop}`;
        col = { name: raw(name, p.at), type: raw(tk.type, p.at), constraints: [], notNull: !navNullable && (nrt || !!attr(p.attrs, "Required")) };
        cols.set(name, col);
        note(`${c.name}.${p.name} (a ${target}) adds EF Core's shadow key column "${name}"`, p.at);
      }
      if (attr(p.attrs, "Required")) col.notNull = true;
      // EF Core cascades the delete of a required relation's principal; an optional one is left alone.
      col.constraints.push(raw(`references ${tableOf(target)}(${tk.column})${col.notNull ? " on delete cascade" : ""}`, p.at));
    }
    // [Index(nameof(A), nameof(B), IsUnique = true)] on the class.
    for (const a of c.attrs) {
      if (a.name === "Index") {
        const names = a.args.filter((x) => !x.name).map(argStr).filter((s): s is string => !!s);
        if (!names.length) {
          warn(`[Index] on ${c.name}: its properties are not named; it is not kept`, a.at);
          continue;
        }
        const unique = named(a, "IsUnique")?.toks.map((t) => t.v).join("") === "true";
        indexes.push({ columns: names.map((n) => colOfProp.get(n) ?? n), unique, ...(argStr(named(a, "Name")) ? { name: argStr(named(a, "Name"))! } : {}), span: span(a.at) });
      } else if (a.name === "PrimaryKey") warn(`[PrimaryKey] on ${c.name} (a key of several columns) is not read`, a.at);
      else if (!QUIET.has(a.name)) warn(`[${a.name}] on ${c.name} is not understood; it is ignored`, a.at);
    }
    const rawCols: RawColumn[] = [...cols.values()].map((col) => ({
      name: col.name,
      type: col.type,
      constraints: [{ text: col.notNull ? "not null" : "nullable", span: col.type.span }, ...col.constraints],
      ...(col.description ? { description: col.description } : {}),
    }));
    if (!rawCols.length) {
      warn(`entity ${c.name} has no property read here; it is not a table`, c.at, HINT);
      continue;
    }
    out.tables.push({ name: tname, columns: rawCols, indexes, notation: "efcore" });

    function add(p: Prop, type: string, notNull: boolean): ColDraft {
      const name = columnName(p);
      const col: ColDraft = { name: raw(name, p.at), type: raw(type, p.typeAt), constraints: [], notNull };
      cols.set(name, col);
      colOfProp.set(p.name, name);
      return col;
    }
  }
  out.tables.push(...joinTables.filter((j) => !out.tables.some((t) => t.name.text === j.name.text)));
  return out;

  /** DataAnnotations on a property as rules. */
  function rules(c: ClassDecl, p: Prop, col: ColDraft): void {
    for (const a of p.attrs) {
      const push = (ph: string): void => void col.constraints.push(raw(ph, a.at));
      const n0 = argNum(positional(a, 0));
      switch (a.name) {
        case "Required":
          col.notNull = true;
          if (/^string\??$/i.test(p.type) && named(a, "AllowEmptyStrings")?.toks[0]?.v !== "true" && !p.attrs.some((x) => x.name === "StringLength" && named(x, "MinimumLength"))) push("not blank");
          break;
        case "MaxLength":
          if (n0 && !col.type.text.startsWith("varchar")) push(`max length ${n0}`);
          break;
        case "StringLength": {
          const min = argNum(named(a, "MinimumLength"));
          if (min && min !== "0") {
            // A minimum length says more than [Required]'s "not blank".
            const blank = col.constraints.findIndex((x) => x.text === "not blank");
            if (blank >= 0) col.constraints.splice(blank, 1);
            push(`min length ${min}`);
          }
          if (n0 && !col.type.text.startsWith("varchar")) push(`max length ${n0}`);
          break;
        }
        case "MinLength":
          if (n0) push(`min length ${n0}`);
          break;
        case "Range": {
          const lo = argNum(positional(a, 0));
          const hi = argNum(positional(a, 1));
          if (lo) push(`>= ${lo}`);
          if (hi) push(`<= ${hi}`);
          if (!lo && !hi) warn(`${c.name}.${p.name}: the bounds of [Range] are not numbers here; they are not enforced`, a.at);
          break;
        }
        case "EmailAddress":
          push("email format");
          break;
        case "Url":
          push("url format");
          break;
        case "RegularExpression": {
          const re = argStr(positional(a, 0));
          if (re) push(`pattern ${re}`);
          else warn(`${c.name}.${p.name}: the pattern of [RegularExpression] is not a string here; it is not enforced`, a.at);
          break;
        }
        case "Index":
          push(named(a, "IsUnique")?.toks[0]?.v === "true" ? "unique" : "indexed");
          break;
        default:
          if (!QUIET.has(a.name)) warn(`${c.name}.${p.name}: [${a.name}] is not understood; it is ignored (the column stays)`, a.at, HINT);
      }
    }
  }

  /** A property's initializer as a default; placeholders (string.Empty, null!, new()) are none. */
  function defaultOf(p: Prop, simple: string): string | null {
    const s = p.init.map((t) => t.v).join("");
    if (!s || /^(string\.Empty|""|null!?|default!?|new\(\)|new.*)$/.test(s) || (p.init.length === 1 && p.init[0]!.t === "str" && p.init[0]!.v === "")) return null;
    if (p.init.length === 1 && p.init[0]!.t === "str") return `default '${p.init[0]!.v.replace(/'/g, "''")}'`;
    if (/^-?\d+(\.\d+)?$/.test(s) || s === "true" || s === "false") return `default ${s}`;
    if (/^(DateTime|DateTimeOffset)\.(UtcNow|Now)$/.test(s)) return "default now()";
    if (/^Guid\.NewGuid\(\)$/.test(s)) return "default gen_random_uuid()";
    const m = /^(\w+)\.(\w+)$/.exec(s);
    if (m && enumOf.get(m[1]!)?.values.includes(m[2]!)) return `default '${m[2]}'`;
    if (m && m[1] === simple) return null;
    note(`${p.name}: its initial value (${s.slice(0, 40)}) is computed by the application; it is not kept`, p.init[0]?.at ?? p.at);
    return null;
  }
}

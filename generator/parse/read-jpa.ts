// JPA / Hibernate entity classes pasted into a spec (```java): each class annotated @Entity is a
// raw table, each persistent field a column, named, typed and keyed the way Spring Boot's JPA
// (Hibernate with CamelCaseToUnderscoresNamingStrategy) does by default:
// - table: @Table(name) else the entity name (@Entity(name) or the class) in snake_case
//   (`TaskList` -> task_list); column: @Column(name) else the field in snake_case (`dueDate` -> due_date);
// - NULL: a column is nullable unless @Id, a primitive (int, long, boolean...), @Column(nullable =
//   false), @Basic(optional = false), @NotNull / @NotBlank / @NotEmpty, Lombok's @NonNull;
// - types from the Java type (String -> varchar(255), JPA's default length, unless @Column(length),
//   @Lob or columnDefinition say otherwise; Long -> bigint; BigDecimal -> numeric(p, s); Instant ->
//   timestamptz...); @Id @GeneratedValue counts up (bigserial / serial) or draws a random uuid;
// - @ManyToOne / @OneToOne (the owning side) add `<field>_id` (or @JoinColumn's name), typed as
//   the target's key, NOT NULL when optional = false or @JoinColumn(nullable = false); @OneToMany
//   and mappedBy sides hold no column; @ManyToMany + @JoinTable makes the join table;
// - a Java enum in the block gives the values of a field typed by it (@Enumerated(STRING) stores
//   the names; without it JPA stores ordinals, noted, and the names are still the rule);
// - @ElementCollection List<String> is a text[] column here (JPA keeps a collection table; noted);
// - @MappedSuperclass parents and @Embeddable fields give their columns to the entity;
// - Bean Validation (@Size, @Min, @Max, @Positive, @Email, @Pattern, @NotBlank...) are rules,
//   read as constraint phrases; Lombok, Jackson and OpenAPI annotations say nothing and are quiet.
// Read with Lezer's Java grammar, loaded only when a spec holds such classes; what is not
// understood is SF113 at its place, never dropped silently.
import type { SyntaxNode } from "@lezer/common";
import { snakeCase } from "../base/naming.js";
import { type BlockReader, type ReaderResult, type SourceBlock, openResult } from "./block.js";
import type { RawCheck, RawColumn, RawIndex, RawTable, RawText } from "./raw.js";

export async function loadJpaReader(): Promise<BlockReader> {
  const { parser } = await import("@lezer/java");
  return (block) => readJpa(parser, block);
}

type JavaParser = (typeof import("@lezer/java"))["parser"];

const HINT = "an entity's column is a field of an @Entity class (`@Column(nullable = false, length = 200) private String title;`); relations are @ManyToOne / @OneToOne / @ManyToMany";

/** Java types -> a type the IR reads (`varchar(n)` for String is decided with the length). */
const TYPES: Readonly<Record<string, string>> = {
  long: "bigint", integer: "integer", int: "integer", short: "smallint", byte: "smallint",
  double: "double precision", float: "real", boolean: "boolean", char: "char(1)", character: "char(1)",
  bigdecimal: "numeric", biginteger: "numeric",
  localdate: "date", localdatetime: "timestamp", localtime: "time", instant: "timestamptz", offsetdatetime: "timestamptz", zoneddatetime: "timestamptz",
  date: "timestamp", timestamp: "timestamp", calendar: "timestamp", duration: "interval",
  uuid: "uuid", "byte[]": "bytea", "Byte[]": "bytea", jsonnode: "jsonb", map: "jsonb", objectnode: "jsonb",
};
const PRIMITIVES = new Set(["int", "long", "short", "byte", "double", "float", "boolean", "char"]);
/** Annotations that say nothing about the stored column (Lombok, Jackson, OpenAPI, fetching, caching). */
const QUIET = new Set([
  "Data", "Getter", "Setter", "Builder", "SuperBuilder", "Default", "NoArgsConstructor", "AllArgsConstructor", "RequiredArgsConstructor", "ToString", "EqualsAndHashCode", "Value", "With", "Accessors", "FieldDefaults", "Slf4j", "Log4j2", "Jacksonized", "Singular",
  "JsonIgnore", "JsonProperty", "JsonFormat", "JsonManagedReference", "JsonBackReference", "JsonIgnoreProperties", "JsonInclude", "JsonSerialize", "JsonDeserialize", "JsonView", "JsonAlias", "JsonIdentityInfo",
  "Schema", "ApiModelProperty", "ApiModel", "Hidden",
  "Fetch", "BatchSize", "Cascade", "OrderBy", "OrderColumn", "Temporal", "Access", "Cacheable", "Cache", "DynamicUpdate", "DynamicInsert", "EntityListeners", "NamedQuery", "NamedQueries", "Where", "SQLDelete", "SQLRestriction", "Audited", "NotAudited", "Valid", "Override", "Basic", "Lob", "Enumerated", "JdbcTypeCode", "JdbcType", "Type", "Nationalized", "Table", "Entity", "Column", "Id", "GeneratedValue", "SequenceGenerator", "GenericGenerator", "UuidGenerator", "JoinColumn", "JoinColumns", "JoinTable", "OnDelete", "CollectionTable", "MapsId", "Digits", "Convert", "Formula", "Comment", "NaturalId", "Immutable", "Embedded", "ElementCollection", "Version", "NonNull", "NotNull", "CreationTimestamp", "UpdateTimestamp", "CreatedDate", "LastModifiedDate", "CreatedBy", "LastModifiedBy",
]);
const RELATIONS = /^(ManyToOne|OneToOne|OneToMany|ManyToMany)$/;

interface Ann {
  readonly name: string;
  readonly at: number;
  /** Named arguments; a lone argument is `value`. */
  readonly args: ReadonlyMap<string, SyntaxNode>;
}
interface Field {
  readonly name: string;
  readonly at: number;
  readonly anns: readonly Ann[];
  readonly type: SyntaxNode | null;
  readonly init: SyntaxNode | null;
  readonly skip: boolean;
  /** The class it was declared in (a @MappedSuperclass parent's, an @Embeddable's). */
  readonly from: string;
}
interface ClassInfo {
  readonly name: string;
  readonly at: number;
  readonly anns: readonly Ann[];
  readonly fields: Field[];
  readonly parent: string | null;
  readonly parentAt: number;
}

function readJpa(parser: JavaParser, block: SourceBlock): ReaderResult {
  // A line that is only `...` (or `// ...`) leaves code out of an example: blanked, offsets kept.
  const text = block.text.replace(/^[ \t]*(?:\.\.\.|…)[ \t]*$/gm, (m) => " ".repeat(m.length));
  const tree = parser.parse(text);
  const { out, span, raw, warn, note } = openResult(block);
  const src = (n: SyntaxNode): string => text.slice(n.from, n.to);

  // ---- values of annotation arguments and initializers ----
  const str = (n: SyntaxNode | null | undefined): string | null => {
    if (!n) return null;
    if (n.name === "StringLiteral") return unescape(src(n).slice(1, -1));
    if (n.name === "TextBlock") return src(n).replace(/^"""[^\n]*\n|"""$/g, "").trim();
    if (n.name === "BinaryExpression") {
      const parts = children(n).filter((c) => c.name !== "ArithOp");
      const ss = parts.map(str);
      return ss.every((s): s is string => s !== null) ? ss.join("") : null;
    }
    if (n.name === "ParenthesizedExpression") return str(children(n).find((c) => c.name !== "(" && c.name !== ")"));
    return null;
  };
  const num = (n: SyntaxNode | null | undefined): string | null => {
    if (!n) return null;
    if (n.name === "IntegerLiteral" || n.name === "FloatingPointLiteral") return src(n).replace(/_/g, "").replace(/[lLfFdD]$/, "");
    if (n.name === "UnaryExpression") {
      const inner = num(n.lastChild);
      return inner !== null && src(n).trim().startsWith("-") ? `-${inner}` : inner;
    }
    const s = str(n);
    return s !== null && /^-?\d+(\.\d+)?$/.test(s.trim()) ? s.trim() : null;
  };
  const bool = (n: SyntaxNode | null | undefined): boolean | null => (n?.name === "BooleanLiteral" ? src(n) === "true" : null);
  /** `EnumType.STRING`, `STRING`, `GenerationType.IDENTITY` -> the constant's name. */
  const constant = (n: SyntaxNode | null | undefined): string | null => (n && (n.name === "FieldAccess" || n.name === "Identifier") ? src(n).split(".").pop()!.trim() : null);
  /** `{ a, b }` or a lone `a` -> its elements. */
  const elements = (n: SyntaxNode | null | undefined): SyntaxNode[] => (!n ? [] : n.name === "ElementValueArrayInitializer" ? children(n).filter((c) => !/^[{},]$/.test(c.name)) : [n]);

  const annName = (n: SyntaxNode): string => {
    const id = n.getChild("Identifier") ?? n.getChild("ScopedIdentifier");
    return id ? src(id).split(".").pop()!.trim() : "";
  };
  const annotation = (n: SyntaxNode): Ann => {
    const args = new Map<string, SyntaxNode>();
    const list = n.getChild("AnnotationArgumentList");
    if (list) {
      for (const c of children(list)) {
        if (/^[(),]$/.test(c.name)) continue;
        if (c.name === "ElementValuePair") {
          const key = c.getChild("Identifier");
          const value = key?.nextSibling?.nextSibling ?? null;
          if (key && value) args.set(src(key), value);
        } else args.set("value", c);
      }
    }
    // `@Builder.Default`: the inner name (Default) is the one that matters.
    return { name: annName(n), at: n.from, args };
  };
  const annotationsOf = (mods: SyntaxNode | null): Ann[] => (mods ? children(mods).filter((c) => c.name === "Annotation" || c.name === "MarkerAnnotation").map(annotation) : []);
  const has = (anns: readonly Ann[], name: string): Ann | undefined => anns.find((a) => a.name === name);

  // ---- the declarations: enums, classes ----
  const enums = new Map<string, string[]>();
  const classes = new Map<string, ClassInfo>();
  const visit = (n: SyntaxNode): void => {
    if (n.name === "EnumDeclaration") {
      const name = n.getChild("Definition");
      const body = n.getChild("EnumBody");
      if (name && body) {
        const values = body.getChildren("EnumConstant").map((c) => src(c.getChild("Definition") ?? c));
        enums.set(src(name), values);
        out.enums.push({ name: raw(src(name), name.from), values: values.map((v) => raw(v, name.from)) });
      }
    }
    if (n.name === "ClassDeclaration" || n.name === "RecordDeclaration") {
      const def = n.getChild("Definition");
      if (def) {
        const anns = annotationsOf(n.getChild("Modifiers"));
        const superclass = n.getChild("Superclass");
        const parentType = superclass ? superclass.getChild("TypeName") ?? superclass.getChild("GenericType") ?? superclass.lastChild : null;
        const fields: Field[] = [];
        const cls = src(def);
        const body = n.getChild("ClassBody");
        if (body) {
          for (const f of body.getChildren("FieldDeclaration")) {
            const mods = f.getChild("Modifiers");
            const keywords = mods ? children(mods).map((c) => c.name) : [];
            const fAnns = annotationsOf(mods);
            const type = children(f).find((c) => /Type/.test(c.name) && c.name !== "TypeArguments") ?? null;
            for (const v of f.getChildren("VariableDeclarator")) {
              const d = v.getChild("Definition");
              if (!d) continue;
              const init = d.nextSibling?.name === "AssignOp" ? d.nextSibling.nextSibling : null;
              fields.push({ name: src(d), at: d.from, anns: fAnns, type, init, skip: keywords.includes("static") || keywords.includes("transient") || !!has(fAnns, "Transient"), from: cls });
            }
          }
        }
        const header = n.getChild("RecordHeader");
        if (header) {
          for (const rc of header.getChildren("RecordComponent")) {
            const d = rc.getChild("Definition");
            if (!d) continue;
            fields.push({ name: src(d), at: d.from, anns: annotationsOf(rc.getChild("Modifiers")), type: children(rc).find((c) => /Type/.test(c.name)) ?? null, init: null, skip: false, from: cls });
          }
        }
        classes.set(cls, { name: cls, at: def.from, anns, fields, parent: parentType ? src(parentType).replace(/<.*$/s, "").split(".").pop()! : null, parentAt: parentType?.from ?? def.from });
      }
    }
    for (let c = n.firstChild; c; c = c.nextSibling) visit(c);
  };
  visit(tree.topNode);

  const entityClasses = [...classes.values()].filter((c) => has(c.anns, "Entity"));
  if (!entityClasses.length) return out;
  /** An entity's table name: @Table(name), else @Entity(name) or the class, snake_case. */
  const tableNames = new Map<string, RawText>();
  for (const c of entityClasses) {
    const t = has(c.anns, "Table");
    const given = str(t?.args.get("name"));
    if (given) tableNames.set(c.name, raw(given, t!.args.get("name")!.from));
    else {
      const entityName = str(has(c.anns, "Entity")?.args.get("name") ?? has(c.anns, "Entity")?.args.get("value"));
      const name = snakeCase(entityName ?? c.name);
      tableNames.set(c.name, raw(name, c.at));
      note(`entity ${c.name} read as table "${name}" (Spring Boot's default naming: the ${entityName ? "entity name" : "class"} in snake_case)`, c.at);
    }
  }
  const tableOf = (cls: string): string => tableNames.get(cls)?.text ?? snakeCase(cls);

  /** Fields of a class with its @MappedSuperclass (or plain) parents' first, as JPA maps them. */
  const fieldsOf = (c: ClassInfo, seen = new Set<string>()): Field[] => {
    if (seen.has(c.name)) return [];
    seen.add(c.name);
    const parent = c.parent ? classes.get(c.parent) : undefined;
    if (c.parent && !parent && has(c.anns, "Entity")) note(`${c.name} extends ${c.parent}, which this spec does not show: its columns are not read`, c.parentAt);
    if (parent && has(c.anns, "Entity")) note(`${c.name} extends ${parent.name}: it takes ${parent.name}'s columns`, c.parentAt);
    return [...(parent ? fieldsOf(parent, seen) : []), ...c.fields];
  };

  /** The simple name of a type node: `java.time.Instant` -> Instant, `List<Tag>` -> List (args apart). */
  const typeName = (t: SyntaxNode | null): { base: string; args: string[]; array: boolean } => {
    if (!t) return { base: "", args: [], array: false };
    if (t.name === "ArrayType") {
      const inner = typeName(t.firstChild);
      return { ...inner, array: true };
    }
    if (t.name === "GenericType") {
      const base = t.firstChild ? src(t.firstChild).split(".").pop()! : "";
      const args = (t.getChild("TypeArguments") ? children(t.getChild("TypeArguments")!).filter((c) => /Type/.test(c.name)) : []).map((c) => src(c).split(".").pop()!.replace(/<.*$/s, ""));
      return { base, args, array: false };
    }
    return { base: src(t).split(".").pop()!.trim(), args: [], array: false };
  };

  /** The @Id column of an entity (its name and type as another table's key column takes it). */
  const pkOf = (cls: string, seen = new Set<string>()): { column: string; type: string } | null => {
    const c = classes.get(cls);
    if (!c || seen.has(cls)) return null;
    seen.add(cls);
    for (const f of fieldsOf(c)) {
      if (!has(f.anns, "Id")) continue;
      const column = str(has(f.anns, "Column")?.args.get("name")) ?? snakeCase(f.name);
      const t = typeName(f.type);
      const gen = has(f.anns, "GeneratedValue");
      const strategy = constant(gen?.args.get("strategy"));
      const basic = t.array ? "bytea" : TYPES[t.base.toLowerCase()] ?? (t.base === "String" ? "varchar(255)" : "");
      return { column, type: strategy === "UUID" ? "uuid" : basic };
    }
    return null;
  };

  /** `@Column(columnDefinition = "varchar(20) default 'open' not null")`: its type and phrases. */
  const columnDefinition = (def: string): { type: string; phrases: string[] } => {
    const m = /^\s*([A-Za-z][\w ]*?(?:\(\s*[^)]*\))?(?:\s*\[\])?)(?=\s+(?:not\s+null|null|default|unique|check|primary|generated|references)\b|\s*$)([\s\S]*)$/i.exec(def);
    const type = (m?.[1] ?? def).trim().toLowerCase().replace(/^timestamp with time zone$/, "timestamptz").replace(/^json$/, "jsonb");
    const rest = m?.[2] ?? "";
    const phrases: string[] = [];
    if (/\bnot\s+null\b/i.test(rest)) phrases.push("not null");
    if (/\bunique\b/i.test(rest)) phrases.push("unique");
    const d = /\bdefault\s+('(?:[^']|'')*'|[\w.]+(?:\(\))?)/i.exec(rest);
    if (d) phrases.push(/^(current_timestamp|now\(\))$/i.test(d[1]!) ? "default now()" : `default ${d[1]}`);
    const ck = /\bcheck\s*\(([\s\S]*)\)/i.exec(rest);
    if (ck) phrases.push(`check (${ck[1]!.trim()})`);
    return { type, phrases };
  };

  const joinTables: RawTable[] = [];
  for (const c of entityClasses) {
    const tableName = tableNames.get(c.name)!;
    const columns = new Map<string, { name: RawText; type: RawText; constraints: RawText[]; notNull: boolean; description?: string }>();
    const indexes: RawIndex[] = [];
    const checks: RawCheck[] = [];
    const columnOfField = new Map<string, string>();
    const add = (name: string, at: number, type: string, typeAt: number): NonNullable<ReturnType<typeof columns.get>> => {
      const col = { name: raw(name, at), type: raw(type, typeAt), constraints: [] as RawText[], notNull: false };
      columns.set(name, col);
      return col;
    };
    // @Embedded fields: the @Embeddable's fields are the entity's columns.
    const expand = (fields: readonly Field[]): Field[] =>
      fields.flatMap((f) => {
        const emb = classes.get(typeName(f.type).base);
        if (!f.skip && emb && (has(f.anns, "Embedded") || has(emb.anns, "Embeddable"))) {
          note(`${c.name}.${f.name} embeds ${emb.name}: its fields are columns of "${tableName.text}"`, f.at);
          return emb.fields;
        }
        return [f];
      });
    const pending: { f: Field; rel: Ann }[] = [];
    for (const f of expand(fieldsOf(c))) {
      if (f.skip) continue;
      const rel = f.anns.find((a) => RELATIONS.test(a.name));
      const t = typeName(f.type);
      if (rel) {
        if (rel.args.get("mappedBy")) {
          note(`${c.name}.${f.name} (@${rel.name}, mapped by ${str(rel.args.get("mappedBy")) ?? "the other side"}) is the other side of a relation: no column here`, f.at);
          continue;
        }
        if (rel.name === "OneToMany") {
          note(`${c.name}.${f.name} (@OneToMany) holds no column: the key is on ${t.args[0] ?? "the other side"}'s table`, f.at);
          continue;
        }
        if (rel.name === "ManyToMany") {
          const target = t.args[0] ?? constant(rel.args.get("targetEntity"))?.replace(/\.class$/, "") ?? null;
          if (!target) {
            warn(`the target of ${c.name}.${f.name} (@ManyToMany) is not read; its join table is not made`, rel.at);
            continue;
          }
          const jt = has(f.anns, "JoinTable");
          const given = str(jt?.args.get("name"));
          const left = tableName.text;
          const right = tableOf(target);
          const jName = given ?? `${left}_${right}`;
          const lk = pkOf(c.name) ?? { column: "id", type: "" };
          const rk = pkOf(target) ?? { column: "id", type: "" };
          const jcName = (n: SyntaxNode | undefined): string | null => {
            const a = elements(n).find((e) => e.name === "Annotation");
            return a ? str(annotation(a).args.get("name")) : null;
          };
          const lc = jcName(jt?.args.get("joinColumns")) ?? `${snakeCase(c.name)}_${lk.column}`;
          const rc0 = jcName(jt?.args.get("inverseJoinColumns")) ?? `${snakeCase(f.name)}_${rk.column}`;
          const rc = rc0 === lc ? `${rc0}2` : rc0;
          const at = rel.at;
          const keyType = (k: string): string => k.replace(/^(big|small)?serial$/, (_, s: string | undefined) => (s === "big" ? "bigint" : s === "small" ? "smallint" : "integer"));
          joinTables.push({
            name: raw(jName, jt?.args.get("name")?.from ?? at),
            columns: [
              { name: raw(lc, at), type: raw(keyType(lk.type), at), constraints: [raw("not null", at), raw(`references ${left}(${lk.column}) on delete cascade`, at)] },
              { name: raw(rc, at), type: raw(keyType(rk.type), at), constraints: [raw("not null", at), raw(`references ${right}(${rk.column}) on delete cascade`, at)] },
            ],
            indexes: [{ columns: [lc, rc], unique: true, span: span(at) }],
            notation: "jpa",
          });
          note(`${c.name}.${f.name} (many-to-many with ${target}) makes the join table "${jName}" (${lc}, ${rc})`, at);
          continue;
        }
        pending.push({ f, rel });
        continue;
      }
      const colAnn = has(f.anns, "Column");
      const name = str(colAnn?.args.get("name")) ?? snakeCase(f.name);
      const at = f.at;
      let type = "";
      const phrases: string[] = [];
      const elementCollection = has(f.anns, "ElementCollection");
      const def = str(colAnn?.args.get("columnDefinition"));
      const length = num(colAnn?.args.get("length"));
      const lob = has(f.anns, "Lob");
      let values: string[] | undefined;
      if (def) {
        const d = columnDefinition(def);
        type = d.type;
        phrases.push(...d.phrases);
      } else if (elementCollection || (/^(List|Set|Collection|ArrayList|HashSet|SortedSet)$/.test(t.base) && t.args.length)) {
        const inner = t.args[0] ?? "String";
        const innerType = enums.has(inner) || inner === "String" ? "text" : TYPES[inner.toLowerCase()];
        if (!elementCollection || !innerType) {
          warn(`${c.name}.${f.name}: a collection of ${inner} with no relation annotation is not a column read here; it is not stored`, at, HINT);
          continue;
        }
        type = `${innerType}[]`;
        note(`${c.name}.${f.name} (@ElementCollection of ${inner}) is stored as a ${type} column "${name}" here (JPA keeps it in a collection table)`, at);
      } else if (enums.has(t.base)) {
        values = enums.get(t.base)!;
        const how = constant(has(f.anns, "Enumerated")?.args.get("value"));
        if (how !== "STRING") note(`${c.name}.${f.name}: ${how === "ORDINAL" ? "@Enumerated(ORDINAL)" : "with no @Enumerated(EnumType.STRING)"} JPA stores the enum's position; read here as its names (${values.join(", ")})`, at);
        type = "text";
      } else if (t.base === "String" || t.base === "char[]") {
        type = lob ? "text" : `varchar(${length ?? "255"})`;
        if (!length && !lob) note(`${c.name}: a String column with no length is varchar(255), JPA's default length`, at);
      } else if (t.array && /^(byte|Byte)$/.test(t.base)) type = "bytea";
      else if (TYPES[t.base.toLowerCase()]) type = TYPES[t.base.toLowerCase()]!;
      else if (has(f.anns, "JdbcTypeCode") || has(f.anns, "Type")) type = "jsonb";
      else if (has(f.anns, "Enumerated")) {
        type = "text";
        note(`${c.name}.${f.name}: the enum ${t.base} is not written in this spec; its values are not enforced`, at);
      } else {
        const target = classes.get(t.base);
        if (target && has(target.anns, "Entity")) warn(`${c.name}.${f.name} is typed as the entity ${t.base} with no @ManyToOne / @OneToOne; it is read as a many-to-one key`, at, HINT);
        else {
          warn(`${c.name}.${f.name}: the type ${f.type ? src(f.type) : "(none)"} is not a column type read here; stored as text`, f.type?.from ?? at, HINT);
          type = "text";
        }
        if (target && has(target.anns, "Entity")) {
          pending.push({ f, rel: { name: "ManyToOne", at, args: new Map() } });
          continue;
        }
      }
      if (/^numeric$/.test(type)) {
        const p = num(colAnn?.args.get("precision"));
        const s = num(colAnn?.args.get("scale"));
        const dg = has(f.anns, "Digits");
        const di = num(dg?.args.get("integer"));
        const df = num(dg?.args.get("fraction"));
        if (p && p !== "0") type = `numeric(${p}, ${s ?? "0"})`;
        else if (di) type = `numeric(${Number(di) + Number(df ?? 0)}, ${df ?? "0"})`;
      }
      if (values) type = `enum(${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(", ")})`;
      const col = add(name, at, type, f.type?.from ?? at);
      columnOfField.set(f.name, name);
      const id = has(f.anns, "Id");
      if (id) {
        col.notNull = true;
        col.constraints.push(raw("primary key", id.at));
        const gen = has(f.anns, "GeneratedValue");
        const strategy = constant(gen?.args.get("strategy"));
        if (type === "uuid" || strategy === "UUID" || has(f.anns, "UuidGenerator")) {
          if (type !== "uuid") col.type = raw("uuid", f.type?.from ?? at);
          col.constraints.push(raw("default gen_random_uuid()", gen?.at ?? id.at));
          if (!gen) note(`${c.name}.${f.name} is a uuid key the application sets; read with a random default (gen_random_uuid())`, id.at);
        } else if (gen && /^(bigint|integer|smallint)$/.test(type)) col.type = raw(type === "bigint" ? "bigserial" : type === "smallint" ? "smallserial" : "serial", gen.at);
      }
      if (PRIMITIVES.has(t.base) && !t.array) col.notNull = true;
      if (bool(colAnn?.args.get("nullable")) === false || bool(has(f.anns, "Basic")?.args.get("optional")) === false) col.notNull = true;
      if (bool(colAnn?.args.get("unique")) === true || has(f.anns, "NaturalId")) col.constraints.push(raw("unique", colAnn?.args.get("unique")?.from ?? at));
      for (const p of phrases) col.constraints.push(raw(p, colAnn?.args.get("columnDefinition")?.from ?? at));
      if (phrases.includes("not null")) col.notNull = true;
      const comment = str(has(f.anns, "Comment")?.args.get("value"));
      if (comment) col.description = comment;
      // Timestamps the framework fills.
      const stamp = f.anns.find((a) => /^(CreationTimestamp|UpdateTimestamp|CreatedDate|LastModifiedDate)$/.test(a.name));
      if (stamp && !phrases.some((p) => p.startsWith("default"))) col.constraints.push(raw("default now()", stamp.at));
      if (has(f.anns, "Version") && !phrases.some((p) => p.startsWith("default"))) col.constraints.push(raw("default 0", has(f.anns, "Version")!.at));
      // The field's initializer: the default a new object starts with.
      if (f.init && !id) {
        const d = defaultOf(f.init, t.base);
        if (d) col.constraints.push(raw(d, f.init.from));
        else if (d === null && !/^new\s/.test(src(f.init))) note(`${c.name}.${f.name}: its initial value (${src(f.init).slice(0, 40)}) is computed by the application; it is not kept`, f.init.from);
      }
      validation(c, f, col, type);
    }
    // The owning side of a relation: its key column (declared as a field too, or added here).
    for (const { f, rel } of pending) {
      const target = constant(rel.args.get("targetEntity"))?.replace(/\.class$/, "") ?? typeName(f.type).base;
      const jc = has(f.anns, "JoinColumn");
      const known = pkOf(target);
      const key = known ?? { column: "id", type: "" };
      const refColumn = str(jc?.args.get("referencedColumnName")) ?? key.column;
      const colName = str(jc?.args.get("name")) ?? `${snakeCase(f.name)}_${refColumn}`;
      const onDel = constant(has(f.anns, "OnDelete")?.args.get("action"));
      const action = onDel === "CASCADE" ? " on delete cascade" : onDel === "SET_NULL" ? " on delete set null" : onDel === "RESTRICT" ? " on delete restrict" : "";
      const keyType = key.type.replace(/^(big|small)?serial$/, (_, s: string | undefined) => (s === "big" ? "bigint" : s === "small" ? "smallint" : "integer"));
      const existing = columns.get(colName);
      const col = existing ?? add(colName, f.at, keyType, rel.at);
      if (!existing) note(`${c.name}.${f.name} (@${rel.name} ${target}) adds the column "${colName}"`, rel.at);
      if (bool(rel.args.get("optional")) === false || bool(jc?.args.get("nullable")) === false || has(f.anns, "NotNull") || has(f.anns, "MapsId")) col.notNull = true;
      col.constraints.push(raw(`references ${tableOf(target)}(${refColumn})${action}`, rel.at));
      if (rel.name === "OneToOne" && !existing) col.constraints.push(raw("unique", rel.at));
      columnOfField.set(f.name, colName);
    }
    // @Table(uniqueConstraints = ..., indexes = ...); Hibernate's @Check(constraints = "...").
    const colsOf = (list: string): string[] => list.split(",").map((s) => s.trim().replace(/\s+(asc|desc)$/i, "")).filter(Boolean).map((k) => (columns.has(k) ? k : columnOfField.get(k) ?? snakeCase(k)));
    const table = has(c.anns, "Table");
    for (const u of elements(table?.args.get("uniqueConstraints"))) {
      if (u.name !== "Annotation") continue;
      const a = annotation(u);
      const names = elements(a.args.get("columnNames")).map(str).filter((s): s is string => !!s);
      if (names.length) indexes.push({ columns: colsOf(names.join(",")), unique: true, ...(str(a.args.get("name")) ? { name: str(a.args.get("name"))! } : {}), span: span(u.from) });
      else warn(`@UniqueConstraint on ${c.name}: its columns are not listed as names; it is not kept`, u.from);
    }
    for (const ix of elements(table?.args.get("indexes"))) {
      if (ix.name !== "Annotation") continue;
      const a = annotation(ix);
      const list = str(a.args.get("columnList"));
      if (!list) {
        warn(`@Index on ${c.name}: its columnList is not read; it is not kept`, ix.from);
        continue;
      }
      indexes.push({ columns: colsOf(list), unique: bool(a.args.get("unique")) === true, ...(str(a.args.get("name")) ? { name: str(a.args.get("name"))! } : {}), span: span(ix.from) });
    }
    for (const a of c.anns) {
      if (a.name === "Check" || a.name === "Checks") {
        const expr = str(a.args.get("constraints") ?? a.args.get("value"));
        if (expr) checks.push({ expression: raw(expr.replace(/^\s*\(([\s\S]*)\)\s*$/, "$1").trim(), a.at), ...(str(a.args.get("name")) ? { name: str(a.args.get("name"))! } : {}), dialect: "postgresql" });
        else warn(`@${a.name} on ${c.name}: its expression is not a string here; it is not kept`, a.at);
      } else if (!QUIET.has(a.name) && !/^(Entity|Table|MappedSuperclass|Embeddable|Inheritance|DiscriminatorColumn|DiscriminatorValue|IdClass)$/.test(a.name)) warn(`@${a.name} on ${c.name} is not understood; it is ignored`, a.at);
    }
    if (has(c.anns, "IdClass")) warn(`${c.name}: @IdClass (a key of several columns) is not read; each @Id column is a primary key phrase`, has(c.anns, "IdClass")!.at);
    const cols: RawColumn[] = [...columns.values()].map((col) => ({
      name: col.name,
      type: col.type,
      constraints: [{ text: col.notNull ? "not null" : "nullable", span: col.type.span }, ...col.constraints],
      ...(col.description ? { description: col.description } : {}),
    }));
    if (!cols.length) {
      warn(`entity ${c.name} has no column read here; it is not a table`, c.at, HINT);
      continue;
    }
    out.tables.push({ name: tableName, columns: cols, indexes, ...(checks.length ? { checks } : {}), notation: "jpa" });
  }
  out.tables.push(...joinTables.filter((j) => !out.tables.some((t) => t.name.text === j.name.text)));
  return out;

  /** A field's initializer as a default phrase; null when the application computes it. */
  function defaultOf(n: SyntaxNode, base: string): string | null | undefined {
    const s = src(n).trim();
    if (n.name === "BooleanLiteral") return `default ${s}`;
    const nm = num(n);
    if (nm !== null && n.name !== "StringLiteral") return `default ${nm}`;
    const st = str(n);
    if (st !== null) return `default '${st.replace(/'/g, "''")}'`;
    if (/^Boolean\.(TRUE|FALSE)$/.test(s)) return `default ${s.slice(8).toLowerCase()}`;
    if (/^BigDecimal\.ZERO$/.test(s)) return "default 0";
    if (/^BigDecimal\.ONE$/.test(s)) return "default 1";
    if (/^(LocalDateTime|Instant|OffsetDateTime|ZonedDateTime|LocalDate)\.now\(\)$/.test(s) || /^new\s+Date\(\s*\)$/.test(s)) return "default now()";
    if (/^UUID\.randomUUID\(\)$/.test(s)) return "default gen_random_uuid()";
    if (n.name === "FieldAccess" && enums.has(s.split(".")[0]!) && enums.get(s.split(".")[0]!)!.includes(s.split(".").pop()!)) return `default '${s.split(".").pop()}'`;
    if (n.name === "Identifier" && enums.get(base)?.includes(s)) return `default '${s}'`;
    if (/^new\s/.test(s) || s === "null") return undefined;
    return null;
  }

  /** Bean Validation (and Lombok's @NonNull, Hibernate Validator's @Length/@URL) as rules. */
  function validation(c: ClassInfo, f: Field, col: { constraints: RawText[]; notNull: boolean }, type: string): void {
    const isText = /^(text|varchar|char)/.test(type);
    for (const a of f.anns) {
      const v = (k: string): string | null => num(a.args.get(k));
      const push = (p: string): void => void col.constraints.push(raw(p, a.at));
      switch (a.name) {
        case "NotNull":
        case "NonNull":
          col.notNull = true;
          break;
        case "NotBlank":
        case "NotEmpty": {
          col.notNull = true;
          // A @Size(min = n) beside it says more than "at least one character".
          const sized = f.anns.find((x) => /^(Size|Length)$/.test(x.name));
          if (isText && !(sized && Number(num(sized.args.get("min")) ?? 0) >= 1)) push(a.name === "NotBlank" ? "not blank" : "not empty");
          break;
        }
        case "Size":
        case "Length":
          if (!isText) break;
          if (v("min") && v("min") !== "0") push(`min length ${v("min")}`);
          if (v("max")) push(`max length ${v("max")}`);
          break;
        case "Min":
          if (v("value")) push(`>= ${v("value")}`);
          break;
        case "Max":
          if (v("value")) push(`<= ${v("value")}`);
          break;
        case "DecimalMin":
        case "DecimalMax": {
          const x = v("value");
          const inclusive = bool(a.args.get("inclusive")) !== false;
          if (x) push(`${a.name === "DecimalMin" ? ">" : "<"}${inclusive ? "=" : ""} ${x}`);
          break;
        }
        case "Positive":
          push("> 0");
          break;
        case "PositiveOrZero":
          push(">= 0");
          break;
        case "Negative":
          push("< 0");
          break;
        case "NegativeOrZero":
          push("<= 0");
          break;
        case "Email":
          push("email format");
          break;
        case "URL":
          push("url format");
          break;
        case "Pattern": {
          const re = str(a.args.get("regexp"));
          if (re) push(`pattern ${re}`);
          else warn(`${c.name}.${f.name}: the regexp of @Pattern is not a string here; it is not enforced`, a.at);
          break;
        }
        case "Past":
        case "PastOrPresent":
        case "Future":
        case "FutureOrPresent":
        case "AssertTrue":
        case "AssertFalse":
          warn(`${c.name}.${f.name}: @${a.name} is not enforced by the generated app`, a.at);
          break;
        default:
          if (!QUIET.has(a.name) && !RELATIONS.test(a.name) && a.name !== "Transient") warn(`${c.name}.${f.name}: @${a.name} is not understood; it is ignored (the column stays)`, a.at, HINT);
      }
    }
  }
}

function children(n: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = n.firstChild; c; c = c.nextSibling) out.push(c);
  return out;
}

/** Java string escapes: \" \\ \n \t \uXXXX. */
function unescape(s: string): string {
  return s.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_, e: string) => (e[0] === "u" && e.length === 5 ? String.fromCharCode(parseInt(e.slice(1), 16)) : e === "n" ? "\n" : e === "t" ? "\t" : e));
}

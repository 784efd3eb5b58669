// Entity classes pasted into a spec: TypeORM (`@Entity() class Task { @Column() title: string }`)
// and MikroORM (`@Entity() class Task { @Property() title!: string }`), the decorated-class ORMs of
// TypeScript back ends. Each class decorated @Entity is a raw table; each decorated property a
// column, named, typed and keyed the way that ORM's default naming does it:
// - TypeORM: table snake_case of the class (`TaskList` -> task_list) unless @Entity names it;
//   columns keep the property's name; a @ManyToOne/@OneToOne owner side adds `<property>Id`
//   (or @JoinColumn's name); columns are NOT NULL unless `nullable: true`, relations nullable
//   unless `nullable: false`; @ManyToMany + @JoinTable makes `<table>_<property>_<target>`.
// - MikroORM (@Property/@PrimaryKey/@Enum): table and columns snake_case, a @ManyToOne adds
//   `<property>_id`, required unless `nullable: true`; @ManyToMany owner makes `<table>_<property>`.
// class-validator decorators on the same properties (@MaxLength, @Min, @IsIn, @IsEmail...) are
// rules the spec states, read as constraint phrases. TS enums in the block give enum values.
// Read with the TypeScript parser (syntax only), loaded only when a spec holds such classes;
// what is not understood is SF113 at its place, never dropped silently.
import type TS from "typescript";
import { snakeCase } from "../base/naming.js";
import type { ReaderResult, SourceBlock } from "./block.js";
import { openBlock, type Ts } from "./drizzle/context.js";
import { syntaxHelpers } from "./drizzle/syntax.js";
import type { RawCheck, RawColumn, RawEnum, RawIndex, RawTable, RawText } from "./raw.js";
import { lazyTypeScriptReader, withoutNullish } from "./typescript-reader.js";
import { holdsEntityClasses } from "./entity-shape.js";


/** The entity-class reader; its first call imports TypeScript (once per process). */
export const loadEntityReader = lazyTypeScriptReader((ts, block) => readEntities(ts, block));

const HINT = "an entity's column is a property decorated @Column / @PrimaryGeneratedColumn / @ManyToOne (TypeORM) or @Property / @PrimaryKey / @Enum (MikroORM)";

/** JavaScript's classes as a type (`@Column(String)`, `type: Date`) -> a column type. */
const CLASS_TYPES: Readonly<Record<string, string>> = { string: "text", number: "integer", boolean: "boolean", date: "timestamp", object: "jsonb", array: "jsonb", buffer: "bytea" };
/** The ORMs' own type names -> a type the IR reads; others are SQL type names, kept as written. */
const TYPES: Readonly<Record<string, string>> = {
  string: "text",
  number: "integer",
  boolean: "boolean",
  bool: "boolean",
  "simple-json": "json",
  "simple-array": "text[]",
  "simple-enum": "text",
  int: "integer",
  int4: "integer",
  int8: "bigint",
  int2: "smallint",
  float: "double precision",
  double: "double precision",
  blob: "bytea",
};

/** class-validator decorators -> the phrase the IR reads (n1, n2: the decorator's numeric arguments). */
function validatorPhrases(name: string, nums: readonly string[]): string[] | null {
  const [a, b] = nums;
  switch (name) {
    case "MaxLength":
      return a ? [`max length ${a}`] : null;
    case "MinLength":
      return a ? [`min length ${a}`] : null;
    case "Length":
      return a ? [`min length ${a}`, ...(b ? [`max length ${b}`] : [])] : null;
    case "Min":
      return a ? [`>= ${a}`] : null;
    case "Max":
      return a ? [`<= ${a}`] : null;
    case "IsPositive":
      return ["> 0"];
    case "IsNegative":
      return ["< 0"];
    case "IsEmail":
      return ["email format"];
    case "IsUrl":
      return ["url format"];
    case "IsUUID":
      return ["uuid format"];
    case "IsNotEmpty":
      return ["not null", "not empty"];
    default:
      return null;
  }
}
/** class-validator decorators that say nothing the database or validator keeps (the type is the column's). */
const QUIET = new Set(["IsString", "IsInt", "IsNumber", "IsBoolean", "IsDate", "IsDateString", "IsOptional", "IsDefined", "IsArray", "IsObject", "ValidateNested", "Type", "Exclude", "Expose", "ApiProperty", "ApiPropertyOptional", "Field", "ObjectType", "InputType", "Transform", "OneToMany", "Index", "Unique", "Check", "JoinColumn", "JoinTable", "RelationId", "Generated"]);

const COLUMN_DECORATORS = /^(Column|PrimaryGeneratedColumn|PrimaryColumn|CreateDateColumn|UpdateDateColumn|DeleteDateColumn|VersionColumn|Property|PrimaryKey|SerializedPrimaryKey|Enum)$/;

interface Prop {
  readonly key: string;
  readonly keyAt: number;
  readonly decorators: readonly Deco[];
  /** `string`, `string | null`, `Status`, `'a' | 'b'`: the property's declared type. */
  readonly typeNode?: TS.TypeNode;
  readonly initializer?: TS.Expression;
  readonly optional: boolean;
  readonly node: TS.Node;
}
interface Deco {
  readonly name: string;
  readonly args: readonly TS.Expression[];
  readonly at: number;
}
interface Entity {
  readonly cls: string;
  readonly name: RawText;
  readonly mikro: boolean;
  readonly props: readonly Prop[];
  readonly decorators: readonly Deco[];
  readonly classAt: number;
}

function readEntities(ts: Ts, block: SourceBlock): ReaderResult {
  const blk = openBlock(ts, block);
  const syn = syntaxHelpers(blk);
  const { out, sf, start, raw, warn, note } = blk;
  const { unwrap, str, prop, num, isTrue, literal, returned } = syn;
  if (!holdsEntityClasses(blk.text)) return out;

  const decoratorsOf = (n: TS.Node): Deco[] => {
    const list = ts.canHaveDecorators(n) ? ts.getDecorators(n) ?? [] : [];
    return list.map((d) => {
      const e = unwrap(d.expression);
      if (ts.isCallExpression(e)) {
        const callee = unwrap(e.expression);
        const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : "";
        return { name, args: e.arguments, at: start(d) };
      }
      return { name: ts.isIdentifier(e) ? e.text : "", args: [], at: start(d) };
    });
  };

  // TS enums: `enum Status { Active = 'active' }` -> its stored values.
  const tsEnums = new Map<string, { values: string[]; at: number }>();
  const classes: TS.ClassDeclaration[] = [];
  const visit = (n: TS.Node): void => {
    if (ts.isEnumDeclaration(n)) {
      const values: string[] = [];
      let next = 0;
      for (const m of n.members) {
        const init = m.initializer ? literal(m.initializer) : null;
        if (init && (typeof init.value === "string" || typeof init.value === "number")) {
          values.push(String(init.value));
          if (typeof init.value === "number") next = init.value + 1;
        } else if (!m.initializer) values.push(String(next++));
      }
      tsEnums.set(n.name.text, { values, at: start(n.name) });
      out.enums.push({ name: raw(n.name.text, start(n.name)), values: values.map((v) => raw(v, start(n.name))) } satisfies RawEnum);
    }
    if (ts.isClassDeclaration(n) && n.name) classes.push(n);
    ts.forEachChild(n, visit);
  };
  visit(sf);

  // Every entity first: a relation may point at a class written later.
  const entities = new Map<string, Entity>();
  for (const c of classes) {
    const decos = decoratorsOf(c);
    const ent = decos.find((d) => d.name === "Entity");
    if (!ent) continue;
    const props: Prop[] = [];
    for (const m of c.members) {
      if (!ts.isPropertyDeclaration(m)) continue;
      const key = ts.isIdentifier(m.name) || ts.isStringLiteral(m.name) ? m.name.text : null;
      if (!key) continue;
      props.push({ key, keyAt: start(m.name), decorators: decoratorsOf(m), ...(m.type ? { typeNode: m.type } : {}), ...(m.initializer ? { initializer: m.initializer } : {}), optional: !!m.questionToken, node: m });
    }
    const mikro = props.some((p) => p.decorators.some((d) => /^(Property|PrimaryKey|Enum|SerializedPrimaryKey)$/.test(d.name)));
    const given = str(ent.args[0]) ?? str(prop(ent.args[0], mikro ? "tableName" : "name")) ?? str(prop(ent.args[0], "tableName"));
    const cls = c.name!.text;
    const name = given ? raw(given.text, given.at) : raw(snakeCase(cls), start(c.name!));
    if (!given) note(`entity ${cls} read as table "${name.text}" (${mikro ? "MikroORM" : "TypeORM"}'s default name: the class in snake_case)`, start(c.name!));
    entities.set(cls, { cls, name, mikro, props, decorators: decos, classAt: start(c.name!) });
  }

  /** The class a relation points at: `() => User`, `'User'`, `{ entity: () => User }`. */
  const targetOf = (args: readonly TS.Expression[]): string | null => {
    const a = args[0];
    if (!a) return null;
    const r = returned(a) ?? unwrap(a);
    if (ts.isIdentifier(r)) return r.text;
    const s = str(r);
    if (s) return s.text;
    const e = prop(r, "entity");
    if (e) return targetOf([e]);
    return null;
  };
  const relOptions = (args: readonly TS.Expression[]): TS.Expression | undefined => args.map(unwrap).find((x) => ts.isObjectLiteralExpression(x));
  const pkOf = (cls: string): { column: string; type: string } | null => {
    const e = entities.get(cls);
    if (!e) return null;
    for (const p of e.props) {
      const d = p.decorators.find((x) => /^(PrimaryGeneratedColumn|PrimaryColumn|PrimaryKey)$/.test(x.name) || (x.name === "Column" && isTrue(prop(relOptions(x.args), "primary"))));
      if (!d) continue;
      const column = columnNameOf(e, p, d);
      const t = d.name === "PrimaryGeneratedColumn" ? (str(d.args[0])?.text === "uuid" ? "uuid" : "integer") : typeOf(e, p, d)?.type ?? "uuid";
      return { column, type: t.replace(/^(small|big)?serial$/, (_, s: string | undefined) => (s === "big" ? "bigint" : s === "small" ? "smallint" : "integer")) };
    }
    return null;
  };
  const tableOf = (cls: string): string => entities.get(cls)?.name.text ?? snakeCase(cls);
  const camel = (s: string): string => s.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

  function columnNameOf(e: Entity, p: Prop, d: Deco): string {
    const o = relOptions(d.args);
    const n = str(prop(o, e.mikro ? "fieldName" : "name")) ?? str(prop(o, "name"));
    return n ? n.text : e.mikro ? snakeCase(p.key) : p.key;
  }

  /** The property's TypeScript type as a column type; `values` when it is a union of string literals. */
  const fromTypeNode = (t: TS.TypeNode | undefined): { type: string; values?: string[]; nullable: boolean } | null => {
    if (!t) return null;
    const { parts, nullable } = withoutNullish(ts, t);
    if (parts.length > 1 && parts.every((x) => ts.isLiteralTypeNode(x) && ts.isStringLiteral(x.literal))) {
      return { type: "text", values: parts.map((x) => ((x as TS.LiteralTypeNode).literal as TS.StringLiteral).text), nullable };
    }
    const one = parts.length === 1 ? parts[0]! : null;
    if (!one) return { type: "text", nullable };
    if (ts.isArrayTypeNode(one)) {
      const inner = fromTypeNode(one.elementType);
      return { type: inner && /^(text|integer|boolean|uuid)$/.test(inner.type) ? `${inner.type}[]` : "jsonb", nullable };
    }
    if (one.kind === ts.SyntaxKind.StringKeyword) return { type: "text", nullable };
    if (one.kind === ts.SyntaxKind.NumberKeyword) return { type: "integer", nullable };
    if (one.kind === ts.SyntaxKind.BooleanKeyword) return { type: "boolean", nullable };
    if (ts.isTypeReferenceNode(one)) {
      const n = one.typeName.getText(sf);
      if (n === "Date") return { type: "timestamp", nullable };
      const en = tsEnums.get(n);
      if (en) return { type: "text", values: en.values, nullable };
      if (/^(Record|object|JSON)/.test(n)) return { type: "jsonb", nullable };
      return null;
    }
    if (ts.isTypeLiteralNode(one)) return { type: "jsonb", nullable };
    return null;
  };

  /** A column's type from its decorator (type argument or option) and else its TypeScript type. */
  function typeOf(e: Entity, p: Prop, d: Deco): { type: string; values?: string[]; written?: boolean } | null {
    const o = relOptions(d.args);
    const written = str(d.args[0]) ?? str(prop(o, "type")) ?? str(prop(o, "columnType"));
    const at = written?.at ?? d.at;
    const length = num(prop(o, "length"));
    const precision = num(prop(o, "precision"));
    const scale = num(prop(o, "scale"));
    let values: string[] | undefined;
    const enumExpr = prop(o, "enum") ?? prop(o, "items") ?? (d.name === "Enum" ? d.args[0] : undefined);
    if (enumExpr) {
      const u = returned(enumExpr) ?? unwrap(enumExpr);
      const lit = literal(u);
      if (lit && Array.isArray(lit.value) && lit.value.every((v) => typeof v === "string" || typeof v === "number")) values = lit.value.map(String);
      else if (ts.isIdentifier(u) && tsEnums.has(u.text)) values = tsEnums.get(u.text)!.values;
      else if (ts.isObjectLiteralExpression(u)) values = undefined;
      else warn(`the values of ${e.cls}.${p.key}'s enum (${enumExpr.getText(sf).slice(0, 40)}) are not written in this spec; they are not enforced`, at);
    }
    let type: string | undefined;
    if (written) {
      const w = written.text.trim().toLowerCase();
      type = w === "enum" ? "text" : TYPES[w] ?? w;
    } else if (!ts.isObjectLiteralExpression(unwrap(d.args[0] ?? ({} as TS.Expression))) && d.args[0] && ts.isIdentifier(unwrap(d.args[0]))) {
      // MikroORM's `type: 'string'` or `@Property({ type: String })`, TypeORM's `@Column(String)`.
      const n = (unwrap(d.args[0]) as TS.Identifier).text.toLowerCase();
      type = CLASS_TYPES[n];
    }
    if (!type) {
      const typeProp = prop(o, "type");
      if (typeProp && ts.isIdentifier(unwrap(typeProp))) type = CLASS_TYPES[(unwrap(typeProp) as TS.Identifier).text.toLowerCase()];
    }
    const fromTs = fromTypeNode(p.typeNode);
    if (!type) {
      if (fromTs) {
        type = fromTs.type;
        values ??= fromTs.values;
      } else if (!values) {
        warn(`the type of ${e.cls}.${p.key} is not written (no type option, and "${p.typeNode?.getText(sf) ?? "no type"}" is not a column type); stored as text`, p.keyAt, HINT);
        type = "text";
      } else type = "text";
    }
    if (length && /^(text|varchar|character varying|string|char|character|nvarchar)$/.test(type)) type = /^(char|character)$/.test(type) ? `char(${length})` : `varchar(${length})`;
    if (precision && /^(decimal|numeric)$/.test(type)) type = `numeric(${precision}${scale ? `, ${scale}` : ""})`;
    if (isTrue(prop(o, "array")) && !type.endsWith("[]")) type += "[]";
    const said = !!written || !!(d.args[0] && ts.isIdentifier(unwrap(d.args[0])));
    return { type, ...(values ? { values } : {}), ...(said ? { written: true } : {}) };
  }

  /** `default: 'x'`, `default: () => 'CURRENT_TIMESTAMP'`, or the property's initializer (MikroORM). */
  const defaultOf = (e: Entity, p: Prop, o: TS.Expression | undefined, at: number): string | null => {
    const d = prop(o, "default") ?? prop(o, "defaultRaw") ?? (e.mikro ? p.initializer : undefined);
    if (!d) return null;
    const fn = returned(d);
    const sqlText = fn ? str(fn)?.text : prop(o, "defaultRaw") === d ? str(d)?.text : undefined;
    if (sqlText !== undefined) {
      if (/^(current_timestamp|now\(\))$/i.test(sqlText.trim())) return "default now()";
      if (/^(gen_random_uuid|uuid_generate_v4)\(\)$/i.test(sqlText.trim())) return "default gen_random_uuid()";
      if (/^('([^']|'')*'|-?\d+(\.\d+)?|true|false)$/i.test(sqlText.trim())) return `default ${sqlText.trim()}`;
      note(`${e.cls}.${p.key}: its default (${sqlText}) is SQL not read here; it is not kept`, at);
      return null;
    }
    const u = unwrap(d);
    if (ts.isPropertyAccessExpression(u) && ts.isIdentifier(u.expression) && tsEnums.has(u.expression.text)) {
      const enumDecl = sf.statements.find((s): s is TS.EnumDeclaration => ts.isEnumDeclaration(s) && s.name.text === (u.expression as TS.Identifier).text);
      const member = enumDecl?.members.find((m) => m.name.getText(sf) === u.name.text);
      const v = member?.initializer ? literal(member.initializer) : null;
      if (v && typeof v.value === "string") return `default '${v.value.replace(/'/g, "''")}'`;
    }
    const lit = literal(d);
    if (lit && (typeof lit.value === "string" || typeof lit.value === "number" || typeof lit.value === "boolean")) {
      return typeof lit.value === "string" ? `default '${lit.value.replace(/'/g, "''")}'` : `default ${String(lit.value)}`;
    }
    if (/^new\s+Date\(\s*\)$/.test(u.getText(sf))) return "default now()";
    note(`${e.cls}.${p.key}: its default (${d.getText(sf).slice(0, 40)}) is computed by the application; it is not kept`, at);
    return null;
  };

  const joinTables: RawTable[] = [];
  for (const e of entities.values()) {
    const columns = new Map<string, { name: RawText; type: RawText; constraints: RawText[]; description?: string; nullable: boolean; explicitNull: boolean; typeWritten: boolean }>();
    const indexes: RawIndex[] = [];
    const checks: RawCheck[] = [];
    const columnOfProp = new Map<string, string>();
    const add = (name: string, at: number, type: string, typeAt: number, nullable: boolean): NonNullable<ReturnType<typeof columns.get>> => {
      const c = { name: raw(name, at), type: raw(type, typeAt), constraints: [] as RawText[], nullable, explicitNull: false, typeWritten: false };
      columns.set(name, c);
      return c;
    };
    const pendingRefs: { p: Prop; d: Deco; unique: boolean }[] = [];
    for (const p of e.props) {
      const decos = p.decorators;
      const colDeco = decos.find((d) => COLUMN_DECORATORS.test(d.name));
      const rel = decos.find((d) => /^(ManyToOne|OneToOne|ManyToMany|OneToMany|ManyToMany)$/.test(d.name));
      if (rel) {
        if (rel.name === "ManyToOne" || (rel.name === "OneToOne" && (decos.some((d) => d.name === "JoinColumn") || isTrue(prop(relOptions(rel.args), "owner"))))) pendingRefs.push({ p, d: rel, unique: rel.name === "OneToOne" });
        else if (rel.name === "ManyToMany" && (decos.some((d) => d.name === "JoinTable") || isTrue(prop(relOptions(rel.args), "owner")) || prop(relOptions(rel.args), "pivotTable"))) {
          const target = targetOf(rel.args);
          if (!target) {
            warn(`the target of ${e.cls}.${p.key} is not read; its join table is not made`, rel.at);
            continue;
          }
          const jt = decos.find((d) => d.name === "JoinTable");
          const given = str(prop(relOptions(jt?.args ?? []), "name")) ?? str(prop(relOptions(rel.args), "pivotTable"));
          const left = e.name.text;
          const right = tableOf(target);
          const jName = given?.text ?? (e.mikro ? `${left}_${snakeCase(p.key)}` : `${left}_${p.key}_${right}`);
          const lk = pkOf(e.cls) ?? { column: "id", type: "" };
          const rk = pkOf(target) ?? { column: "id", type: "" };
          const lc = e.mikro ? `${left}_${lk.column}` : camel(`${left}_${lk.column}`);
          const rc0 = e.mikro ? `${right}_${rk.column}` : camel(`${right}_${rk.column}`);
          const rc = rc0 === lc ? `${rc0}2` : rc0;
          const at = rel.at;
          joinTables.push({
            name: raw(jName, given?.at ?? at),
            columns: [
              { name: raw(lc, at), type: raw(lk.type, at), constraints: [raw("not null", at), raw(`references ${left}(${lk.column}) on delete cascade`, at)] },
              { name: raw(rc, at), type: raw(rk.type, at), constraints: [raw("not null", at), raw(`references ${right}(${rk.column}) on delete cascade`, at)] },
            ],
            indexes: [{ columns: [lc, rc], unique: true, span: blk.span(at) }],
            notation: "entities",
          });
          note(`${e.cls}.${p.key} (many-to-many with ${target}) makes the join table "${jName}" (${lc}, ${rc})`, at);
        }
        continue;
      }
      if (!colDeco) {
        const other = decos.filter((d) => !QUIET.has(d.name) && !validatorPhrases(d.name, []) && d.name !== "IsIn");
        if (decos.length && other.length) warn(`${e.cls}.${p.key}: @${other[0]!.name} is not a column decorator read here; the property is not a column`, other[0]!.at, HINT);
        continue;
      }
      const o = relOptions(colDeco.args);
      const name = columnNameOf(e, p, colDeco);
      columnOfProp.set(p.key, name);
      const typed = colDeco.name === "PrimaryGeneratedColumn"
        ? { type: /^uuid$/i.test(str(colDeco.args[0])?.text ?? "") ? "uuid" : "serial" }
        : /^(Create|Update|Delete)DateColumn$/.test(colDeco.name) && !str(prop(o, "type"))
          ? { type: "timestamptz" }
          : colDeco.name === "VersionColumn"
            ? { type: "integer" }
            : typeOf(e, p, colDeco);
      if (!typed) continue;
      const at = colDeco.at;
      const primary = /^(PrimaryGeneratedColumn|PrimaryColumn|PrimaryKey|SerializedPrimaryKey)$/.test(colDeco.name) || isTrue(prop(o, "primary"));
      // TypeORM's columns are NOT NULL unless nullable: true; MikroORM's too, unless `?` or nullable.
      const nullableOpt = prop(o, "nullable");
      const nullable = colDeco.name === "DeleteDateColumn" ? true : nullableOpt ? isTrue(nullableOpt) : e.mikro && p.optional;
      const c = add(name, p.keyAt, typed.type, at, nullable && !primary);
      if (nullableOpt) c.explicitNull = true;
      if ("written" in typed && typed.written) c.typeWritten = true;
      if (primary) c.constraints.push(raw("primary key", at));
      if (colDeco.name === "PrimaryGeneratedColumn" && typed.type === "uuid") c.constraints.push(raw("default gen_random_uuid()", at));
      if (colDeco.name === "PrimaryKey" && typed.type === "uuid" && !prop(o, "default") && !p.initializer) note(`${e.cls}.${p.key} is a uuid key the application sets; read with a random default (gen_random_uuid())`, at);
      if (colDeco.name === "PrimaryKey" && typed.type === "uuid" && !prop(o, "default")) c.constraints.push(raw("default gen_random_uuid()", at));
      if (colDeco.name === "PrimaryKey" && typed.type === "integer" && !prop(o, "autoincrement")) c.type = raw("serial", at);
      if (decos.some((d) => d.name === "Generated" && str(d.args[0])?.text === "uuid")) c.constraints.push(raw("default gen_random_uuid()", at));
      if (/^(Create|Update)DateColumn$/.test(colDeco.name)) c.constraints.push(raw("default now()", at));
      if (colDeco.name === "VersionColumn") c.constraints.push(raw("default 1", at));
      if (typed.values) c.type = raw(`enum(${typed.values.map((v) => `'${v.replace(/'/g, "''")}'`).join(", ")})`, at);
      if (isTrue(prop(o, "unique"))) c.constraints.push(raw("unique", at));
      const def = e.mikro && p.initializer && colDeco.name === "Property" && /^new\s+Date\(\s*\)$/.test(p.initializer.getText(sf)) ? "default now()" : defaultOf(e, p, o, at);
      if (def) c.constraints.push(raw(def, at));
      // MikroORM's `check: 'score >= 0'` (TypeORM writes @Check on the class, read below).
      const check = str(prop(o, "check"));
      if (check) c.constraints.push(raw(`check (${check.text})`, check.at));
      const comment = str(prop(o, "comment"));
      if (comment) c.description = comment.text;
      for (const d of decos) {
        if (d.name === "Unique" || (d.name === "Index" && isTrue(prop(relOptions(d.args), "unique")))) c.constraints.push(raw("unique", d.at));
        else if (d.name === "Index") indexes.push({ columns: [name], unique: false, span: blk.span(d.at) });
        else if (d.name === "IsIn") {
          const lit = d.args[0] ? literal(d.args[0]) : null;
          if (lit && Array.isArray(lit.value)) c.type = raw(`enum(${lit.value.map((v) => `'${String(v).replace(/'/g, "''")}'`).join(", ")})`, d.at);
          else warn(`${e.cls}.${p.key}: the values of @IsIn are not written here; they are not enforced`, d.at);
        } else {
          const nums = d.args.map((a) => num(a) ?? (ts.isPrefixUnaryExpression(unwrap(a)) ? unwrap(a).getText(sf) : null)).filter((x): x is string => x !== null);
          const phrases = validatorPhrases(d.name, nums);
          if (phrases) for (const ph of phrases) c.constraints.push(raw(ph, d.at));
          else if (d !== colDeco && !QUIET.has(d.name) && !COLUMN_DECORATORS.test(d.name)) warn(`${e.cls}.${p.key}: @${d.name} is not understood; it is ignored (the column stays)`, d.at, HINT);
        }
      }
    }
    // The owner side of a relation: its key column (declared with @Column too, or added here).
    for (const { p, d, unique } of pendingRefs) {
      const target = targetOf(d.args);
      if (!target) {
        warn(`the target of ${e.cls}.${p.key} (@${d.name}) is not read; the reference is skipped`, d.at);
        continue;
      }
      const o = relOptions(d.args);
      const jc = p.decorators.find((x) => x.name === "JoinColumn");
      const jcOpts = relOptions(jc?.args ?? []);
      // A target the block does not define (a users table written in Markdown, the auth service's):
      // the key column takes its key's type from wherever that table is defined.
      const known = pkOf(target);
      const key = known ?? { column: "id", type: "" };
      const refColumn = str(prop(jcOpts, "referencedColumnName"))?.text ?? key.column;
      const colName = str(prop(jcOpts, "name"))?.text ?? str(prop(o, "fieldName"))?.text ?? str(prop(o, "joinColumn"))?.text ?? (e.mikro ? `${snakeCase(p.key)}_${refColumn}` : camel(`${p.key}_${refColumn}`));
      const onDelete = str(prop(o, e.mikro ? "deleteRule" : "onDelete"))?.text ?? str(prop(o, "onDelete"))?.text ?? str(prop(o, "deleteRule"))?.text;
      const action = onDelete && /^(cascade|set null|restrict|no action)$/i.test(onDelete) ? ` on delete ${onDelete.toLowerCase()}` : "";
      const relNullable = prop(o, "nullable") ? isTrue(prop(o, "nullable")) : e.mikro ? p.optional : true;
      const existing = columns.get(colName);
      const c = existing ?? add(colName, p.keyAt, key.type, d.at, relNullable);
      if (!existing) note(`${e.cls}.${p.key} (@${d.name} ${target}) adds the column "${colName}"`, d.at);
      else {
        if (!existing.explicitNull && !e.mikro && prop(o, "nullable")) existing.nullable = relNullable;
        // `@Column() listId: string` beside the relation: the key's type is the target's (TypeORM reads it so).
        if (known && !existing.typeWritten && existing.type.text !== key.type) existing.type = raw(key.type, d.at);
      }
      columnOfProp.set(p.key, colName);
      c.constraints.push(raw(`references ${tableOf(target)}(${refColumn})${action}`, d.at));
      if (unique) c.constraints.push(raw("unique", d.at));
    }
    // Class decorators: @Index(['a', 'b'], { unique }), @Unique(['a', 'b']), @Check(`expr`).
    const propsToColumns = (e2: TS.Expression | undefined): string[] | null => {
      const lit = e2 ? literal(returned(e2) ?? e2) : null;
      if (!lit || !Array.isArray(lit.value) || !lit.value.every((v) => typeof v === "string")) return null;
      return (lit.value as string[]).map((k) => columnOfProp.get(k) ?? columns.get(k)?.name.text ?? (e.mikro ? snakeCase(k) : k));
    };
    for (const d of e.decorators) {
      if (d.name !== "Index" && d.name !== "Unique" && d.name !== "Check") continue;
      // A name comes first only when something follows it: `@Check(expr)`, `@Check(name, expr)`, `@Index(name, [cols])`.
      const named = d.args.length > 1 ? str(d.args[0]) : null;
      const rest = named ? d.args.slice(1) : d.args;
      const o = relOptions(rest);
      if (d.name === "Check") {
        const expr = str(rest[0]) ?? str(prop(o, "expression"));
        if (expr) checks.push({ expression: raw(expr.text.replace(/^\s*\(([\s\S]*)\)\s*$/, "$1").trim(), expr.at), ...(named ? { name: named.text } : {}), dialect: "postgresql" });
        else warn(`@Check on ${e.cls}: its expression is not a string here; it is not kept`, d.at);
        continue;
      }
      const cols = propsToColumns(rest.find((a) => ts.isArrayLiteralExpression(unwrap(a)) || ts.isArrowFunction(unwrap(a))) ?? prop(o, "properties"));
      if (!cols || !cols.length) {
        warn(`@${d.name} on ${e.cls}: its columns are not listed as names here; it is not kept`, d.at);
        continue;
      }
      indexes.push({ columns: cols, unique: d.name === "Unique" || isTrue(prop(o, "unique")), ...(named ? { name: named.text } : {}), span: blk.span(d.at) });
    }
    const cols: RawColumn[] = [...columns.values()].map((c) => ({
      name: c.name,
      type: c.type,
      constraints: [{ text: c.nullable ? "nullable" : "not null", span: c.type.span }, ...c.constraints],
      ...(c.description ? { description: c.description } : {}),
    }));
    if (!cols.length) {
      warn(`entity ${e.cls} has no column read here; it is not a table`, e.classAt, HINT);
      continue;
    }
    out.tables.push({ name: e.name, columns: cols, indexes, ...(checks.length ? { checks } : {}), notation: "entities" });
  }
  out.tables.push(...joinTables.filter((j) => !out.tables.some((t) => t.name.text === j.name.text)));
  return out;
}

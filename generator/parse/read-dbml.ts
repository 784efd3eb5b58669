// DBML (dbdiagram.io's Database Markup Language) pasted into a spec: a ```dbml block, a plain
// block whose text is DBML, or `Table x { ... }` / `Ref: a.b > c.d` written without a fence
// (recover-blocks.ts makes those a "dbml" block). Each `Table` becomes a raw table, each `Enum` a
// raw enum, in the texts the IR builder reads: the type as written ("varchar(255)"), [pk] ->
// "primary key", [increment] -> "auto increment", [not null], [unique], [default: x],
// [check: `expr`], a `Note` -> the description, `indexes { (a, b) [unique] }`, and every
// relationship (`Ref: a.b > c.d`, `[ref: > users.id]`) -> "references c(d)" on the column that
// holds the key (the many side; for one-to-one the side that is not a primary key); a
// relationship on several columns is a table-level foreign key of several columns.
// The parser is DBML's own (@dbml/parse, the compiler @dbml/core uses; ~25 ms to load), loaded
// only when a spec holds DBML. Anything it reports, or that has no place in a table (an index on
// an expression), is SF113 at its place.
import type { Diagnostic } from "../base/diagnostics.js";
import type { Span } from "../base/span.js";
import { emptyResult, type BlockReader, type ReaderResult, type SourceBlock } from "./block.js";
import type { RawCheck, RawColumn, RawEnum, RawForeignKey, RawIndex, RawTable, RawText } from "./raw.js";

type Dbml = typeof import("@dbml/parse");
type Database = NonNullable<ReturnType<InstanceType<Dbml["Compiler"]>["parse"]["rawDb"]>>;
type DbmlTable = Database["tables"][number];
type DbmlColumn = DbmlTable["fields"][number];
type Endpoint = Database["refs"][number]["endpoints"][number];

let loading: Promise<BlockReader> | null = null;

/** The DBML reader, with its parser loaded (once per process). */
export async function loadDbmlReader(): Promise<BlockReader> {
  loading ??= (async () => {
    const api = (await import("@dbml/parse")) as Dbml;
    return (block: SourceBlock) => readDbml(block, api);
  })().catch((e: unknown) => {
    loading = null;
    throw e;
  });
  return loading;
}

function readDbml(block: SourceBlock, api: Dbml): ReaderResult {
  const out = emptyResult();
  const text = block.text;
  const span = (offset: number): Span => block.at(Math.max(0, Math.min(offset, text.length)));
  const raw = (t: string, offset: number): RawText => ({ text: t, span: span(offset) });
  const warn = (message: string, offset: number, hint?: string): void => {
    const d: Diagnostic = { severity: "warning", code: "SF113", message, span: span(offset), ...(hint ? { hint } : {}) };
    out.diagnostics.push(d);
  };
  const note = (message: string, offset: number) => out.notes.push({ span: span(offset), message });

  // A reference to a table the spec defines outside this block (a users table in Markdown) is
  // an error to the DBML compiler, which then gives no tables at all. Such tables (and their
  // referenced columns) are declared as stubs after the block's text, the block compiled again,
  // and the stubs left out of what is read: the reference resolves against the spec's own table.
  const stubs = new Map<string, Set<string>>();
  const stubText = () => [...stubs].map(([t, cols]) => `\nTable ${JSON.stringify(t)} {\n${[...(cols.size ? cols : ["id"])].map((c) => `  ${JSON.stringify(c)} int\n`).join("")}}\n`).join("");
  let compiler: InstanceType<Dbml["Compiler"]>;
  let errors: ReturnType<InstanceType<Dbml["Compiler"]>["parse"]["errors"]>;
  for (let round = 0; ; round++) {
    const layout = new api.MemoryProjectLayout();
    layout.setSource(api.DEFAULT_ENTRY, text + stubText());
    compiler = new api.Compiler(layout);
    errors = compiler.parse.errors(api.DEFAULT_ENTRY);
    let added = false;
    for (const e of errors) {
      const table = /^Table '([^']+)' does not exist in Schema/.exec(e.diagnostic)?.[1];
      const column = /^Column '([^']+)' does not exist in Table '(?:public\.)?([^']+)'/.exec(e.diagnostic);
      if (table && !stubs.has(table) && !/[.\s]/.test(table)) {
        stubs.set(table, new Set());
        added = true;
      } else if (column && stubs.has(column[2]!) && !stubs.get(column[2]!)!.has(column[1]!)) {
        stubs.get(column[2]!)!.add(column[1]!);
        added = true;
      }
    }
    if (!added || round === 4) break;
  }
  for (const e of errors) warn(`DBML: ${e.diagnostic}`, e.start, "the DBML syntax is at dbml.dbdiagram.io/docs");
  const db = compiler.parse.rawDb(api.DEFAULT_ENTRY);
  if (!db) return out;
  for (const t of stubs.keys()) note(`DBML: "${t}" is not defined in this block; its references resolve against the spec's table of that name`, 0);

  /** Where `re` first matches in the text [from, to), or `from`. */
  const find = (re: RegExp, from: number, to: number): number => {
    const m = re.exec(text.slice(from, to));
    return m ? from + m.index : from;
  };
  const aliases = new Map(db.aliases.map((a) => [a.name, a.value.tableName]));
  const tableOf = (name: string) => aliases.get(name) ?? name;
  const partials = new Map((db.tablePartials ?? []).map((p) => [p.name, p]));

  const tables = new Map<string, { table: RawTable; columns: RawColumn[]; indexes: RawIndex[]; source: DbmlTable }>();
  for (const t of db.tables) {
    if (stubs.has(t.name)) continue;
    const at = t.token.start.offset;
    const nameAt = find(new RegExp(`"?${escape(t.name)}"?`), at, t.token.end.offset);
    if (t.schemaName && t.schemaName !== "public") note(`table "${t.schemaName}.${t.name}" is read as "${t.name}" (schemas are not kept)`, nameAt);
    // Columns a `~partial` injects, in order among the table's own (the table's own win on a name).
    let fields: DbmlColumn[] = [...t.fields];
    for (const p of [...(t.partials ?? [])].sort((a, b) => b.order - a.order)) {
      const partial = partials.get(p.name);
      if (!partial) {
        warn(`table "${t.name}" uses the partial "${p.name}", which is not defined here; its columns are missing`, p.token.start.offset);
        continue;
      }
      const own = new Set(fields.map((f) => f.name));
      fields.splice(Math.min(p.order, fields.length), 0, ...partial.fields.filter((f) => !own.has(f.name)));
    }
    fields = fields.filter((f, i) => fields.findIndex((g) => g.name === f.name) === i);
    const columns = fields.map((f) => column(f));
    const indexes: RawIndex[] = [];
    for (const idx of t.indexes) {
      const iAt = idx.token.start.offset;
      const expr = idx.columns.find((c) => c.type !== "column");
      if (expr) {
        warn(`the index on ${t.name} over the expression \`${expr.value}\` is not kept (only indexes on columns are)`, expr.token.start.offset);
        continue;
      }
      const cols = idx.columns.map((c) => c.value);
      if (idx.pk) {
        for (const c of cols) {
          const col = columns.find((x) => x.name.text === c);
          if (col) (col.constraints as RawText[]).push(raw("primary key", iAt));
          else warn(`the primary key of ${t.name} names "${c}", which is not a column of it`, iAt);
        }
        continue;
      }
      indexes.push({ columns: cols, unique: idx.unique === true, ...(idx.name ? { name: idx.name } : {}), span: span(iAt) });
    }
    const checks: RawCheck[] = t.checks.map((c) => ({ expression: raw(c.expression, find(/`/, c.token.start.offset, c.token.end.offset) + 1), dialect: "postgresql", ...(c.name ? { name: c.name } : {}) }));
    const table: RawTable = {
      name: raw(t.name, nameAt),
      ...(t.note?.value ? { description: t.note.value } : {}),
      columns,
      indexes,
      ...(checks.length ? { checks } : {}),
      notation: "dbml",
    };
    tables.set(t.name, { table, columns, indexes, source: t });
  }

  function column(f: DbmlColumn): RawColumn {
    const at = f.token.start.offset;
    const end = f.token.end.offset;
    const settingsAt = find(/\[/, at, end);
    const typeAt = find(new RegExp(`\\s+"?${escape(f.type.type_name.split("(")[0]!)}`), at + f.name.length, end);
    const typeStart = find(/\S/, typeAt, end);
    const setting = (re: RegExp) => find(re, settingsAt, end);
    const constraints: RawText[] = [];
    if (f.pk) constraints.push(raw("primary key", setting(/\b(?:pk|primary\s+key)\b/i)));
    if (f.increment) constraints.push(raw("auto increment", setting(/\bincrement\b/i)));
    if (f.unique) constraints.push(raw("unique", setting(/\bunique\b/i)));
    if (f.not_null === true) constraints.push(raw("not null", setting(/\bnot\s+null\b/i)));
    else if (f.not_null === false) constraints.push(raw("nullable", setting(/\bnull\b/i)));
    const d = f.dbdefault;
    if (d && !(d.type === "boolean" && String(d.value).toLowerCase() === "null")) {
      const value = d.type === "string" ? `'${String(d.value).replace(/'/g, "''")}'` : String(d.value);
      constraints.push(raw(`default ${value}`, setting(/\bdefault\b/i)));
    }
    for (const c of f.checks) constraints.push(raw(`check (${c.expression})`, c.token.start.offset));
    // `status varchar(20) [not null] // 'ACTIVE', 'CLOSED'`: a comment after the column on its
    // line describes it as a note does (the builder may read allowed values from it).
    const eol = text.indexOf("\n", end);
    const tail = /^[ \t]*\/\/[ \t]*(.*?)\s*$/.exec(text.slice(end, eol < 0 ? text.length : eol));
    const description = f.note?.value || tail?.[1] || undefined;
    return { name: raw(f.name, find(/\S/, at, end) + (text[at] === '"' ? 1 : 0)), type: raw(f.type.type_name, typeStart), constraints, ...(description ? { description } : {}) };
  }

  // Relationships: the key is held by the many side ("<" / ">"), or in one-to-one ("-") by the
  // side that is not its table's primary key (the second when both or neither are).
  /** "pk" when the endpoint's one column is its table's primary key, "unique" when unique, "none" when neither, "unknown" when not defined here. */
  const keyed = (e: Endpoint): "pk" | "unique" | "none" | "unknown" => {
    const t = tables.get(tableOf(e.tableName));
    const c = t?.columns.find((x) => x.name.text === e.fieldNames[0]);
    if (!t || !c) return "unknown";
    if (c.constraints.some((x) => x.text === "primary key")) return t.columns.filter((x) => x.constraints.some((y) => y.text === "primary key")).length === 1 ? "pk" : "none";
    if (c.constraints.some((x) => x.text === "unique") || t.indexes.some((i) => i.unique && i.columns.length === 1 && i.columns[0] === c.name.text)) return "unique";
    return "none";
  };
  for (const r of db.refs) {
    const [a, b] = r.endpoints;
    const rAt = r.token.start.offset;
    let holder: Endpoint;
    let target: Endpoint;
    if (a.relation === "*" && b.relation === "*") {
      warn(`the relationship ${a.tableName}.${a.fieldNames.join(",")} <> ${b.tableName}.${b.fieldNames.join(",")} is many-to-many; write the table that joins them`, rAt);
      continue;
    } else if (a.relation === "*") [holder, target] = [a, b];
    else if (b.relation === "*") [holder, target] = [b, a];
    else {
      const isPk = (e: Endpoint) => tables.get(tableOf(e.tableName))?.columns.some((c) => e.fieldNames.includes(c.name.text) && c.constraints.some((x) => x.text === "primary key")) ?? false;
      [holder, target] = isPk(b) && !isPk(a) ? [a, b] : [b, a];
    }
    // `child.parent_id [ref: < parent.id]` read literally puts the key on the parent's primary key,
    // pointing at a child column that is not unique: PostgreSQL refuses such a key. Written that
    // way, the arrow is backwards; the key goes on the other side.
    if (holder.fieldNames.length === 1 && target.fieldNames.length === 1 && keyed(holder) === "pk" && keyed(target) === "none") {
      note(`DBML: the relationship ${holder.tableName}.${holder.fieldNames[0]} -> ${target.tableName}.${target.fieldNames[0]} would put a foreign key on a primary key pointing at a column that is not unique; read the other way, as ${target.tableName}.${target.fieldNames[0]} references ${holder.tableName}(${holder.fieldNames[0]})`, rAt);
      [holder, target] = [target, holder];
    }
    if (holder.fieldNames.length !== 1 || target.fieldNames.length !== 1) {
      // `Ref: bookings.(club_id, court_no) > courts.(club_id, number)`: a key of several columns.
      const ht = tables.get(tableOf(holder.tableName));
      if (!ht || holder.fieldNames.length !== target.fieldNames.length || holder.fieldNames.some((n) => !ht.columns.some((c) => c.name.text === n))) {
        warn(`the relationship ${holder.tableName}(${holder.fieldNames.join(", ")}) -> ${target.tableName}(${target.fieldNames.join(", ")}) names columns that do not pair up with columns of ${holder.tableName}; it is skipped`, rAt);
        continue;
      }
      const fks = ((ht.table as { foreignKeys?: RawForeignKey[] }).foreignKeys ??= []);
      fks.push({
        columns: holder.fieldNames.map((n) => raw(n, rAt)),
        table: raw(tableOf(target.tableName), rAt),
        refColumns: target.fieldNames.map((n) => raw(n, rAt)),
        ...(r.onDelete ? { onDelete: r.onDelete.toLowerCase() } : {}),
        span: span(rAt),
      });
      continue;
    }
    const t = tables.get(tableOf(holder.tableName));
    const col = t?.columns.find((c) => c.name.text === holder.fieldNames[0]);
    if (!t || !col) {
      warn(`the relationship names ${holder.tableName}.${holder.fieldNames[0]}, which is no column of a table here; it is skipped`, holder.token.start.offset);
      continue;
    }
    const actions = [r.onDelete ? `on delete ${r.onDelete.toLowerCase()}` : "", r.onUpdate ? `on update ${r.onUpdate.toLowerCase()}` : ""].filter(Boolean).join(" ");
    // An inline ref's token is the column's; a Ref line's, the line's.
    (col.constraints as RawText[]).push(raw(`references ${tableOf(target.tableName)}(${target.fieldNames[0]})${actions ? ` ${actions}` : ""}`, rAt));
  }

  for (const e of db.enums) {
    const at = e.token.start.offset;
    const nameAt = find(new RegExp(`"?${escape(e.name)}"?`), find(/\s/, at, e.token.end.offset), e.token.end.offset);
    const en: RawEnum = { name: raw(e.name, nameAt), values: e.values.map((v) => raw(v.name, find(/[^\s"]/, v.token.start.offset, v.token.end.offset))) };
    out.enums.push(en);
  }
  for (const { table } of tables.values()) out.tables.push(table);
  return out;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

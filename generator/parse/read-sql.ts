// The SQL DDL reader: CREATE TABLE / CREATE INDEX / ALTER TABLE ... ADD / CREATE TYPE ... AS
// ENUM, in PostgreSQL, MySQL and SQLite, read by real parsers.
//
// The parsers (sql-parsers.ts) and the dialect of each statement (sql-dialect.ts): when the
// parser of a statement's dialect rejects it, the others are tried.
//
// The parser decides what each piece is; positions come from a small lexer over the
// block (libpg-query gives byte offsets for most nodes, node-sql-parser gives positions for
// column references only in MySQL and none in SQLite), so that every text kept is a slice
// of the block and carries the line:column it was written at.
//
// A statement no parser accepts is one SF113 warning at its first character. A CREATE
// TABLE is then read element by element (a column that one stray word spoils, such as
// `DATE NULLABLE`, keeps that word as a constraint phrase for the IR builder to judge), so
// that one slip does not hide a table a person can plainly see.
//
// No parser is imported at the top: a spec without SQL loads none. loadSqlReader loads
// libpg-query; a node-sql-parser build is required the first time a block needs it.
import type { Diagnostic } from "../base/diagnostics.js";
import { snakeCase } from "../base/naming.js";
import type { Span } from "../base/span.js";
import type { BlockContext, BlockReader, ReaderNote, ReaderResult, SourceBlock } from "./block.js";
import type { RawEnum, RawIndex, RawTable, RawText } from "./raw.js";
import { blockDialect, dialectMarkers, fenceDialect, MYSQL_HINT, type SqlDialect } from "./sql-dialect.js";
import { blankable, type ColumnInfo, elementAt, type ElementReading, isColumnElement, type KeyInfo, nspColumnInfo, nspColumnName, nspKeyInfo, pgColumnInfo, pgKeyInfo, runs } from "./sql-elements.js";
import { lexSql, type SqlToken } from "./sql-lexer.js";
import { fromTransactSql } from "./sql-tsql.js";
import { DIALECT_NAME, dialectOrder, isFailure, loadPostgresParser, type Node, parseAs, type Parsed, type ParseFailure } from "./sql-parsers.js";
import { blankComments, closeOf, groupAfter, isName, lower, qualifiedName, sameName, short, skipIfExists, splitCommas, splitSqlStatements, type SqlStatement, statementKind, type StatementKind } from "./sql-statements.js";
import { type ColumnDraft, TableDraft } from "./sql-table-draft.js";

export interface SqlReaderOptions {
  /**
   * The dialects the spec's blocks are in (sqlDialectsOf); PostgreSQL's parser (~70 ms to
   * load) is loaded only when it is one of them. Default: all three.
   */
  readonly dialects?: readonly SqlDialect[];
}

/**
 * The SQL block reader, with its parsers loaded: libpg-query now (its WASM loads
 * asynchronously), a node-sql-parser build the first time a MySQL or SQLite statement needs it.
 */
export async function loadSqlReader(options: SqlReaderOptions = {}): Promise<BlockReader> {
  if (!options.dialects || options.dialects.includes("postgresql")) await loadPostgresParser();
  return (block, context) => new SqlBlockReader(block, context).read();
}

class SqlBlockReader {
  private readonly text: string;
  /** The text with its comments blanked (same offsets): what the parsers are given, so `#` comments pass everywhere. */
  private clean = "";
  private readonly tables: RawTable[] = [];
  private readonly indexes: RawIndex[] = [];
  private readonly enums: RawEnum[] = [];
  private readonly diagnostics: Diagnostic[] = [];
  private readonly notes: ReaderNote[] = [];
  private primary: SqlDialect = "postgresql";

  constructor(
    private readonly block: SourceBlock,
    private readonly context: BlockContext,
  ) {
    this.text = fromTransactSql(block.text);
  }

  read(): ReaderResult {
    const mysqlish = fenceDialect(this.block.lang) === "mysql" || MYSQL_HINT.test(this.text);
    const tokens = lexSql(this.text, { mysql: mysqlish });
    this.clean = blankComments(this.text, tokens);
    const statements = splitSqlStatements(tokens);
    this.primary = blockDialect(this.block, statements);
    for (const st of statements) {
      const kind = statementKind(st.tokens);
      if (kind === "other") continue; // functions, triggers, views, INSERT, GRANT...: not ours
      if (kind === "constraint") {
        if (this.context.sectionTable) this.sectionConstraints(st, this.context.sectionTable);
        continue;
      }
      this.statement(st, kind);
    }
    return { tables: this.tables, indexes: this.indexes, enums: this.enums, diagnostics: this.diagnostics, notes: this.notes };
  }

  // -------------------------------------------------------------- positions and texts

  private span(offset: number): Span {
    return this.block.at(offset);
  }

  private raw(start: number, end: number): RawText {
    return { text: this.clean.slice(start, end), span: this.span(start) };
  }

  /** A name token's text (unquoted) at its first character (inside the quotes). */
  private rawName(t: SqlToken): RawText {
    return t.kind === "qident" ? { text: t.value, span: this.span(t.start + 1) } : { text: t.value, span: this.span(t.start) };
  }

  /**
   * The text from the first token to the last, with comments between them blanked (same
   * length, line breaks kept): a phrase split by `-- note` reads as one, at the same offsets.
   */
  private tokensText(ts: readonly SqlToken[]): RawText {
    return { text: this.clean.slice(ts[0]!.start, ts[ts.length - 1]!.end), span: this.span(ts[0]!.start) };
  }

  private warn(message: string, offset: number, hint?: string): void {
    this.diagnostics.push({ severity: "warning", code: "SF113", message, span: this.span(offset), ...(hint ? { hint } : {}) });
  }

  private note(message: string, offset: number): void {
    this.notes.push({ span: this.span(offset), message });
  }

  // -------------------------------------------------------------- statements

  private statement(st: SqlStatement, kind: StatementKind): void {
    const own = dialectMarkers(st.tokens) ?? this.primary;
    const text = this.clean.slice(st.start, st.end);
    let first: ParseFailure | null = null;
    for (const dialect of dialectOrder(own)) {
      const p = parseAs(dialect, text, st.start);
      if (!isFailure(p)) {
        this.parsed(st, p);
        return;
      }
      first ??= p;
    }
    const failure = first!;
    const where = this.span(failure.at);
    const message = `${short(st.tokens.slice(0, 3).map((t) => t.text).join(" "))}... is not valid ${DIALECT_NAME[own]} (${failure.message}, line ${where.line} column ${where.column})`;
    if (kind === "table") {
      const salvaged = this.salvageTable(st, own);
      this.warn(message, st.start, salvaged);
      return;
    }
    this.warn(message, st.start, "the statement is ignored; fix it so that it parses");
  }

  private parsed(st: SqlStatement, p: Parsed): void {
    if (p.dialect === "postgresql") {
      const [type, node] = Object.entries(p.stmt as Record<string, Node>)[0] ?? [];
      if (type === "CreateStmt") this.pgCreateTable(st, node, p);
      else if (type === "IndexStmt") this.pgCreateIndex(st, node);
      else if (type === "AlterTableStmt") this.pgAlterTable(st, node, p);
      else if (type === "CreateEnumStmt") this.pgCreateEnum(st);
      else if (type === "CreateTableAsStmt") this.warn("CREATE TABLE ... AS has no column list; the table is not read", st.start, "write the columns out");
      return;
    }
    const ast = p.ast;
    if (ast.type === "create" && ast.keyword === "table") this.nspCreateTable(st, ast, p.dialect);
    else if (ast.type === "create" && ast.keyword === "index") {
      if (String(ast.index_type).toLowerCase() === "fulltext") {
        this.note("a FULLTEXT index is not migrated: PostgreSQL searches text with a tsvector index, which the generator does not make", st.start);
      } else this.createIndex(st, String(ast.index_type).toLowerCase() === "unique", ast.where != null, p.dialect);
    }
    else if (ast.type === "alter") this.nspAlterTable(st, ast, p.dialect);
  }

  // -------------------------------------------------------------- CREATE TABLE

  /** CREATE ... TABLE [IF NOT EXISTS] name ( elements ) */
  private tableHead(ts: readonly SqlToken[]): { name: SqlToken; open: number; close: number; elements: SqlToken[][] } | null {
    let i = ts.findIndex((t) => lower(t) === "table");
    if (i < 0) return null;
    i = skipIfExists(ts, i + 1);
    const q = qualifiedName(ts, i);
    if (!q) return null;
    if (ts[q.next]?.text !== "(") return null;
    const close = closeOf(ts, q.next);
    if (close < 0) return null;
    return { name: q.tok, open: q.next, close, elements: splitCommas(ts.slice(q.next + 1, close)) };
  }

  private newTable(nameTok: SqlToken, fragment: boolean): TableDraft {
    const n = this.rawName(nameTok);
    return new TableDraft({ text: tableName(n.text), span: n.span }, fragment);
  }

  private pgCreateTable(st: SqlStatement, node: Node, p: Parsed & { dialect: "postgresql" }): void {
    const head = this.tableHead(st.tokens);
    if (!head) {
      const name = qualifiedName(st.tokens, skipIfExists(st.tokens, st.tokens.findIndex((t) => lower(t) === "table") + 1));
      this.warn(`CREATE TABLE ${name?.tok.value ?? ""} has no column list; the table is not read`, name?.tok.start ?? st.start);
      return;
    }
    const table = this.newTable(head.name, false);
    const later: (() => void)[] = [];
    for (const elt of (node.tableElts ?? []) as Node[]) {
      const [type, def] = Object.entries(elt as Record<string, Node>)[0]!;
      const el = elementAt(head.elements, p.at(def.location));
      if (!el) continue;
      if (type === "ColumnDef") this.column(table, el, pgColumnInfo(el, def, p.at));
      else if (type === "Constraint") later.push(() => this.tableConstraint(table, el, pgKeyInfo(def), "postgresql"));
      else {
        // LIKE other_table and the like: no location of their own, so the element is found by its first word.
        const like = head.elements.find((e) => lower(e[0]) === "like") ?? el;
        this.warn(`"${short(this.tokensText(like).text)}" in table "${table.name.text}" is not supported; it is ignored`, like[0]!.start);
      }
    }
    for (const f of later) f();
    this.tables.push(table.done());
  }

  private nspCreateTable(st: SqlStatement, ast: Node, dialect: "mysql" | "sqlite"): void {
    const head = this.tableHead(st.tokens);
    if (!head || !Array.isArray(ast.create_definitions)) {
      this.warn("CREATE TABLE without a column list is not read", st.start, "write the columns out");
      return;
    }
    const table = this.newTable(head.name, false);
    this.nspElements(table, head.elements, ast.create_definitions, dialect);
    for (const o of (ast.table_options ?? []) as Node[]) {
      if (String(o?.keyword).toLowerCase() === "comment") table.description = unquote(String(o.value?.value ?? o.value));
    }
    this.tables.push(table.done());
  }

  /** node-sql-parser's definitions, one per element, in order. */
  private nspElements(table: TableDraft, elements: readonly SqlToken[][], defs: readonly Node[], dialect: "mysql" | "sqlite"): void {
    const later: (() => void)[] = [];
    defs.forEach((def, k) => {
      let el = elements[k];
      if (def.resource === "column") {
        const name = nspColumnName(def.column);
        if (!el || !isName(el[0]) || !sameName(el[0].value, name)) el = elements.find((e) => isName(e[0]) && sameName(e[0].value, name));
        if (el) this.column(table, el, nspColumnInfo(el, def));
      } else if (el) {
        const e = el;
        later.push(() => this.tableConstraint(table, e, nspKeyInfo(def), dialect));
      }
    });
    for (const f of later) f();
  }

  /** A column element read with what its parser says about it. */
  private column(table: TableDraft, el: readonly SqlToken[], info: ColumnInfo): void {
    const nameTok = el[0]!;
    const name = this.rawName(nameTok);
    if (info.untyped || info.typeEnd <= 1) {
      this.warn(`column "${name.text}" has no type; it is not read`, nameTok.start, "give the column a type");
      return;
    }
    let typeToks = el.slice(1, info.typeEnd);
    // A schema-qualified type (public.mood) is named by its last part, as CREATE TYPE names it.
    const dot = typeToks.findIndex((t) => t.text === "(" || t.text === "[");
    const head = dot < 0 ? typeToks : typeToks.slice(0, dot);
    const lastDot = head.map((t) => t.text).lastIndexOf(".");
    if (lastDot >= 0 && lastDot + 1 < typeToks.length) typeToks = typeToks.slice(lastDot + 1);
    const type: RawText = info.enumValues
      ? { text: `${lower(typeToks[0]) === "set" ? "set" : "enum"}(${info.enumValues.map(enumValueText).join(", ")})`, span: this.span(typeToks[0]!.start) }
      : this.tokensText(typeToks);
    // A comment after the column on its line ("status VARCHAR(20), -- pending, done") describes it
    // (the builder may read allowed values or limits from it).
    let description = info.description;
    if (description === undefined) {
      const last = el[el.length - 1]!;
      const lineEnd = this.text.indexOf("\n", last.end);
      const tail = this.text.slice(last.end, lineEnd < 0 ? this.text.length : lineEnd);
      // "/* allowed: a, b */," (a block comment before the comma) as well as "-- a, b" after it.
      const m = /^\s*,?\s*\/\*\s*(.*?)\s*\*\/\s*,?\s*$/.exec(tail) ?? /^\s*,?\s*(?:--|#|\/\*)\s*(.*?)\s*(?:\*\/)?\s*$/.exec(tail);
      if (m && m[1]) description = m[1];
      // "-- a | b | c |" then "-- d | e" on the next line alone: a list written over several
      // comment lines (a separator at the end says it goes on) is one description.
      let at = lineEnd;
      while (description !== undefined && /[|,\/]$/.test(description) && at >= 0) {
        const next = this.text.indexOf("\n", at + 1);
        const line = this.text.slice(at + 1, next < 0 ? this.text.length : next);
        const more = /^\s*(?:--|#)\s*(.*?)\s*$/.exec(line);
        if (!more || !more[1]) break;
        description = `${description} ${more[1]}`;
        at = next;
      }
    }
    const col: ColumnDraft = { name, type, constraints: [], ...(description ? { description } : {}) };
    // MySQL's UNSIGNED is a range: nothing below zero.
    const unsigned = typeToks.find((t) => lower(t) === "unsigned");
    if (unsigned && !info.enumValues) col.constraints.push({ raw: { text: ">= 0", span: this.span(unsigned.start) }, at: unsigned.start });
    for (const ph of info.phrases) {
      const ts = el.slice(ph.from, ph.to + 1);
      if (!ts.length) continue;
      col.constraints.push({ raw: this.phraseText(ts, ph.kind), at: ts[0]!.start });
    }
    const existing = table.column(name.text);
    if (existing && table.fragment) {
      existing.constraints.push(...col.constraints);
      return;
    }
    table.columns.push(col);
  }

  /** A constraint phrase as written; a schema before the referenced table is left out. */
  private phraseText(ts: readonly SqlToken[], kind?: string): RawText {
    const raw = this.tokensText(ts);
    if (kind !== "references") return raw;
    const k = ts.findIndex((t) => lower(t) === "references");
    if (k < 0 || ts[k + 2]?.text !== "." || !isName(ts[k + 3])) return raw;
    const a = ts[k + 1]!.start - ts[0]!.start;
    const b = ts[k + 3]!.start - ts[0]!.start;
    return { text: raw.text.slice(0, a) + raw.text.slice(b), span: raw.span };
  }

  /** PRIMARY KEY (a), UNIQUE (a, b), FOREIGN KEY (a) REFERENCES t(c), CHECK (...), INDEX/KEY ix (a). */
  private tableConstraint(table: TableDraft, el: readonly SqlToken[], info: KeyInfo, dialect: SqlDialect): void {
    const words = ["primary", "unique", "foreign", "check", "index", "key", "fulltext", "spatial", "exclude"];
    const kw = el.findIndex((t, k) => words.includes(lower(t)) && !(k > 0 && lower(el[k - 1]) === "constraint"));
    const start = el[Math.max(kw, 0)]!.start;
    const whole = short(this.tokensText(el).text);
    if (kw < 0 || info.kind === "other") {
      this.warn(`table constraint "${whole}" is not supported; it is ignored`, el[0]!.start);
      return;
    }
    if (info.kind === "check") {
      const g = groupAfter(el, kw);
      if (!g || g.close === g.open + 1) return;
      const inner = el.slice(g.open + 1, g.close);
      table.checks.push({ expression: this.tokensText(inner), ...(info.name ? { name: info.name } : {}), dialect });
      return;
    }
    if (info.kind === "fulltext") {
      this.note(`FULLTEXT index "${whole}" is not migrated: PostgreSQL searches text with a tsvector index, which the generator does not make`, start);
      return;
    }
    const g = groupAfter(el, kw);
    if (!g) {
      this.warn(`table constraint "${whole}" names no columns; it is ignored`, start);
      return;
    }
    const cols: SqlToken[] = [];
    for (const part of g.parts) {
      if (!isName(part[0]) || part[1]?.text === "(" || part[1]?.text === "." || part[1]?.kind === "op") {
        this.warn(`"${whole}" is on an expression ("${short(this.tokensText(part).text)}"), which is not supported; it is ignored`, part[0]!.start, "index plain columns only");
        return;
      }
      cols.push(part[0]);
    }
    const addTo = (colTok: SqlToken, phrase: RawText, at: number) => {
      let col = table.column(colTok.value);
      if (!col) {
        if (!table.fragment) {
          this.warn(`constraint names column "${colTok.value}", which table "${table.name.text}" does not define`, colTok.kind === "qident" ? colTok.start + 1 : colTok.start);
          return;
        }
        const name = this.rawName(colTok);
        col = { name, type: { text: "", span: name.span }, constraints: [] };
        table.columns.push(col);
      }
      col.constraints.push({ raw: phrase, at });
    };
    if (info.kind === "primary") {
      const keyTok = lower(el[kw + 1]) === "key" ? el[kw + 1]! : el[kw]!;
      for (const c of cols) addTo(c, this.raw(el[kw]!.start, keyTok.end), el[kw]!.start);
      return;
    }
    if (info.kind === "unique" && cols.length === 1) {
      addTo(cols[0]!, this.raw(el[kw]!.start, el[kw]!.end), el[kw]!.start);
      return;
    }
    if (info.kind === "unique" || info.kind === "index") {
      table.indexes.push({ columns: cols.map((c) => c.value), unique: info.kind === "unique", ...(info.name ? { name: info.name } : {}), span: this.span(start) });
      return;
    }
    // foreign
    const ref = el.findIndex((t, k) => k > g.close && lower(t) === "references");
    if (ref < 0) {
      this.warn(`foreign key "${whole}" references nothing; it is ignored`, start);
      return;
    }
    if (cols.length !== 1) {
      // FOREIGN KEY (a, b) REFERENCES t [(x, y)] [ON DELETE ...]: a key of several columns.
      let n = ref + 1;
      let target = el[n];
      while (el[n + 1]?.text === "." && isName(el[n + 2])) (n += 2), (target = el[n]);
      if (!isName(target)) {
        this.warn(`foreign key "${whole}" names no table after REFERENCES; it is ignored`, el[ref]!.start);
        return;
      }
      const rg = el[n + 1]?.text === "(" ? groupAfter(el, n) : null;
      const refCols = rg ? rg.parts.map((part) => part[0]!).filter((t) => isName(t)) : [];
      if (rg && refCols.length !== cols.length) {
        this.warn(`foreign key "${whole}" has ${cols.length} columns but references ${refCols.length}; it is ignored`, el[n + 1]!.start, "name as many referenced columns as key columns");
        return;
      }
      const from = rg ? rg.close + 1 : n + 1;
      let onDelete: string | undefined;
      for (let k = from; k < el.length - 1; k++) {
        if (lower(el[k]) === "on" && lower(el[k + 1]) === "delete") {
          const w = [lower(el[k + 2]), lower(el[k + 3])];
          onDelete = w[0] === "set" || w[0] === "no" ? `${w[0]} ${w[1]}` : w[0];
          break;
        }
      }
      for (const c of cols) {
        if (!table.column(c.value) && !table.fragment) {
          this.warn(`constraint names column "${c.value}", which table "${table.name.text}" does not define`, c.kind === "qident" ? c.start + 1 : c.start);
          return;
        }
      }
      table.foreignKeys.push({
        columns: cols.map((c) => this.rawName(c)),
        table: this.rawName(target),
        refColumns: refCols.map((c) => this.rawName(c)),
        ...(onDelete ? { onDelete } : {}),
        span: this.span(start),
      });
      return;
    }
    // DEFERRABLE / INITIALLY ... / NOT VALID qualify the constraint, not the reference.
    let end = el.length;
    for (let k = ref + 1; k < el.length; k++) {
      const w = lower(el[k]);
      if (w === "deferrable" || w === "initially" || (w === "not" && ["deferrable", "valid", "enforced"].includes(lower(el[k + 1]))) || w === "enforced") {
        end = k;
        break;
      }
    }
    addTo(cols[0]!, this.phraseText(el.slice(ref, end), "references"), el[ref]!.start);
  }

  /** A statement no parser accepts: its elements one at a time, each with what parses of it. */
  private salvageTable(st: SqlStatement, dialect: SqlDialect): string {
    const head = this.tableHead(st.tokens);
    if (!head) return "the statement is ignored; fix it so that it parses";
    const table = this.newTable(head.name, false);
    const kept: string[] = [];
    const lost: string[] = [];
    const later: (() => void)[] = [];
    for (const el of head.elements) {
      const r = this.probeElement(el, dialectOrder(dialect));
      if (!r) {
        lost.push(`"${short(this.tokensText(el).text)}"`);
        continue;
      }
      const rest = el.filter((t) => !r.blanked.has(t));
      const extra = runs(el, r.blanked).map((run) => ({ raw: this.tokensText(run), at: run[0]!.start }));
      if (r.kind === "column") {
        const before = table.columns.length;
        this.column(table, rest, r.info);
        const col = table.columns[before];
        if (col && extra.length) {
          col.constraints.push(...extra);
          kept.push(...extra.map((x) => `"${x.raw.text}" (a constraint of column ${col.name.text})`));
        }
      } else later.push(() => this.tableConstraint(table, rest, r.info, r.dialect));
    }
    for (const f of later) f();
    this.tables.push(table.done());
    const parts = [`table "${table.name.text}" is read element by element`];
    if (kept.length) parts.push(`kept as written: ${kept.join(", ")}`);
    if (lost.length) parts.push(`not read: ${lost.join(", ")}`);
    return parts.join("; ");
  }

  /**
   * One element parsed alone, as `CREATE TABLE t (<element>)`; when no parser takes it, the
   * token the parser stops at is blanked (up to a few times, never the column's name or type).
   */
  private probeElement(el: readonly SqlToken[], order: readonly SqlDialect[]): (ElementReading & { blanked: Set<SqlToken> }) | null {
    const start = el[0]!.start;
    const end = el[el.length - 1]!.end;
    const prefix = "CREATE TABLE t (";
    const blanked = new Set<SqlToken>();
    for (let attempt = 0; attempt <= 6; attempt++) {
      let body = this.clean.slice(start, end);
      for (const t of blanked) body = body.slice(0, t.start - start) + " ".repeat(t.end - t.start) + body.slice(t.end - start);
      const probe = `${prefix}${body})`;
      const base = start - prefix.length;
      let firstFailure: ParseFailure | null = null;
      for (const dialect of attempt === 0 ? order : order.slice(0, 1)) {
        const p = parseAs(dialect, probe, base);
        if (isFailure(p)) {
          firstFailure ??= p;
          continue;
        }
        const rest = el.filter((t) => !blanked.has(t));
        const r = this.readProbe(rest, p);
        if (r) return { ...r, blanked };
      }
      const bad = firstFailure ? el.findIndex((t) => t.start <= firstFailure!.at && firstFailure!.at < Math.max(t.end, t.start + 1)) : -1;
      if (bad < 2 || blanked.has(el[bad]!) || !isColumnElement(el) || !blankable(el, bad)) return null;
      blanked.add(el[bad]!);
    }
    return null;
  }

  private readProbe(el: readonly SqlToken[], p: Parsed): ElementReading | null {
    if (p.dialect === "postgresql") {
      const elt = p.stmt.CreateStmt?.tableElts?.[0];
      if (!elt) return null;
      if (elt.ColumnDef) return { kind: "column", info: pgColumnInfo(el, elt.ColumnDef, p.at) };
      if (elt.Constraint) return { kind: "key", info: pgKeyInfo(elt.Constraint), dialect: p.dialect };
      return null;
    }
    const def = p.ast.create_definitions?.[0];
    if (!def) return null;
    if (def.resource === "column") return { kind: "column", info: nspColumnInfo(el, def) };
    return { kind: "key", info: nspKeyInfo(def), dialect: p.dialect };
  }

  /** `CONSTRAINT fk FOREIGN KEY ...` written alone under a table's heading: a fragment of that table. */
  private sectionConstraints(st: SqlStatement, sectionTable: string): void {
    const prefix = "CREATE TABLE t (";
    const probe = `${prefix}${this.clean.slice(st.start, st.end)})`;
    const own = dialectMarkers(st.tokens) ?? this.primary;
    let parsed: Parsed | null = null;
    let failure: ParseFailure | null = null;
    for (const d of dialectOrder(own)) {
      const p = parseAs(d, probe, st.start - prefix.length);
      if (!isFailure(p)) {
        parsed = p;
        break;
      }
      failure ??= p;
    }
    if (!parsed) {
      const where = this.span(failure!.at);
      this.warn(`constraint "${short(this.text.slice(st.start, st.end))}" is not valid ${DIALECT_NAME[own]} (${failure!.message}, line ${where.line} column ${where.column})`, st.start,
        "the constraint is ignored; fix it so that it parses");
      return;
    }
    const table = new TableDraft({ text: tableName(sectionTable), span: this.span(st.start) }, true);
    const elements = splitCommas(st.tokens);
    if (parsed.dialect === "postgresql") {
      const p = parsed;
      for (const elt of (p.stmt.CreateStmt?.tableElts ?? []) as Node[]) {
        const def = elt.Constraint;
        const el = def ? elementAt(elements, p.at(def.location)) : undefined;
        if (def && el) this.tableConstraint(table, el, pgKeyInfo(def), "postgresql");
      }
    } else this.nspElements(table, elements, parsed.ast.create_definitions ?? [], parsed.dialect);
    if (table.columns.length || table.indexes.length || table.checks.length) this.tables.push(table.done());
  }

  // -------------------------------------------------------------- ALTER TABLE

  /** ALTER TABLE [ONLY] [IF EXISTS] name: the name and the comma-separated commands. */
  private alterHead(ts: readonly SqlToken[]): { name: SqlToken; commands: SqlToken[][] } | null {
    let i = 2;
    if (lower(ts[i]) === "only") i++;
    i = skipIfExists(ts, i);
    const q = qualifiedName(ts, i);
    if (!q) return null;
    let next = q.next;
    if (ts[next]?.text === "*") next++;
    return { name: q.tok, commands: splitCommas(ts.slice(next)) };
  }

  private pgAlterTable(st: SqlStatement, node: Node, p: Parsed & { dialect: "postgresql" }): void {
    const head = this.alterHead(st.tokens);
    if (!head) return;
    const table = this.newTable(head.name, true);
    for (const c of (node.cmds ?? []) as Node[]) {
      const cmd = c.AlterTableCmd;
      const def = cmd?.def;
      if (cmd?.subtype === "AT_AddColumn" && def?.ColumnDef) {
        const loc = p.at(def.ColumnDef.location);
        const el = elementAt(head.commands, loc)?.filter((t) => t.start >= loc);
        if (el?.length) this.column(table, el, pgColumnInfo(el, def.ColumnDef, p.at));
      } else if (cmd?.subtype === "AT_AddConstraint" && def?.Constraint) {
        const loc = p.at(def.Constraint.location);
        const el = elementAt(head.commands, loc)?.filter((t) => t.start >= loc);
        if (el?.length) this.tableConstraint(table, el, pgKeyInfo(def.Constraint), "postgresql");
      }
    }
    if (table.columns.length || table.indexes.length || table.checks.length) this.tables.push(table.done());
  }

  private nspAlterTable(st: SqlStatement, ast: Node, dialect: "mysql" | "sqlite"): void {
    const head = this.alterHead(st.tokens);
    if (!head) return;
    const table = this.newTable(head.name, true);
    const exprs = (Array.isArray(ast.expr) ? ast.expr : [ast.expr]) as Node[];
    exprs.forEach((e, k) => {
      if (String(e?.action).toLowerCase() !== "add") return;
      const cmd = head.commands[k];
      if (!cmd) return;
      let i = 1; // after ADD
      if (e.resource === "column") {
        if (lower(cmd[i]) === "column") i++;
        i = skipIfExists(cmd, i);
        const el = cmd.slice(i);
        if (el.length) this.column(table, el, nspColumnInfo(el, e));
      } else {
        const def = e.resource === "constraint" && e.create_definitions ? e.create_definitions : e;
        const el = cmd.slice(i);
        if (el.length) this.tableConstraint(table, el, nspKeyInfo(def), dialect);
      }
    });
    if (table.columns.length || table.indexes.length || table.checks.length) this.tables.push(table.done());
  }

  // -------------------------------------------------------------- CREATE INDEX, CREATE TYPE

  private pgCreateIndex(st: SqlStatement, node: Node): void {
    this.createIndex(st, node.unique === true, node.whereClause != null, "postgresql");
  }

  /** CREATE [UNIQUE] INDEX [CONCURRENTLY] [IF NOT EXISTS] [name] ON [ONLY] t [USING m] (a, b DESC) [WHERE ...] */
  private createIndex(st: SqlStatement, unique: boolean, partial: boolean, dialect: "postgresql" | "mysql" | "sqlite"): void {
    const ts = st.tokens;
    let i = ts.findIndex((t) => lower(t) === "index") + 1;
    if (lower(ts[i]) === "concurrently") i++;
    i = skipIfExists(ts, i);
    let name: string | undefined;
    if (lower(ts[i]) !== "on") {
      name = qualifiedName(ts, i)?.tok.value;
      i = qualifiedName(ts, i)?.next ?? i + 1;
    }
    if (lower(ts[i]) !== "on") return;
    i++;
    if (lower(ts[i]) === "only") i++;
    const q = qualifiedName(ts, i);
    if (!q) return;
    const g = groupAfter(ts, q.next);
    if (!g) return;
    const columns: string[] = [];
    for (const part of g.parts) {
      if (!isName(part[0]) || part[1]?.text === "(" || part[1]?.text === "." || part[1]?.kind === "op") {
        this.warn(`index on an expression ("${short(this.tokensText(part).text)}") is not supported`, part[0]!.start, "index plain columns only");
        return;
      }
      columns.push(part[0].value);
    }
    // A partial index keeps its condition as written; the IR reads it (as a CHECK is read) and
    // says so when it cannot be kept.
    let where: RawIndex["where"];
    if (partial) {
      const at = ts.findIndex((t, k) => k > g.close && lower(t) === "where");
      const cond = at >= 0 ? ts.slice(at + 1).filter((t) => t.text !== ";") : [];
      if (cond.length) where = { expression: this.tokensText(cond), dialect };
      else this.warn("the WHERE condition of this partial index is not found: the index covers all rows", st.start);
    }
    this.indexes.push({ columns, unique, ...(name ? { name } : {}), table: tableName(q.tok.value), span: this.span(st.start), ...(where ? { where } : {}) });
  }

  /** CREATE TYPE name AS ENUM ('a', 'b') */
  private pgCreateEnum(st: SqlStatement): void {
    const ts = st.tokens;
    const q = qualifiedName(ts, ts.findIndex((t) => lower(t) === "type") + 1);
    if (!q) return;
    const g = groupAfter(ts, q.next);
    if (!g) return;
    const values: RawText[] = [];
    for (const part of g.parts) {
      const t = part[0]!;
      if (t.kind === "string") values.push({ text: t.value, span: this.span(t.start + t.text.indexOf("'") + 1) });
    }
    this.enums.push({ name: this.rawName(q.tok), values });
  }
}

/** A value in `enum(a, b)`: bare unless it would split or end the list. */
function enumValueText(v: string): string {
  return /[,()]|^\s|\s$|^$/.test(v) ? `'${v.replace(/'/g, "''")}'` : v;
}

/** A table's name as the IR knows it: snake_case, or as written when it has no ASCII word (文章). */
function tableName(written: string): string {
  return snakeCase(written) || written;
}

/** 'text' -> text (a MySQL table option's value as node-sql-parser leaves it). */
function unquote(s: string): string {
  const m = /^'(.*)'$/s.exec(s);
  return m ? m[1]!.replace(/''/g, "'").replace(/\\(.)/g, "$1") : s;
}

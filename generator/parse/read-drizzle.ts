// Drizzle ORM table definitions pasted into a spec (a ```typescript block holding pgTable(...),
// mysqlTable(...) or sqliteTable(...)): read with the TypeScript parser (syntax only, no type
// checker) into the raw tables every other notation produces. TypeScript costs ~0.5 s to
// import, so it is loaded only when a spec holds Drizzle code.
//
// This module runs the reader over one block; its parts are in drizzle/: the block and its syntax
// helpers, what the block declares, columns and their types, table extras, and zod schemas.
import type TS from "typescript";
import type { ReaderResult, SourceBlock } from "./block.js";
import { lazyTypeScriptReader } from "./typescript-reader.js";
import { columnReaders, type ColumnState, type TableInfo } from "./drizzle/columns.js";
import { columnTypes } from "./drizzle/column-types.js";
import { openBlock, type Ts } from "./drizzle/context.js";
import { readDeclarations } from "./drizzle/declarations.js";
import { syntaxHelpers } from "./drizzle/syntax.js";
import { extrasReader } from "./drizzle/table-extras.js";
import { readZodSchemas } from "./drizzle/zod-schemas.js";
import type { ZodTable } from "./drizzle/zod-shapes.js";
import { ZOD_HINT } from "./drizzle/zod-vocabulary.js";
import type { RawCheck, RawColumn, RawIndex, RawText } from "./raw.js";

/** The Drizzle reader; its first call imports TypeScript (once per process). */
export const loadDrizzleReader = lazyTypeScriptReader((ts, block) => readDrizzle(ts, block));

function readDrizzle(ts: Ts, block: SourceBlock): ReaderResult {
  const blk = openBlock(ts, block);
  const syn = syntaxHelpers(blk);
  const decl = readDeclarations({ ...blk, ...syn });
  const { out, elisions, text, sf, span, start, raw, warn, note } = blk;
  const { unwrap, str, unchain, propName, returned, firstParam } = syn;
  const { vars, tableCalls, looseIndexes, stringList } = decl;
  // A block that holds no Drizzle definitions (nor zod schemas) is none of this reader's business.
  const hasZod = ZOD_HINT.test(text);
  if (!tableCalls.length && !out.enums.length && !looseIndexes.length && !hasZod) return out;
  for (const at of elisions) note("`...` leaves code out here; what it stands for is not read", at);
  const syntax = (sf as unknown as { parseDiagnostics?: readonly TS.DiagnosticWithLocation[] }).parseDiagnostics?.[0];
  if (syntax) warn(`TypeScript syntax error (${ts.flattenDiagnosticMessageText(syntax.messageText, " ").replace(/\.$/, "")}); what follows may be misread`, syntax.start);

  // Table variable -> its name and columns, filled below before any reference is resolved.
  const tables = new Map<string, TableInfo>();
  const { columnsObject, propsOf, columnName, resolveColumn, onActions, readColumn } = columnReaders({ ...blk, ...syn, ...decl, ...columnTypes({ ...blk, ...syn, ...decl }), tables });
  const { readExtras, partialWhere } = extrasReader({ ...blk, ...syn, resolveColumn, onActions });

  // Every table's name and column names first: a reference may point at a table defined later.
  const infos: ({ name: RawText; info: TableInfo; obj: TS.ObjectLiteralExpression | null } | null)[] = [];
  for (const t of tableCalls) {
    const n = str(t.args[0]);
    if (!n) {
      warn("the table's name is not a string literal; the table is skipped", start(t.chain.nameNode));
      infos.push(null);
      continue;
    }
    let name = n.text;
    if (t.creator) {
      if (t.creator.rename) name = t.creator.rename(n.text);
      else note(`the table function ${t.chain.name} changes names in a way not read here: "${n.text}" is taken as written`, start(t.chain.nameNode));
    }
    if (t.schema) note(`the table "${name}" is in the schema "${t.schema}"; the schema is not kept`, n.at);
    const obj = columnsObject(t.args[1]);
    const info: TableInfo = { name, keys: new Map(obj ? propsOf(obj, false).map((p) => [p.key, columnName(p).text]) : []) };
    infos.push({ name: raw(name, n.at), info, obj });
    if (t.varName) tables.set(t.varName, info);
  }

  // -------------------------------------------------------------- tables
  const readTables: ZodTable[] = [];
  tableCalls.forEach((t, i) => {
    const named = infos[i];
    if (!named) return;
    const { info, obj } = named;
    const label = t.varName ?? info.name;
    if (!obj) {
      warn(`the columns of ${label} are not an object literal; the table is skipped`, start(t.args[1] ?? t.chain.nameNode));
      return;
    }
    const self = { param: firstParam(t.args[2]), table: info, ...(t.varName ? { varName: t.varName } : {}) };
    const states = new Map<string, ColumnState>();
    for (const pr of propsOf(obj, true)) {
      const col = readColumn(pr, label);
      if (col) states.set(pr.key, col);
    }
    const indexes: RawIndex[] = [];
    const checks: RawCheck[] = [];
    if (t.args[2]) readExtras(t.args[2], label, t.dialect, states, self, indexes, checks);
    const columns: RawColumn[] = [...states.values()].map((s) => ({
      name: s.name,
      type: raw(s.type, s.typeAt),
      constraints: s.notNull ? s.constraints : [...s.constraints, raw("nullable", s.typeAt)],
      ...(s.description ? { description: s.description } : {}),
    }));
    out.tables.push({ name: named.name, columns, indexes, ...(checks.length ? { checks } : {}), notation: "drizzle" });
    readTables.push({ name: named.name.text, ...(t.varName ? { varName: t.varName } : {}), columns: [...states.values()].map((s) => ({ key: s.key, name: s.name.text, type: s.type })) });
  });

  // -------------------------------------------------------------- indexes declared apart from their table
  for (const c of looseIndexes) {
    const at = start(c.call);
    const name = str(c.args[0])?.text;
    const exprs = c.methods.filter((m) => m.name === "on" || m.name === "onOnly").flatMap((m) => [...m.args]);
    const refs = exprs.map((e) => resolveColumn(e, undefined));
    const tableSet = new Set(refs.map((r) => r?.table));
    if (!exprs.length || refs.some((r) => !r) || tableSet.size !== 1) {
      warn(`the index ${name ?? ""} names columns that are not read here (one table's columns were expected); it is skipped`.replace("  ", " "), at);
      continue;
    }
    const cond = c.methods.find((m) => m.name === "where");
    let where: RawIndex["where"];
    if (cond) {
      const e = cond.args[0];
      // The block's dialect (pgTable, sqliteTable, mysqlTable); PostgreSQL when its tables mix them.
      const dialects = new Set(tableCalls.map((t) => t.dialect));
      const dialect = dialects.size === 1 ? [...dialects][0]! : "postgresql";
      where = e ? partialWhere(e, (x) => { const r = resolveColumn(x, undefined); return r ? { name: r.column } : null; }, dialect) : undefined;
      if (!where) {
        if (c.name === "uniqueIndex") {
          warn(`the condition (.where) of the unique index ${name ?? ""} is not understood; the index is skipped (over all rows it would refuse rows the spec allows)`.replace("  ", " "), at);
          continue;
        }
        note(`the condition (.where) of the index ${name ?? ""} is not understood; read as an index on all rows`.replace("  ", " "), at);
      }
    }
    out.indexes.push({ columns: refs.map((r) => r!.column), unique: c.name === "uniqueIndex", ...(name ? { name } : {}), table: refs[0]!.table, span: span(at), ...(where ? { where } : {}) });
  }

  // -------------------------------------------------------------- zod schemas: value rules on the columns
  if (hasZod) {
    const enumValues = new Map(out.enums.map((e) => [e.name.text, e.values.map((v) => v.text)]));
    readZodSchemas({ ts, sf, vars, tables: readTables, enums: enumValues, start, raw, note, unwrap, str, unchain, propName, stringList, returned, firstParam, out });
  }
  return out;
}

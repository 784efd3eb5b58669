// Specs in TypeScript state their validation rules as zod schemas beside the tables
// (`z.object({ name: z.string().min(1).max(100) })`, drizzle-zod's `createInsertSchema(t, {...})`).
// Each schema becomes a fragment of the table it is about: columns with no type, holding only
// value rules (lengths, bounds, formats, patterns, allowed values, numbers of items). Nullability
// is left to the table: `.optional()` in an input says what a request may leave out, not what
// the column may hold.
//
// Each schema the block names, read as a fragment of the table it is about (from the table it
// is made from, else from its name).
import type TS from "typescript";
import { nameKey, snakeCase } from "../../base/naming.js";
import type { RawColumn, RawText } from "../raw.js";
import { matchColumn, zodFitting } from "./zod-columns.js";
import { zodObjects } from "./zod-objects.js";
import type { ZodContext, ZodTable } from "./zod-shapes.js";
import { zodNamespace } from "./zod-values.js";
import { DRIZZLE_ZOD_FNS, ZOD_OBJECT_FNS, zodSchemaSubject, zodSchemaTable } from "./zod-vocabulary.js";

export function readZodSchemas(cx: ZodContext): void {
  const { ts, vars, start, raw, note, unchain } = cx;
  const { zodSpace } = zodNamespace(cx);
  const { objectOf } = zodObjects(cx, zodSpace);
  const { fieldRules } = zodFitting(cx);

  /** The block's table a schema's name points at: its whole subject, else the subject without its leading words (`moveTaskSchema` -> tasks). */
  const tableFromName = (varName: string): { guess: string | null; found: ZodTable | null; dropped: string[] } => {
    const subject = zodSchemaSubject(varName);
    if (!subject.length) return { guess: null, found: null, dropped: [] };
    const guess = zodSchemaTable(varName);
    for (let i = 0; i < subject.length; i++) {
      const key = nameKey(subject.slice(i).join("_"));
      const found = cx.tables.find((t) => nameKey(t.name) === key || (t.varName !== undefined && nameKey(t.varName) === key));
      if (found) return { guess, found, dropped: subject.slice(0, i) };
    }
    return { guess, found: null, dropped: [] };
  };

  for (const [varName, init] of vars) {
    const root = unchain(init);
    // Only variables that hold an object schema (cheap test first: most variables are tables and enums).
    if (!root || (!(zodSpace(root.object) === "" && ZOD_OBJECT_FNS.has(root.name)) && !(!root.object && DRIZZLE_ZOD_FNS.has(root.name)) && !(root.object && ts.isIdentifier(root.object) && vars.has(root.object.text))))
      continue;
    const o = objectOf(varName);
    if (!o) continue;
    const declAt = declarationAt(init);
    let table: ZodTable | null;
    let tableName: string;
    let tableAt: number;
    let how: string;
    if (o.table) {
      table = o.table.known;
      tableName = o.table.name;
      tableAt = o.table.at;
      how = o.table.known ? "the table it is made from" : `its table variable, not defined in this block: taken to be "${tableName}"`;
    } else {
      const { guess, found, dropped } = tableFromName(varName);
      if (!guess) continue;
      table = found;
      tableName = found?.name ?? guess;
      tableAt = declAt;
      how = !found ? "from its name; the block defines no table, so the spec's other tables decide" : dropped.length ? `from its name, leaving out "${dropped.join(" ")}"` : "from its name";
      // The block defines tables and this schema names none of them: an API input (a chat message, a move).
      if (!found && cx.tables.length) {
        note(`the zod schema ${varName} names no table of this block (read as "${guess}"); its rules are not read as column rules`, declAt);
        continue;
      }
    }
    const columns = new Map<string, { name: RawText; at: number; constraints: RawText[] }>();
    const unmatched: string[] = [];
    for (const f of o.fields.values()) {
      const col = table ? matchColumn(table, f.key) : null;
      if (table && !col) {
        unmatched.push(f.key);
        continue;
      }
      const colName = col?.name ?? snakeCase(f.key);
      const phrases = fieldRules(f, col, `${tableName}.${colName}`);
      if (!phrases.length) continue;
      const entry = columns.get(colName) ?? { name: raw(colName, f.keyAt), at: f.keyAt, constraints: [] };
      entry.constraints.push(...phrases);
      columns.set(colName, entry);
    }
    note(`the zod schema ${varName} is read as rules for table "${tableName}" (${how})`, declAt);
    if (unmatched.length) note(`the zod schema ${varName}: ${unmatched.join(", ")} ${unmatched.length === 1 ? "names no column" : "name no columns"} of "${tableName}"; not read as column rules`, declAt);
    if (!columns.size) continue;
    // A fragment column has no type (the table gives it): its empty type text sits at the field's name.
    const cols: RawColumn[] = [...columns.values()].map((c) => ({ name: c.name, type: raw("", c.at), constraints: c.constraints }));
    cx.out.tables.push({ name: raw(tableName, tableAt), columns: cols, indexes: [], notation: "drizzle", fragment: true });
  }

  /** Where a variable's name is written, from its initializer. */
  function declarationAt(init: TS.Expression): number {
    let n: TS.Node | undefined = init;
    while (n && !ts.isVariableDeclaration(n)) n = n.parent;
    return n ? start(n.name) : start(init);
  }
}

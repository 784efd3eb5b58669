// Checks on a built IR: references that point nowhere, owners whose type cannot hold a
// user id, endpoints whose rows nobody owns. Reads only the IR.
import type { Diagnostic } from "../base/diagnostics.js";
import type { Column, ColumnType, IR, Table } from "./types.js";
import { describeFiller, identityPlan } from "./identity-plan.js";

/** Types a foreign key may have for a given target: text ids fit varchar and text, integers fit bigints. */
function compatible(a: ColumnType, b: ColumnType): boolean {
  const group = (t: ColumnType) =>
    t.kind === "string" || t.kind === "text" ? "text" : t.kind === "integer" || t.kind === "bigint" ? "int" : t.kind;
  return group(a) === group(b);
}

function typeName(t: ColumnType): string {
  if (t.kind === "string") return t.maxLength ? `varchar(${t.maxLength})` : "string";
  if (t.kind === "decimal") return t.precision !== undefined ? `decimal(${t.precision}${t.scale !== undefined ? `, ${t.scale}` : ""})` : "decimal";
  if (t.kind === "enum") return `enum(${t.values.join(", ")})`;
  return t.kind;
}

/** The path of the caller's own row in the identity table, as the endpoints have it. */
function selfPath(ir: IR, table: string): string {
  return ir.endpoints.find((e) => e.self && e.table === table && e.method === "post")?.path ?? `/api/${table.replace(/_/g, "-")}/me`;
}

export function validateIr(ir: IR): Diagnostic[] {
  const out: Diagnostic[] = [];
  const tables = new Map(ir.tables.map((t) => [t.name, t]));
  const identity = ir.auth.identityTable ? tables.get(ir.auth.identityTable) : undefined;
  const identityPk = identity?.columns.find((c) => c.name === identity.primaryKey);

  // Users first met through a token are recorded in the identity table; say what the token cannot fill.
  // In built-in mode users exist because they registered: nothing is recorded from tokens.
  if (identity && ir.auth.mode !== "builtin" && ir.tables.some((t) => t.owner)) {
    const plan = identityPlan(identity);
    for (const [name, filler] of Object.entries(plan.fillers)) {
      const c = identity.columns.find((x) => x.name === name)!;
      out.push({
        severity: "warning",
        code: "SF123",
        message: `"${identity.name}.${name}" is required, but a token cannot supply it; users first seen through a token get ${describeFiller(filler)}`,
        span: c.span,
        hint: `make "${name}" nullable or give it a default if the auth service does not write this table`,
      });
    }
    for (const c of plan.unfillable) {
      out.push({
        severity: "warning",
        code: "SF124",
        message: `"${identity.name}.${c.name}" is required${c.unique ? " and unique" : ""} and a token cannot supply it, so users are not recorded from their tokens: each creates their own "${identity.name}" row (POST ${selfPath(ir, identity.name)}) before writing rows that reference it`,
        span: c.span,
        hint: `make "${c.name}" nullable or give it a default to record users from their tokens`,
      });
    }
  }

  for (const t of ir.tables) {
    for (const c of t.columns) {
      const ref = c.references;
      if (!ref) continue;
      const target = tables.get(ref.table);
      if (!target) {
        out.push({
          severity: "error",
          code: "SF104",
          message: `column "${c.name}" references unknown table "${ref.table}"`,
          span: c.span,
          hint: `known tables: ${ir.tables.map((x) => x.name).join(", ")}`,
        });
        continue;
      }
      const targetCol = target.columns.find((x) => x.name === ref.column);
      if (!targetCol) {
        out.push({
          severity: "error",
          code: "SF105",
          message: `column "${t.name}.${c.name}" references unknown column "${ref.table}.${ref.column}"`,
          span: c.span,
          hint: `columns of "${target.name}": ${target.columns.map((x) => x.name).join(", ")}`,
        });
        continue;
      }
      if (t.owner === c.name && target === identity) continue; // checked below with a clearer message
      if (!compatible(c.type, targetCol.type)) {
        out.push({
          severity: "error",
          code: "SF115",
          message: `column "${t.name}.${c.name}" is ${typeName(c.type)} but references "${target.name}.${targetCol.name}", which is ${typeName(targetCol.type)}`,
          span: c.span,
          hint: `give "${c.name}" the type of "${target.name}.${targetCol.name}"`,
        });
      }
    }
    if (t.owner && identityPk && !t.identity) {
      const owner = t.columns.find((c) => c.name === t.owner) as Column;
      if (owner && !compatible(owner.type, identityPk.type)) {
        out.push({
          severity: "error",
          code: "SF114",
          message: `owner column "${t.name}.${owner.name}" is ${typeName(owner.type)} but user ids ("${identity!.name}.${identityPk.name}") are ${typeName(identityPk.type)}`,
          span: owner.span,
          hint: `declare "${owner.name}" with the type of "${identity!.name}.${identityPk.name}"`,
        });
      }
    }
  }

  for (const e of ir.endpoints) {
    const t = tables.get(e.table) as Table | undefined;
    if (!t) continue;
    const where = `${e.method.toUpperCase()} ${e.path}`;
    // A table no one owns is shared (SF126 says so once, at the table): a {user_id} in its
    // paths only has to be the caller, and its rows are the same for everyone.
    if (e.idParam && !e.idColumn && t.keyColumns && e.action.kind !== "stub" && !e.action.kind.startsWith("relation")) {
      out.push({
        severity: "error",
        code: "SF212",
        message: `${where} addresses one row by {${e.idParam}}, but table "${t.name}" has ${t.keyColumns.length ? `a composite key (${t.keyColumns.join(", ")})` : "no primary key"}`,
        span: e.span,
        hint: `give "${t.name}" a single-column primary key (e.g. "id: serial (primary key)")`,
      });
    }
  }
  return out;
}

// Columns written without a type: the type of the key they reference, of the enum of their name,
// or one inferred from the name; and the rules their description states once the type is known.
import type { BuildContext } from "./build-context.js";
import { rulesFromDescription } from "./description-rules.js";
import type { ColumnDraft, TableDraft } from "./drafts.js";
import { KNOWN_FORMATS, kindText } from "./column-forms.js";
import { inferTypeFromName } from "./infer-type.js";
import { namedEnum } from "./named-types.js";
import { interpretDefault } from "./read-default.js";

/** Columns written without a type: a foreign key takes the referenced key's type, others a type from their name. */
export function inferMissingTypes(cx: BuildContext, tables: TableDraft[]): void {
  for (const t of tables) {
    for (const c of t.columns) {
      if (!c.typeMissing || c.type) continue;
      const target = c.references ? tables.find((x) => x.name === c.references!.table) : undefined;
      const key = target?.columns.find((x) => x.name === c.references!.column);
      if (key?.type) {
        c.type = key.type;
        cx.note(c.span, `column "${t.name}.${c.name}" has no type; read as ${kindText(key.type)}, the type of ${target!.name}.${key.name} it references`);
        continue;
      }
      // "status" with no type where the spec declares an enum "Status": that enum.
      const named = c.references ? undefined : namedEnum(cx, c.name);
      if (named?.type.kind === "enum") {
        c.type = named.type;
        cx.note(c.span, `column "${t.name}.${c.name}" has no type; read as enum ${named.name}, the enum of its name`);
        continue;
      }
      // A key of no written type that columns of written types reference ("user_id TEXT
      // REFERENCES user(id)" under a users table listing only "- `id`"): their type, when they agree.
      const by = c.primaryKey ? referencingType(tables, t, c) : null;
      if (by) {
        c.type = by.type;
        cx.note(c.span, `column "${t.name}.${c.name}" has no type; read as ${kindText(by.type)}, the type of ${by.from} that references it`);
        continue;
      }
      const g = inferTypeFromName(c.name, c.description);
      c.type = g.type;
      cx.note(c.span, `column "${t.name}.${c.name}" has no type; read as ${kindText(g.type)} because ${g.why}`);
      // A key of no written type the database fills, as the app does: a new uuid for each row.
      if (c.primaryKey && g.type.kind === "uuid" && c.default === null && (t.keyColumns?.length ?? 1) <= 1) {
        c.default = { kind: "uuid" };
        cx.note(c.span, `"${t.name}.${c.name}" is a key with no default; read as default gen_random_uuid()`);
      }
      if (c.description) lateDescriptionRules(cx, t.name, c);
      if (c.pending) latePendingRules(cx, t.name, c);
    }
  }
}

/** The one type the written-type columns referencing `t.c` agree on, and the first of them; null when none or they differ. */
function referencingType(tables: readonly TableDraft[], t: TableDraft, c: ColumnDraft): { type: NonNullable<ColumnDraft["type"]>; from: string } | null {
  let found: { type: NonNullable<ColumnDraft["type"]>; from: string } | null = null;
  for (const x of tables) {
    for (const r of x.columns) {
      if (r === c || r.typeMissing || !r.type || r.references?.table !== t.name || r.references.column !== c.name) continue;
      if (found && kindText(found.type) !== kindText(r.type)) return null;
      found ??= { type: r.type, from: `${x.name}.${r.name}` };
    }
  }
  return found;
}

/** The rules kept for a column written without a type (ColumnDraft.pending), read with the type inferred. */
function latePendingRules(cx: BuildContext, table: string, c: ColumnDraft): void {
  const type = c.type!;
  const p = c.pending!;
  delete c.pending;
  const textual = type.kind === "string" || type.kind === "text";
  const numeric = type.kind === "integer" || type.kind === "bigint" || type.kind === "decimal" || type.kind === "float";
  if (p.min !== undefined) {
    if (textual) c.minLength ??= p.min;
    else if (numeric) c.minimum ??= p.min;
  }
  if (p.max !== undefined) {
    if (textual) c.maxLength ??= p.max;
    else if (numeric) c.maximum ??= p.max;
  }
  if (p.default && c.default === null) {
    const dv = interpretDefault({ text: p.default.text, quoted: p.default.quoted }, type);
    if ("problem" in dv) {
      if (dv.unknown) cx.diag("warning", "SF118", `default of column "${table}.${c.name}" is not understood: ${p.default.text}; it is ignored`, p.default.span,
        "write now(), gen_random_uuid(), a number, true/false, or a quoted string");
      else cx.diag("warning", "SF117", `column "${table}.${c.name}": ${dv.problem}; the default is ignored`, p.default.span);
    } else c.default = dv;
  }
}

/**
 * The rules the description of a column written without a type states ("Free text, 1-200
 * chars.", "(1-5)", "One of a, b, c."), read once its type is inferred: buildColumn reads
 * descriptions only for columns that have a type by then.
 */
function lateDescriptionRules(cx: BuildContext, table: string, c: ColumnDraft): void {
  const type = c.type!;
  const d = rulesFromDescription(c.description!, type);
  const textual = type.kind === "string" || type.kind === "text";
  const numeric = type.kind === "integer" || type.kind === "bigint" || type.kind === "decimal" || type.kind === "float";
  const said: string[] = [];
  if (textual && d.enumValues && !c.unique && !c.primaryKey && !/(?:^|_)id$|[a-z0-9]Id$/.test(c.name)) {
    c.type = { kind: "enum", values: d.enumValues };
    said.push(`one of ${d.enumValues.join(", ")}`);
  } else if (textual) {
    if (d.minLength !== undefined && c.minLength === undefined) (c.minLength = d.minLength), said.push(`min length ${d.minLength}`);
    if (d.maxLength !== undefined && c.maxLength === undefined) (c.maxLength = d.maxLength), said.push(`max length ${d.maxLength}`);
    if (d.format && !c.format && KNOWN_FORMATS.has(d.format)) (c.format = d.format), said.push(`format ${d.format}`);
  }
  if (numeric) {
    if (d.min !== undefined && c.minimum === undefined) (c.minimum = d.min), said.push(`min ${d.min}`);
    if (d.max !== undefined && c.maximum === undefined) (c.maximum = d.max), said.push(`max ${d.max}`);
  }
  if (d.notNull && c.nullable && !c.primaryKey && c.default === null) (c.nullable = false), said.push("required (not null)");
  if (d.unique && !c.unique && !c.primaryKey) (c.unique = true), said.push("unique");
  if (said.length) cx.note(c.span, `"${table}.${c.name}": its description states ${said.join(", ")}`);
}

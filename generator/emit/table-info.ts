// Facts every emitter needs about a table, derived from the IR in one place.
import type { Column, IR, Table } from "../ir/types.js";
import { camelCase, fileStem, modelName, singularName } from "../base/naming.js";
import { knownFormat, typeSchema } from "../ir/column-forms.js";
import { hiddenColumn, privilegeColumn } from "../ir/ownership.js";

export interface TableInfo {
  readonly table: Table;
  readonly model: string; // Task
  readonly singular: string; // task
  readonly stem: string; // tasks (file name stem)
  readonly schemaVar: string; // task
  readonly pk: Column;
  /** Columns the server fills; never taken from a request body. */
  readonly readOnly: readonly Column[];
  /** Columns a client may write. */
  readonly writable: readonly Column[];
  /**
   * Columns no answer carries (a password hash, a secret: ownership.ts undisclosedColumn): left
   * out of every row the routes answer with, of the OpenAPI rows and of a model's JSON.
   */
  readonly hidden: readonly Column[];
  /** Writable columns a create (and a replace) must carry. */
  readonly requiredOnCreate: readonly Column[];
  /**
   * Foreign keys to rows of other users' kind (owned through a column, or scoped): on write, a
   * value must name a row the caller sees. targetOwner is null for a scoped target.
   */
  readonly ownedRefs: readonly { column: Column; target: TableInfo["table"]; targetPk: string; targetOwner: string | null }[];
}

export function columnByName(t: Table, name: string): Column {
  const c = t.columns.find((x) => x.name === name);
  if (!c) throw new Error(`internal: ${t.name}.${name} missing`);
  return c;
}

export function tableByName(ir: IR, name: string): Table {
  const t = ir.tables.find((x) => x.name === name);
  if (!t) throw new Error(`internal: table ${name} missing`);
  return t;
}

/** The PK is server-made when the database generates it. */
export function pkIsGenerated(c: Column): boolean {
  return c.default !== null && (c.default.kind === "increment" || c.default.kind === "uuid");
}

export function tableInfo(ir: IR, table: Table): TableInfo {
  const pk = columnByName(table, table.primaryKey);
  // The key of a row users own (through a column or a scope) is the server's: a key a client
  // picks could collide with another user's row, and the conflict would tell it exists.
  // (A table every user writes makes its uuid keys as an owned one does: a client never picks them.)
  const serverKey = (c: Column) => pkIsGenerated(c) || table.owner !== null || (table.scope !== undefined && !c.references) || (table.shared === "read-write" && c.type.kind === "uuid" && !c.references);
  // On the users table, a column that makes its user a member of a group (users.tenant_id) is
  // set outside the API: a caller who could write it could join any tenant.
  const membershipOf = (c: Column) =>
    table.identity && ir.tables.some((t) => t.scope?.kind === "member" && t.scope.membership === table.name && t.scope.membershipGroup === c.name);
  const hidden = table.columns.filter(hiddenColumn);
  // The users table's credentials are the auth service's (or the built-in module's): a caller
  // who could write their own password hash through a profile route would bypass it.
  const credential = (c: Column) => table.identity && hidden.includes(c);
  // What a user may do (a role, an admin flag, a verified mark, a plan) is not theirs to set on
  // their own users row, nor on their membership of a group: only the app sets it.
  const membership = ir.tables.some((t) => t.scope?.kind === "member" && t.scope.membership === table.name);
  const privilege = (c: Column) => (table.identity || membership) && c.role === "data" && privilegeColumn(c);
  // A group's membership with roles that run the group: its managers name the member (another
  // user) and set the role; runtime/rows.ts lets no one else (`manage`), and the owner is the caller when left out.
  const managed = (c: Column) => !!table.managers && (c.name === table.owner || c.name === table.managers.column);
  const readOnly = table.columns.filter(
    (c) => !managed(c) && (c.role === "owner" || c.role === "tenant" || c.role === "author" || c.role === "editor" || c.role === "created_at" || c.role === "updated_at" || (c.role === "id" && serverKey(c)) || membershipOf(c) || credential(c) || privilege(c)),
  );
  const writable = table.columns.filter((c) => !readOnly.includes(c));
  const requiredOnCreate = writable.filter((c) => !c.nullable && c.default === null && !managed(c));
  const ownedRefs = writable.flatMap((c) => {
    if (!c.references || (!table.owner && !table.scope)) return [];
    const target = tableByName(ir, c.references.table);
    if (target.identity || (!target.owner && !target.scope)) return [];
    return [{ column: c, target, targetPk: c.references.column, targetOwner: target.owner }];
  });
  return {
    table,
    model: modelName(table.name),
    singular: singularName(table.name),
    stem: fileStem(table.name),
    schemaVar: camelCase(singularName(table.name)),
    pk,
    readOnly,
    hidden,
    writable,
    requiredOnCreate,
    ownedRefs,
  };
}

/** JSON Schema of one column's value as the API reads and writes it. */
export function columnSchema(c: Column, direction: "in" | "out"): Record<string, unknown> {
  const base = typeSchema(c.type, direction);
  const t = c.type;
  if (c.minLength !== undefined) base.minLength = c.minLength;
  if (c.maxLength !== undefined && (base.maxLength === undefined || c.maxLength < (base.maxLength as number))) base.maxLength = c.maxLength;
  if (t.kind === "string" || t.kind === "text") Object.assign(base, textRules(c));
  // Bounds are for JSON numbers: a bigint (and a decimal's answer) is text, which JSON Schema
  // bounds do not reach (runtime/validate.ts holds numeric text to them: emit-schemas.ts textBounds).
  const types = Array.isArray(base.type) ? (base.type as string[]) : [base.type];
  if (types.includes("number") || types.includes("integer")) {
    if (c.minimum !== undefined) base.minimum = c.minimum;
    if (c.maximum !== undefined) base.maximum = c.maximum;
    if (c.exclusiveMinimum !== undefined) base.exclusiveMinimum = c.exclusiveMinimum;
    if (c.exclusiveMaximum !== undefined) base.exclusiveMaximum = c.exclusiveMaximum;
    if (c.oneOf !== undefined) base.enum = [...c.oneOf];
  }
  // A json column with a bound on its items holds a list (the database check says the same).
  if (t.kind === "json" && (c.minItems !== undefined || c.maxItems !== undefined)) {
    base.type = "array";
    base.items = {};
    if (c.minItems !== undefined && c.minItems > 0) base.minItems = c.minItems;
    if (c.maxItems !== undefined) base.maxItems = c.maxItems;
  }
  if (t.kind === "array") {
    if (c.minItems !== undefined && c.minItems > 0) base.minItems = c.minItems;
    if (c.maxItems !== undefined && (base.maxItems === undefined || c.maxItems < (base.maxItems as number))) base.maxItems = c.maxItems;
    if (t.of.kind === "string" || t.of.kind === "text") {
      const items = { ...(base.items as Record<string, unknown>) };
      if (c.itemMaxLength !== undefined && (items.maxLength === undefined || c.itemMaxLength < (items.maxLength as number))) items.maxLength = c.itemMaxLength;
      Object.assign(items, textRules(c));
      base.items = items;
    }
  }
  if (c.description) base.description = c.description;
  if (!c.nullable) return base;
  // A json column's schema has no type (any JSON value, null among them): nothing to add.
  if (base.type === undefined && base.enum === undefined) return base;
  if (Array.isArray(base.enum)) return { ...base, type: [...types.filter((x) => x !== "null"), "null"], enum: [...(base.enum as unknown[]), null] };
  const type = base.type;
  return { ...base, type: Array.isArray(type) ? [...type, "null"] : [type, "null"] };
}

/** A text's format (one the validator and the database both know) and pattern. */
function textRules(c: Column): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const format = knownFormat(c.format);
  if (format) out.format = format;
  if (c.pattern !== undefined) out.pattern = c.pattern;
  return out;
}


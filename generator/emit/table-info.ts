// Facts every emitter needs about a table, derived from the IR in one place.
import type { Column, ColumnType, IR, Table } from "../ir/types.js";
import { camelCase, fileStem, modelName, singularName } from "../ir/naming.js";

export const INT4_MIN = -2147483648;
export const INT4_MAX = 2147483647;

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
  /** Writable columns a create (and a replace) must carry. */
  readonly requiredOnCreate: readonly Column[];
  /** Foreign keys to other tables owned by the same user: checked on write. */
  readonly ownedRefs: readonly { column: Column; target: TableInfo["table"]; targetPk: string; targetOwner: string }[];
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
  const readOnly = table.columns.filter(
    (c) => c.role === "owner" || c.role === "created_at" || c.role === "updated_at" || (c.role === "id" && (pkIsGenerated(c) || table.owner !== null)),
  );
  const writable = table.columns.filter((c) => !readOnly.includes(c));
  const requiredOnCreate = writable.filter((c) => !c.nullable && c.default === null);
  const ownedRefs = writable.flatMap((c) => {
    if (!c.references || !table.owner) return [];
    const target = tableByName(ir, c.references.table);
    if (!target.owner || target.identity) return [];
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
    writable,
    requiredOnCreate,
    ownedRefs,
  };
}

/** JSON Schema of one column's value as the API reads and writes it. */
export function columnSchema(c: Column, direction: "in" | "out"): Record<string, unknown> {
  const base = typeSchema(c.type, direction);
  if (c.minLength !== undefined) base.minLength = c.minLength;
  if (c.maxLength !== undefined && (base.maxLength === undefined || c.maxLength < (base.maxLength as number))) base.maxLength = c.maxLength;
  if (c.minimum !== undefined) base.minimum = c.minimum;
  if (c.maximum !== undefined) base.maximum = c.maximum;
  if (c.description) base.description = c.description;
  if (!c.nullable) return base;
  // A json column's schema has no type (any JSON value, null among them): nothing to add.
  if (base.type === undefined && base.enum === undefined) return base;
  if (Array.isArray(base.enum)) return { ...base, type: ["string", "null"], enum: [...(base.enum as unknown[]), null] };
  const t = base.type;
  return { ...base, type: Array.isArray(t) ? [...t, "null"] : [t, "null"] };
}

function typeSchema(t: ColumnType, direction: "in" | "out"): Record<string, unknown> {
  switch (t.kind) {
    case "string":
      return t.maxLength !== undefined ? { type: "string", maxLength: t.maxLength } : { type: "string" };
    case "text":
      return { type: "string" };
    case "integer":
      return { type: "integer", minimum: INT4_MIN, maximum: INT4_MAX };
    case "bigint":
      // int8 travels as a decimal string: JSON numbers lose precision past 2^53.
      return { type: "string", pattern: "^-?[0-9]{1,19}$" };
    case "uuid":
      return { type: "string", format: "uuid" };
    case "boolean":
      return { type: "boolean" };
    case "timestamp":
      return { type: "string", format: "date-time" };
    case "date":
      return { type: "string", format: "date" };
    case "time":
      return { type: "string", pattern: "^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]{1,6})?)?$" };
    case "decimal":
      // numeric comes back as a string (no precision lost); a number or a numeric string is accepted.
      return direction === "in"
        ? { type: ["number", "string"], pattern: "^-?[0-9]+(\\.[0-9]+)?$" }
        : { type: "string", pattern: "^-?[0-9]+(\\.[0-9]+)?$" };
    case "float":
      return { type: "number" };
    case "json":
      return {};
    case "enum":
      return { type: "string", enum: [...t.values] };
  }
}

/** TypeScript type of a column's value: as a body gives it (in), as the API returns it (out), or on a model (both). */
export function columnTsType(c: Column, direction: "in" | "out" | "model"): string {
  const base = ((): string => {
    switch (c.type.kind) {
      case "integer":
      case "float":
        return "number";
      case "boolean":
        return "boolean";
      case "json":
        return "unknown";
      case "enum":
        return c.type.values.map((v) => JSON.stringify(v)).join(" | ");
      case "decimal":
        return direction === "out" ? "string" : "number | string";
      case "timestamp":
        return direction === "in" ? "string" : "Date | string";
      default:
        return "string";
    }
  })();
  return c.nullable ? `${base} | null` : base;
}

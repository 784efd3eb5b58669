// JSON Schema validation with ajv: each schema is compiled once at module load,
// and failures become a 422 whose detail names every field that is wrong.
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import * as addFormatsModule from "ajv-formats";
import { HttpProblem } from "./errors.js";

// ajv-formats is CommonJS; under NodeNext its default export sits on `.default`.
const addFormats = addFormatsModule.default as unknown as (ajv: Ajv, formats: string[]) => Ajv;

const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true, coerceTypes: false, useDefaults: false });
addFormats(ajv, ["date-time", "date", "uuid", "email", "uri"]);

export type Validator<T> = (value: unknown) => T;

export function compile<T>(schema: object): Validator<T> {
  const fn: ValidateFunction = ajv.compile(schema);
  return (value: unknown): T => {
    if (fn(value)) return value as T;
    const errors = (fn.errors ?? []).map(describe);
    throw new HttpProblem(422, errors.map((e) => `${e.field}: ${e.message}`).join("; ") || "the request body is not valid", { errors });
  };
}

function describe(e: ErrorObject): { field: string; message: string } {
  const base = e.instancePath.replace(/^\//, "").replace(/\//g, ".");
  switch (e.keyword) {
    case "required": {
      const field = (e.params as { missingProperty: string }).missingProperty;
      return { field: base ? `${base}.${field}` : field, message: "is required" };
    }
    case "additionalProperties": {
      const field = (e.params as { additionalProperty: string }).additionalProperty;
      return { field: base ? `${base}.${field}` : field, message: "is not a known field" };
    }
    case "enum":
      return { field: base || "body", message: `must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(", ")}` };
    case "minProperties":
      return { field: base || "body", message: "must contain at least one field to change" };
    default:
      return { field: base || "body", message: e.message ?? "is not valid" };
  }
}

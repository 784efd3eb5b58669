// Whether a json/yaml block is a JSON Schema of records: an object schema (`"type": "object"` with
// `"properties"` whose entries are schemas: `{ "type": "string" }`, `{ "$ref": ... }`). An example
// request or response body (`{ "title": "Buy milk" }`) has no such shape, so it is left alone;
// an OpenAPI document is the OpenAPI reader's. Kept apart from read-jsonschema.ts so that
// recognising such a block loads nothing.
const OBJECT_JSON = /"type"\s*:\s*"object"/;
const PROPERTIES_JSON = /"properties"\s*:\s*\{\s*"[^"]+"\s*:\s*\{\s*"(?:type|\$ref|enum|format|description|items|anyOf|oneOf)"/;
const OBJECT_YAML = /^\s*type\s*:\s*["']?object["']?\s*$/m;
const PROPERTIES_YAML = /^(\s*)properties\s*:\s*\n\1\s+["']?[\w$-]+["']?\s*:\s*\n\1\s+\s+["']?(?:type|\$ref|enum|format|description|items)["']?\s*:/m;
const OPENAPI = /^\s*["']?(?:openapi|swagger)["']?\s*:/m;

export const holdsJsonSchema = (lang: string, text: string): boolean => {
  if (OPENAPI.test(text.slice(0, 4000))) return false;
  if (/^(json|jsonc|json5|jsonschema)$/.test(lang)) return OBJECT_JSON.test(text) && PROPERTIES_JSON.test(text);
  if (/^(ya?ml)$/.test(lang)) return OBJECT_YAML.test(text) && PROPERTIES_YAML.test(text);
  return false;
};

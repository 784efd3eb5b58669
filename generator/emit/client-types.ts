// generated/client/schema.ts's types: printed by print-client-types.ts for the documents our
// emitters write (4 ms for the example app), else (a shape it does not know, e.g. a custom
// route's schema with a discriminator) by openapi-typescript's public API, which loads Redocly
// and typescript.js (~2-3 s, once per changed document: emit-client.ts reuses schema.ts while
// the document's hash is unchanged).
import { printSchemaTypes } from "./print-client-types.js";

/** openapi-typescript's public API: Redocly parses, lints and bundles the document, then the transform runs. */
export async function schemaTypesViaApi(openapiJson: string): Promise<string> {
  const { default: openapiTS, astToString } = await import("openapi-typescript");
  const ast = await openapiTS(JSON.parse(openapiJson) as Parameters<typeof openapiTS>[0], { silent: true });
  return astToString(ast);
}

/** The types for an OpenAPI document: ours when the printer knows every shape in it, else openapi-typescript's. */
export async function schemaTypes(openapiJson: string): Promise<string> {
  return printSchemaTypes(openapiJson) ?? (await schemaTypesViaApi(openapiJson));
}

// generated/client/schema.ts's types, as openapi-typescript prints them (schemaTypes). Our own
// documents are written by client-types-fast.ts, without loading openapi-typescript. Any
// other document goes through openapi-typescript's transform and printer, called directly
// (schemaTypesDirect): its public entry point (schemaTypesViaApi) would first load Redocly to
// parse, lint and bundle a document that is ours, already parsed, with only local $refs,
// which cost more than the transform itself. tests/unit/client-schema.test.ts checks that
// both ways print the same bytes.
import { createRequire } from "node:module";
import { MIRRORED_VERSION, fastSchemaTypes } from "./client-types-fast.js";

/** The installed openapi-typescript's version (named in client/schema.ts's header). */
export const OPENAPI_TS_VERSION = (createRequire(import.meta.url)("openapi-typescript/package.json") as { version: string }).version;

/** openapi-typescript's public API: Redocly parses, lints and bundles the document, then the transform runs. */
export async function schemaTypesViaApi(openapiJson: string): Promise<string> {
  const { default: openapiTS, astToString } = await import("openapi-typescript");
  const ast = await openapiTS(JSON.parse(openapiJson) as Parameters<typeof openapiTS>[0], { silent: true });
  return astToString(ast);
}

type OpenApiTs = typeof import("openapi-typescript");
interface Transform {
  transformSchema: OpenApiTs["transformSchema"];
  utils: Pick<OpenApiTs, "scanDiscriminators" | "resolveRef">;
  ts: Pick<OpenApiTs, "astToString">;
}

let loaded: Transform | null | undefined;

/**
 * openapi-typescript's transform, utils and printer, loaded as CommonJS (the package ships
 * both builds): Node's ESM loader would first scan all of typescript.js for its exports,
 * ~0.25 s. Null when the files are not where version 7 keeps them.
 */
function loadTransform(): Transform | null {
  if (loaded !== undefined) return loaded;
  try {
    const load = createRequire(import.meta.url);
    const mods: Transform = {
      transformSchema: load("openapi-typescript/dist/transform/index.cjs") as OpenApiTs["transformSchema"],
      utils: load("openapi-typescript/dist/lib/utils.cjs") as Pick<OpenApiTs, "scanDiscriminators" | "resolveRef">,
      ts: load("openapi-typescript/dist/lib/ts.cjs") as Pick<OpenApiTs, "astToString">,
    };
    const ok = typeof mods.transformSchema === "function" && typeof mods.utils.scanDiscriminators === "function" && typeof mods.utils.resolveRef === "function" && typeof mods.ts.astToString === "function";
    loaded = ok ? mods : null;
  } catch {
    loaded = null;
  }
  return loaded;
}

/**
 * The transform and printer with the context openapiTS() builds for the options used above,
 * minus Redocly. Null when loadTransform() is; the caller then uses the public API.
 */
export function schemaTypesDirect(openapiJson: string): string | null {
  const mods = loadTransform();
  if (!mods) return null;
  const schema = JSON.parse(openapiJson) as Parameters<OpenApiTs["transformSchema"]>[0];
  const options = { silent: true };
  // As openapiTS() fills it in openapi-typescript 7 (src/index.ts) when only `silent` is given.
  const ctx: Parameters<OpenApiTs["transformSchema"]>[1] = {
    additionalProperties: false,
    alphabetize: false,
    arrayLength: false,
    defaultNonNullable: true,
    // scanDiscriminators walks the whole document (~10 % of the transform here) for objects
    // with a `discriminator`; without one it finds nothing: { objects: {}, refsHandled: [] }.
    // The text tells at once (a key is always written quoted; a mere mention still scans).
    discriminators: openapiJson.includes('"discriminator"') ? mods.utils.scanDiscriminators(schema, options) : { objects: {}, refsHandled: [] },
    emptyObjectsUnknown: false,
    enum: false,
    enumValues: false,
    conditionalEnums: false,
    dedupeEnums: false,
    excludeDeprecated: false,
    exportType: false,
    immutable: false,
    rootTypes: false,
    rootTypesNoSchemaPrefix: false,
    rootTypesKeepCasing: false,
    injectFooter: [],
    pathParamsAsTypes: false,
    postTransform: undefined,
    propertiesRequiredByDefault: false,
    redoc: undefined as unknown as Parameters<OpenApiTs["transformSchema"]>[1]["redoc"],
    silent: true,
    inject: undefined,
    transform: undefined,
    transformProperty: undefined,
    makePathsEnum: false,
    generatePathParams: false,
    readWriteMarkers: false,
    resolve($ref) {
      return mods.utils.resolveRef(schema, $ref, { silent: true });
    },
  };
  return mods.ts.astToString(mods.transformSchema(schema, ctx));
}

/**
 * The types for an OpenAPI document, as openapi-typescript prints them: written directly by
 * client-types-fast.ts when the document has only the shapes it knows (ours do), else by
 * openapi-typescript.
 */
export async function schemaTypes(openapiJson: string): Promise<string> {
  const fast = OPENAPI_TS_VERSION === MIRRORED_VERSION ? fastSchemaTypes(openapiJson) : null;
  if (fast !== null) return fast;
  return schemaTypesDirect(openapiJson) ?? (await schemaTypesViaApi(openapiJson));
}

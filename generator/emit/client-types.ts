// generated/client/schema.ts's types, by openapi-typescript: its transform and printer are
// called directly (schemaTypesDirect). Its public entry point (schemaTypesViaApi) would first
// load Redocly to parse, lint and bundle a document that is ours, already parsed, with only
// local $refs: that cost more than the transform itself. tests/unit/client-schema.test.ts
// checks that both ways print the same bytes.
import { createRequire } from "node:module";

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
    discriminators: mods.utils.scanDiscriminators(schema, options),
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

/** The types for an OpenAPI document, as openapi-typescript prints them. */
export async function schemaTypes(openapiJson: string): Promise<string> {
  return schemaTypesDirect(openapiJson) ?? (await schemaTypesViaApi(openapiJson));
}

// generated/client/schema.ts's types, by openapi-typescript: its transform and printer are
// called directly (schemaTypesDirect). Its public entry point (schemaTypesViaApi) would first
// load Redocly to parse, lint and bundle a document that is ours, already parsed, with only
// local $refs: that cost more than the transform itself. tests/unit/client-schema.test.ts
// checks that both ways print the same bytes.
// The bundled CLI also keeps V8's compiled code for typescript.js (9 MB) in its cache
// directory (requireWithCodeCache): loading it then takes ~90 ms instead of ~175 ms.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { Module, createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Script, constants as vmConstants } from "node:vm";
import { bundleCacheDir } from "../bundle.js";
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
/** Writes the code cache of a module loaded by requireWithCodeCache, once it has run (see below). */
let saveCodeCache: (() => void) | null = null;

/**
 * Loads the CommonJS module `id` into require's cache, compiled with V8's code cache from
 * `cacheDir` when there is one for this very file (path, size, mtime) and this Node. The cache
 * is written after the transform has run (saveCodeCache), so it also holds the functions that
 * were compiled lazily on the way. V8 itself refuses a cache made by another V8 or other flags.
 */
function requireWithCodeCache(load: NodeJS.Require, id: string, cacheDir: string): void {
  const file = load.resolve(id);
  if (load.cache[file]) return;
  const st = statSync(file);
  const key = createHash("sha256").update([file, st.size, st.mtimeMs, process.version, process.arch].join("\0")).digest("hex").slice(0, 24);
  const cacheFile = join(cacheDir, `code-${key}.bin`);
  let cached: Buffer | undefined;
  try {
    cached = readFileSync(cacheFile);
  } catch {
    cached = undefined;
  }
  // What Node's own loader wraps a CommonJS file in (on the same line, so line numbers hold).
  const source = `(function (exports, require, module, __filename, __dirname) { ${readFileSync(file, "utf8")}\n});`;
  const script = new Script(source, { filename: file, ...(cached ? { cachedData: cached } : {}), importModuleDynamically: vmConstants.USE_MAIN_CONTEXT_DEFAULT_LOADER });
  const m = new Module(file);
  m.filename = file;
  (script.runInThisContext() as (e: unknown, r: NodeJS.Require, m: Module, f: string, d: string) => void)(m.exports, createRequire(file), m, file, dirname(file));
  m.loaded = true;
  load.cache[file] = m;
  if (!cached || script.cachedDataRejected) {
    saveCodeCache = () => {
      const tmp = `${cacheFile}.${process.pid}.tmp`;
      try {
        mkdirSync(cacheDir, { recursive: true });
        writeFileSync(tmp, script.createCachedData());
        renameSync(tmp, cacheFile);
        // One is enough: those for an older typescript.js or Node are never read again.
        for (const n of readdirSync(cacheDir)) if (/^code-[0-9a-f]{24}\.bin$/.test(n) && join(cacheDir, n) !== cacheFile) rmSync(join(cacheDir, n), { force: true });
      } catch {
        rmSync(tmp, { force: true });
      }
    };
  }
}

/**
 * openapi-typescript's transform, utils and printer, loaded as CommonJS (the package ships
 * both builds): Node's ESM loader would first scan all of typescript.js for its exports,
 * ~0.25 s. Null when the files are not where version 7 keeps them.
 */
function loadTransform(): Transform | null {
  if (loaded !== undefined) return loaded;
  try {
    const load = createRequire(import.meta.url);
    const cacheDir = bundleCacheDir();
    if (cacheDir) {
      try {
        requireWithCodeCache(createRequire(load.resolve("openapi-typescript/dist/lib/ts.cjs")), "typescript", cacheDir);
      } catch {
        // openapi-typescript requires it the ordinary way below
      }
    }
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
  const types = mods.ts.astToString(mods.transformSchema(schema, ctx));
  saveCodeCache?.();
  saveCodeCache = null;
  return types;
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

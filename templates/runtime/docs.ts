// The API's own documentation, served by the app: the OpenAPI document at
// /openapi.json, Swagger UI at /docs (from the swagger-ui-dist package, served from
// this process: no CDN) and the entity-relationship diagram at /docs/erd.md.
// These routes are PUBLIC (no token): the document describes the API, it holds no data.
// "Authorize" in the page takes a bearer token; calls made from the page need one.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type Router from "@koa/router";
import type { Context } from "koa";

export interface DocsOptions {
  /** Absolute path of openapi.json. */
  readonly openapiFile: string;
  /** Absolute path of ERD.md, if there is one. */
  readonly erdFile?: string;
}

// Swagger UI needs inline styles (React style attributes); everything else is same-origin.
const DOCS_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

const ASSETS: Record<string, string> = {
  "swagger-ui.css": "text/css; charset=utf-8",
  "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
  "favicon-32x32.png": "image/png",
};

// The page's own script (no inline script, so the CSP can forbid them).
const INIT_JS = `window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({
    url: "/openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    persistAuthorization: false,
    tryItOutEnabled: true,
    displayRequestDuration: true,
  });
});
`;

const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>API docs</title>
  <link rel="icon" type="image/png" href="/docs/favicon-32x32.png">
  <link rel="stylesheet" href="/docs/swagger-ui.css">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/docs/swagger-ui-bundle.js"></script>
  <script src="/docs/init.js"></script>
</body>
</html>
`;

function swaggerUiDir(): string {
  const require = createRequire(import.meta.url);
  return dirname(require.resolve("swagger-ui-dist/package.json"));
}

/** Registers GET /openapi.json, /docs, /docs/* and /docs/erd.md (+ erd.svg): all PUBLIC, no token. */
export function docsRoutes(router: Router, opts: DocsOptions): void {
  const cache = new Map<string, Buffer>();
  const read = (file: string): Buffer => {
    let b = cache.get(file);
    if (!b) {
      b = readFileSync(file);
      cache.set(file, b);
    }
    return b;
  };
  const send = (ctx: Context, type: string, body: Buffer | string, cache = "no-cache") => {
    ctx.type = type;
    ctx.set("Cache-Control", cache);
    ctx.set("Content-Security-Policy", DOCS_CSP);
    ctx.body = body;
  };
  router.get("/openapi.json", (ctx) => {
    send(ctx, "application/json; charset=utf-8", read(opts.openapiFile));
  });
  router.get("/docs", (ctx) => send(ctx, "text/html; charset=utf-8", PAGE));
  router.get("/docs/init.js", (ctx) => send(ctx, "text/javascript; charset=utf-8", INIT_JS));
  if (opts.erdFile) {
    const erd = opts.erdFile;
    router.get("/docs/erd.md", (ctx) => send(ctx, "text/markdown; charset=utf-8", read(erd)));
    // The drawn diagram sits beside ERD.md.
    const svg = erd.replace(/\.md$/, ".svg");
    if (existsSync(svg)) router.get("/docs/erd.svg", (ctx) => send(ctx, "image/svg+xml; charset=utf-8", read(svg)));
  }
  const dir = swaggerUiDir();
  for (const [name, type] of Object.entries(ASSETS)) {
    router.get(`/docs/${name}`, (ctx) => send(ctx, type, read(join(dir, name)), "public, max-age=3600"));
  }
}

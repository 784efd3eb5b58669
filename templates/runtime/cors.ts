// CORS from an explicit allow-list (CORS_ORIGINS, comma-separated; "*" allows any
// origin without credentials). No list, no CORS headers: browsers then keep other
// origins out, which is the safe default for an API that takes bearer tokens.
import cors from "@koa/cors";
import type { Context, Middleware, Next } from "koa";

export function parseOrigins(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((s) => s.trim().replace(/\/$/, ""))
    .filter(Boolean);
}

export function corsMiddleware(origins: readonly string[]): Middleware {
  if (origins.length === 0) return async (_ctx: Context, next: Next) => next();
  const any = origins.includes("*");
  const allowed = new Set(origins);
  return cors({
    // Returning "" leaves the CORS headers off for an origin that is not listed.
    origin: (ctx: Context) => {
      const o = ctx.get("Origin");
      if (any) return "*";
      return allowed.has(o) ? o : "";
    },
    allowMethods: ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"],
    // Prefer asks a list for its total; the list's headers must reach browser code too.
    allowHeaders: ["Authorization", "Content-Type", "X-Request-Id", "Prefer"],
    exposeHeaders: ["Location", "X-Request-Id", "Retry-After", "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", "X-Total-Count", "X-Next-Cursor", "Link", "Preference-Applied"],
    maxAge: 600,
    credentials: false,
  });
}

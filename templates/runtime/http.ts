// Cross-cutting HTTP behaviour shared by every generated app.
import type { Context, Next } from "koa";

/**
 * Conservative security headers for a JSON API. A route may set its own
 * Cache-Control and Content-Security-Policy (the docs page does); the rest always apply.
 * HSTS is sent only when the request came over HTTPS (directly or, with TRUST_PROXY, via the proxy).
 */
export async function securityHeaders(ctx: Context, next: Next): Promise<void> {
  try {
    await next();
  } finally {
    ctx.set("X-Content-Type-Options", "nosniff");
    ctx.set("X-Frame-Options", "DENY");
    ctx.set("Referrer-Policy", "no-referrer");
    ctx.set("Cross-Origin-Resource-Policy", "same-origin");
    if (!ctx.response.get("Cache-Control")) ctx.set("Cache-Control", "no-store");
    if (!ctx.response.get("Content-Security-Policy")) ctx.set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
    if (ctx.secure) ctx.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  }
}

// Cross-cutting HTTP behaviour shared by every generated app.
import type { Context, Next } from "koa";

/** Conservative security headers for a JSON API. */
export async function securityHeaders(ctx: Context, next: Next): Promise<void> {
  await next();
  ctx.set("X-Content-Type-Options", "nosniff");
  ctx.set("X-Frame-Options", "DENY");
  ctx.set("Referrer-Policy", "no-referrer");
  ctx.set("Cache-Control", "no-store");
  ctx.set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
}

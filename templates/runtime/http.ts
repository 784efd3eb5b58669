// Cross-cutting HTTP behaviour shared by every generated app.
import { createServer, type Server } from "node:http";
import type { Duplex } from "node:stream";
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
    // On the response itself (ctx.set is the same with a few more calls, on every request).
    const res = ctx.res;
    if (!res.headersSent) {
      res.setHeader("X-Content-Type-Options", "nosniff");
      res.setHeader("X-Frame-Options", "DENY");
      res.setHeader("Referrer-Policy", "no-referrer");
      res.setHeader("Cross-Origin-Resource-Policy", "same-origin");
      if (!res.hasHeader("Cache-Control")) res.setHeader("Cache-Control", "no-store");
      if (!res.hasHeader("Content-Security-Policy")) res.setHeader("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
      if (isSecure(ctx)) res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    }
  }
}

/** Whether the request came over HTTPS; false once the client's socket is gone (Koa reads it from the socket). */
function isSecure(ctx: Context): boolean {
  const socket = ctx.req.socket as (typeof ctx.req.socket | null);
  if (!socket || socket.destroyed) return false;
  return ctx.secure;
}

const CLIENT_ERROR_STATUS: Record<string, [number, string, string]> = {
  HPE_HEADER_OVERFLOW: [431, "Request Header Fields Too Large", "the request headers are too large (a bearer token must be under 8 KiB)"],
};

/**
 * Requests Node refuses before Koa sees them (headers over its 16 KiB limit, such as a
 * 64 KiB bearer token, or unparsable HTTP) are answered with problem+json too, never
 * with Node's bare status line.
 */
export function answerClientErrors(server: Server): Server {
  server.on("clientError", (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (!socket.writable || (socket as Duplex & { _httpMessage?: unknown })._httpMessage) {
      socket.destroy();
      return;
    }
    const [status, title, detail] = CLIENT_ERROR_STATUS[err.code ?? ""] ?? [400, "Bad Request", "the request is not valid HTTP"];
    const body = JSON.stringify({ type: "about:blank", title, status, detail });
    socket.end(
      `HTTP/1.1 ${status} ${title}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${body}`,
    );
  });
  return server;
}

/**
 * Headers up to this size reach the app, so an oversized bearer token is refused by the
 * token check (401 with WWW-Authenticate) rather than by Node's 16 KiB default. Larger
 * requests still get a problem+json 431 from answerClientErrors.
 */
export const MAX_HEADER_BYTES = 128 * 1024;

/** The HTTP server for a Koa app: a raised header limit and problem+json for malformed requests. */
export function createHttpServer(app: { callback(): Parameters<typeof createServer>[1] }): Server {
  return answerClientErrors(createServer({ maxHeaderSize: MAX_HEADER_BYTES }, app.callback()));
}

// HTTP over a bare socket, for requests fetch cannot make: two headers of one name, bytes
// that are not UTF-8, chunked bodies past the limit, a client that leaves mid-body, methods
// fetch refuses (TRACE). The answer is read until the server closes the connection.
import { connect } from "node:net";

export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** The request line and headers (Host added), ready for a body. */
export function requestHead(method: string, path: string, headers: readonly string[]): Buffer {
  return Buffer.from([`${method} ${path} HTTP/1.1`, "Host: x", ...headers, "", ""].join("\r\n"), "latin1");
}

/** One chunk of a chunked body. */
export function chunk(data: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${data.length.toString(16)}\r\n`), data, Buffer.from("\r\n")]);
}

/**
 * Sends `parts` over a fresh socket (yielding between them) and reads the answer until the
 * server closes the connection; null when no complete status line came back (the server
 * reset the connection, or `abort` left first). `abort`: destroy the socket after the parts
 * instead of ending it; `halfClose`: end the sending side and wait for the answer.
 */
export function rawExchange(port: number, parts: readonly Buffer[], opts: { abort?: boolean; timeoutMs?: number } = {}): Promise<RawAnswer | null> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    const got: Buffer[] = [];
    const timer = setTimeout(() => socket.destroy(), opts.timeoutMs ?? 20_000);
    socket.on("data", (d) => got.push(d));
    socket.on("error", () => {});
    socket.on("close", () => {
      clearTimeout(timer);
      resolve(parseAnswer(Buffer.concat(got).toString("latin1")));
    });
    socket.on("connect", async () => {
      for (const p of parts) {
        if (socket.destroyed) break;
        socket.write(p);
        await new Promise((r) => setImmediate(r));
      }
      if (opts.abort) setTimeout(() => socket.destroy(), 50);
      else if (!socket.destroyed) socket.end();
    });
  });
}

function parseAnswer(text: string): RawAnswer | null {
  const m = /^HTTP\/1\.1 (\d{3})[^\r]*\r\n([\s\S]*?)\r\n\r\n([\s\S]*)$/.exec(text);
  if (!m) return null;
  const headers: Record<string, string> = {};
  for (const line of m[2]!.split("\r\n")) {
    const i = line.indexOf(":");
    headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
  }
  let body = m[3]!;
  if (/chunked/i.test(headers["transfer-encoding"] ?? "")) {
    let out = "";
    for (let rest = body; rest.length > 0; ) {
      const nl = rest.indexOf("\r\n");
      const size = parseInt(rest.slice(0, nl), 16);
      if (!size) break;
      out += rest.slice(nl + 2, nl + 2 + size);
      rest = rest.slice(nl + 2 + size + 2);
    }
    body = out;
  }
  return { status: Number(m[1]), headers, body: Buffer.from(body, "latin1").toString("utf8") };
}

// A real TCP proxy in front of PostgreSQL that can cut every open connection and
// refuse the next N new ones: the database "restarting" or "failing over", for tests
// of retry behaviour without any mocked driver.
import net from "node:net";
import type { AddressInfo } from "node:net";

export interface FlakyProxy {
  readonly port: number;
  /** Connections accepted then closed at once (before any byte reaches PostgreSQL). */
  refuseNext(n: number): void;
  /** Cut every connection that is open now. */
  cutAll(): void;
  readonly refused: number;
  close(): Promise<void>;
}

export async function startFlakyProxy(targetPort = 5432, targetHost = "127.0.0.1"): Promise<FlakyProxy> {
  let toRefuse = 0;
  let refused = 0;
  const open = new Set<net.Socket>();
  const server = net.createServer((client) => {
    if (toRefuse > 0) {
      toRefuse--;
      refused++;
      client.destroy();
      return;
    }
    const upstream = net.connect(targetPort, targetHost);
    open.add(client);
    open.add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on("error", drop).on("close", drop);
    upstream.on("error", drop).on("close", drop);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    refuseNext(n) {
      toRefuse = n;
    },
    cutAll() {
      for (const s of open) s.destroy();
      open.clear();
    },
    get refused() {
      return refused;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of open) s.destroy();
        server.close(() => resolve());
      }),
  };
}

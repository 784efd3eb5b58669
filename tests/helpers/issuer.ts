// A real token issuer for tests: jose-generated Ed25519 keys published as a JWKS over a
// real local HTTP server that counts how often it is fetched, like Better Auth's
// /api/auth/jwks. Keys can be rotated and the server can be made to fail.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { randomBytes } from "node:crypto";
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from "jose";

interface IssuerKey {
  readonly kid: string;
  readonly privateKey: CryptoKey;
  readonly publicJwk: JWK;
}

export interface SignOptions {
  kid?: string;
  /** Sign with this key instead (e.g. one not in the published set). */
  key?: IssuerKey;
  claims?: Record<string, unknown>;
  subject?: string | null;
  issuer?: string | null;
  audience?: string | null;
  exp?: number | null;
  nbf?: number;
}

export interface TestIssuer {
  /** Base URL, also the iss/aud the tokens carry (as Better Auth does). */
  readonly url: string;
  readonly jwksUrl: string;
  /** How many times the key set was requested. */
  readonly fetches: number;
  /** Answer the key set with this status (200 = normal). */
  status: number;
  sign(sub: string | null, opts?: SignOptions): Promise<string>;
  /** Publishes a new key (old ones stay) and returns it. */
  rotate(): Promise<IssuerKey>;
  /** A key that is not published. */
  strayKey(): Promise<IssuerKey>;
  readonly keys: readonly IssuerKey[];
  close(): Promise<void>;
}

async function newKey(): Promise<IssuerKey> {
  const { privateKey, publicKey } = await generateKeyPair("EdDSA", { crv: "Ed25519" });
  const kid = randomBytes(12).toString("base64url");
  return { kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: "EdDSA" } };
}

export async function startIssuer(): Promise<TestIssuer> {
  const keys: IssuerKey[] = [await newKey()];
  let fetches = 0;
  const state = { status: 200 };
  const server: Server = createServer((req, res) => {
    if (req.url === "/api/auth/jwks") {
      fetches++;
      if (state.status !== 200) {
        res.writeHead(state.status).end("unavailable");
        return;
      }
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ keys: keys.map((k) => k.publicJwk) }));
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    jwksUrl: `${url}/api/auth/jwks`,
    get fetches() {
      return fetches;
    },
    get status() {
      return state.status;
    },
    set status(v: number) {
      state.status = v;
    },
    get keys() {
      return keys;
    },
    async sign(sub, opts = {}) {
      const key = opts.key ?? keys[keys.length - 1]!;
      const now = Math.floor(Date.now() / 1000);
      const jwt = new SignJWT({ ...(opts.claims ?? {}) }).setProtectedHeader({ alg: "EdDSA", kid: opts.kid ?? key.kid }).setIssuedAt(now);
      if (sub !== null) jwt.setSubject(sub);
      if (opts.issuer !== null) jwt.setIssuer(opts.issuer ?? url);
      if (opts.audience !== null) jwt.setAudience(opts.audience ?? url);
      if (opts.exp !== null) jwt.setExpirationTime(opts.exp ?? now + 900);
      if (opts.nbf !== undefined) jwt.setNotBefore(opts.nbf);
      return jwt.sign(key.privateKey);
    },
    async rotate() {
      const k = await newKey();
      keys.push(k);
      return k;
    },
    strayKey: newKey,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

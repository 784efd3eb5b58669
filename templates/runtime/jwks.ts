// A remote JSON Web Key Set (e.g. Better Auth's /api/auth/jwks), fetched with care for
// the issuer: keys are fetched once and cached. A token whose `kid` the set does not hold
// may carry a freshly rotated key: a kid not seen before gets one prompt refetch (at most one
// per `kidGapMs`, so a flood of made-up kids costs the issuer one fetch a second); a kid that
// already had its refetch waits for the cooldown like every other fetch. Failed fetches back
// off by the cooldown, and only one fetch is ever in flight. Each key
// is imported once per fetched set (jose's local set caches the imported keys).
import { createLocalJWKSet, errors as joseErrors, type JSONWebKeySet, type JWTVerifyGetKey } from "jose";

export interface RemoteKeySetOptions {
  /** Minimum time between two fetches, whatever triggers them. Default 30 s. */
  cooldownMs?: number;
  /** After this long the set is refetched on the next request (kept if that fails). Default 10 min. */
  maxAgeMs?: number;
  /** Default 5 s. */
  timeoutMs?: number;
  /** Larger responses are refused. Default 256 KiB. */
  maxBytes?: number;
  /** Minimum time between two refetches for kids not seen before (key rotation). Default 1 s. */
  kidGapMs?: number;
}

/** Kids remembered as having had their prompt refetch (then forgotten all at once). */
const MAX_TRIED_KIDS = 1024;

/** The issuer's keys could not be fetched (answered 503, not 401). */
export class KeySetUnavailable extends Error {
  override readonly name = "KeySetUnavailable";
}

export interface RemoteKeySet extends JWTVerifyGetKey {
  /** Fetch now (unless one is in flight or the cooldown forbids it); resolves when done. */
  refresh(): Promise<void>;
}

export function createRemoteKeySet(url: URL, opts: RemoteKeySetOptions = {}): RemoteKeySet {
  const cooldownMs = opts.cooldownMs ?? 30_000;
  const maxAgeMs = opts.maxAgeMs ?? 10 * 60_000;
  const timeoutMs = opts.timeoutMs ?? 5_000;
  const maxBytes = opts.maxBytes ?? 256 * 1024;
  const kidGapMs = opts.kidGapMs ?? 1_000;
  const triedKids = new Map<string, number>(); // kid -> when its prompt refetch started
  let local: ReturnType<typeof createLocalJWKSet> | undefined;
  let fetchedAt = -Infinity; // last successful fetch
  let attemptedAt = -Infinity; // last fetch started, successful or not
  let lastError: unknown;
  let pending: Promise<void> | undefined;

  /** Starts a fetch unless one is in flight or the last started less than `gapMs` ago; the fetch (or nothing). */
  const load = (gapMs = cooldownMs): Promise<void> => {
    if (pending) return pending;
    if (Date.now() - attemptedAt < gapMs) return Promise.resolve();
    attemptedAt = Date.now();
    pending = fetchKeySet(url, timeoutMs, maxBytes)
      .then((jwks) => {
        local = createLocalJWKSet(jwks);
        fetchedAt = Date.now();
        lastError = undefined;
      })
      .catch((err: unknown) => {
        lastError = err;
      })
      .finally(() => {
        pending = undefined;
      });
    return pending;
  };

  const getKey = async (header: Parameters<JWTVerifyGetKey>[0], token: Parameters<JWTVerifyGetKey>[1]) => {
    if (!local || Date.now() - fetchedAt > maxAgeMs) await load();
    // A stale set is still used while the issuer cannot be reached.
    if (!local) throw new KeySetUnavailable(`the key set at ${url.origin} could not be fetched: ${describe(lastError)}`);
    try {
      return await local(header, token);
    } catch (err) {
      if (!(err instanceof joseErrors.JWKSNoMatchingKey)) throw err;
      // An unknown kid may be a freshly rotated key: refetch now if this kid never had its
      // prompt refetch (and none started within kidGapMs); otherwise at most once per cooldown.
      const before = local;
      const kid = typeof header.kid === "string" ? header.kid : "";
      const tried = triedKids.get(kid);
      const fresh = kid !== "" && (tried === undefined || Date.now() - tried >= cooldownMs);
      const wasAttempted = attemptedAt;
      await load(fresh ? kidGapMs : cooldownMs);
      if (fresh && attemptedAt !== wasAttempted) {
        if (triedKids.size >= MAX_TRIED_KIDS) triedKids.clear();
        triedKids.set(kid, attemptedAt);
      }
      if (local === before) throw err;
      return await local(header, token);
    }
  };
  return Object.assign(getKey, { refresh: () => load() }) as RemoteKeySet;
}

async function fetchKeySet(url: URL, timeoutMs: number, maxBytes: number): Promise<JSONWebKeySet> {
  const res = await fetch(url, { redirect: "error", signal: AbortSignal.timeout(timeoutMs), headers: { accept: "application/jwk-set+json, application/json" } });
  if (res.status !== 200) {
    await res.body?.cancel();
    throw new Error(`HTTP ${res.status}`);
  }
  const declared = Number(res.headers.get("content-length") ?? "0");
  if (declared > maxBytes) {
    await res.body?.cancel();
    throw new Error(`response larger than ${maxBytes} bytes`);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of res.body ?? []) {
    size += (chunk as Uint8Array).byteLength;
    if (size > maxBytes) throw new Error(`response larger than ${maxBytes} bytes`);
    chunks.push(chunk as Uint8Array);
  }
  const json: unknown = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  if (!json || typeof json !== "object" || !Array.isArray((json as { keys?: unknown }).keys)) throw new Error("response is not a JSON Web Key Set");
  // Only public signing keys: a symmetric ("oct") key in a public set is never trusted.
  const keys = ((json as { keys: unknown[] }).keys).filter(
    (k): k is JSONWebKeySet["keys"][number] => !!k && typeof k === "object" && (k as { kty?: unknown }).kty !== "oct" && !("d" in k),
  );
  return { keys };
}

function describe(err: unknown): string {
  if (err instanceof Error) return err.name === "TimeoutError" ? "timed out" : err.message;
  return "unknown error";
}

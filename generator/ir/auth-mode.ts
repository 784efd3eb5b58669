// The spec's authentication line: external (which provider) or built-in.
import type { RawText } from "../parse/raw.js";
import type { BuildContext } from "./build-context.js";

/** "external (Better Auth)", "Better Auth", "built-in": the spec's authentication line. */
export function buildAuthMode(cx: BuildContext, raw: RawText | undefined): { mode: "external" | "builtin"; provider?: string } {
  if (!raw) return { mode: "external" };
  const text = raw.text.replace(/[`*_]/g, "").trim();
  const named = /\(([^)]+)\)/.exec(text)?.[1]?.trim();
  const known = /\b(better[- ]?auth|auth0|clerk|supabase|keycloak|firebase|cognito|okta|workos|stack ?auth)\b/i.exec(text)?.[0];
  if (/^(built[- ]?in|builtin|internal|own|local|self[- ]?hosted)\b/i.test(text)) {
    cx.note(raw.span, "built-in authentication: the app registers users and issues its own tokens (POST /api/auth/register, login, refresh, logout)");
    return { mode: "builtin" };
  }
  if (/^(external|jwt|jwks|oidc|oauth|third[- ]party|bearer)\b/i.test(text) || known) {
    const provider = named ?? (known ? canonicalProvider(known) : undefined);
    return { mode: "external", ...(provider ? { provider } : {}) };
  }
  cx.diag("warning", "SF211", `authentication mode "${raw.text}" is not understood; tokens from an external issuer are assumed`, raw.span,
    'write "Authentication: external (Better Auth)" or "Authentication: built-in"');
  return { mode: "external" };
}

function canonicalProvider(name: string): string {
  return /better/i.test(name) ? "Better Auth" : name;
}

// How the app records a user it first meets through a token (external auth): which
// identity-table columns come from token claims, and which required columns the token
// cannot supply and so get a stated placeholder. validate-ir warns about the
// placeholders (SF123); emit-app writes the plan into the generated app.
import type { Column, IR, Table } from "./types.js";
import { privilegeColumn } from "./ownership.js";

/** The values of a privilege enum that grant the least, in the order tried ("role: user | admin" -> "user"). */
const LEAST = ["user", "member", "viewer", "reader", "guest", "basic", "free", "standard", "regular", "customer", "student", "player", "participant", "employee", "pending", "unverified"];

/** Values that grant much: never the one a recorded user gets when the values name another. */
const STRONG = /^(admin|administrator|super_?admin|superuser|root|owner|moderator|mod|staff|manager|supervisor|director|editor|lead|chief|head|boss|master|operator|maintainer)$/i;

/** The value of a privilege enum a user gets when the app records them: the least one it names, else the first that is not a strong one. */
export function leastValue(values: readonly string[]): string {
  return LEAST.map((w) => values.find((v) => v.toLowerCase() === w)).find((v) => v !== undefined) ?? values.find((v) => !STRONG.test(v)) ?? values[0]!;
}

export type Filler = "empty" | "false" | "zero" | "now" | "email-placeholder" | "user-id" | { readonly value: string };

export interface IdentityPlan {
  /** column -> claim and the longest value that fits */
  readonly claims: Record<string, { claim: string; maxLength: number }>;
  /** required columns no claim fills -> what is stored instead */
  readonly fillers: Record<string, Filler>;
  /** required columns nothing sensible can fill (the recorder cannot work) */
  readonly unfillable: readonly Column[];
}

const CLAIM_COLUMNS: Record<string, string> = { email: "email", name: "name", image: "picture", avatar_url: "picture", email_verified: "email_verified" };

function maxLen(c: Column): number {
  return (c.type.kind === "string" ? c.type.maxLength : undefined) ?? c.maxLength ?? 255;
}

export function identityPlan(t: Table): IdentityPlan {
  // How long a user id can be: a uuid's 36 characters, a number's 20, else assume 64.
  const key = t.columns.find((c) => c.name === t.primaryKey)?.type.kind;
  const idLength = key === "uuid" ? 36 : key === "integer" || key === "bigint" ? 20 : 64;
  const claims: Record<string, { claim: string; maxLength: number }> = {};
  const fillers: Record<string, Filler> = {};
  const unfillable: Column[] = [];
  // A column a CHECK names ("Role IN (1, 2, 3, 4)") may refuse any placeholder: none is guessed for it.
  const checked = new Set((t.checks ?? []).flatMap((k) => k.columns));
  for (const c of t.columns) {
    if (c.name === t.primaryKey) continue;
    const textual = c.type.kind === "string" || c.type.kind === "text";
    const claim = CLAIM_COLUMNS[c.name];
    if (claim && textual) claims[c.name] = { claim, maxLength: maxLen(c) };
    if (c.nullable || c.default) continue;
    // A required reference to another table ("prefecture_id NOT NULL REFERENCES prefectures"):
    // no placeholder names a row that exists, so the user creates their own row, choosing it.
    if (c.references && c.references.table !== t.name) {
      unfillable.push(c);
      continue;
    }
    // A role the token does not state (users.role, no default): the least one, never one the user picks (their own row would pick admin).
    if (c.type.kind === "enum" && privilegeColumn(c) && !checked.has(c.name)) {
      fillers[c.name] = { value: leastValue(c.type.values) };
      continue;
    }
    const numeric = c.type.kind === "integer" || c.type.kind === "bigint" || c.type.kind === "float" || c.type.kind === "decimal";
    if (checked.has(c.name) || (numeric && ((c.minimum ?? 0) > 0 || (c.maximum ?? 0) < 0 || (c.exclusiveMinimum ?? -1) >= 0 || (c.exclusiveMaximum ?? 1) <= 0))) {
      unfillable.push(c);
      continue;
    }
    if (textual && c.name.includes("email")) fillers[c.name] = "email-placeholder";
    else if (textual && (c.unique || (c.minLength ?? 0) > 0)) {
      // One empty placeholder for every user would collide (unique) or be too short: the user's
      // own id is unique and not empty, where it fits and no pattern or format says otherwise.
      if (c.pattern === undefined && c.format === undefined && maxLen(c) >= idLength && (c.minLength ?? 0) <= 8) fillers[c.name] = "user-id";
      else unfillable.push(c);
    } else if (textual && (c.pattern !== undefined || c.format !== undefined)) unfillable.push(c);
    else if (textual) fillers[c.name] = "empty";
    else if (c.type.kind === "boolean") fillers[c.name] = "false";
    else if (c.type.kind === "integer" || c.type.kind === "bigint" || c.type.kind === "float" || c.type.kind === "decimal") fillers[c.name] = "zero";
    else if (c.type.kind === "timestamp") fillers[c.name] = "now";
    else unfillable.push(c);
  }
  return { claims, fillers, unfillable };
}

export function describeFiller(f: Filler): string {
  if (typeof f === "object") return `${JSON.stringify(f.value)} (the least the values grant; the user cannot set it)`;
  switch (f) {
    case "empty":
      return "an empty string";
    case "false":
      return "false";
    case "zero":
      return "0";
    case "now":
      return "the current time";
    case "email-placeholder":
      return '"<user id>@users.invalid" unless the token has an email claim';
    case "user-id":
      return "their user id";
  }
}

/**
 * The form a user id takes: the users table's key type, or without a users table the owner
 * columns' type when they agree. "uuid" / "integer" / "bigint" ids are checked on every token.
 */
export function userIdKind(ir: IR): "uuid" | "integer" | "bigint" | null {
  const identity = ir.tables.find((t) => t.identity);
  const owners = new Set(ir.tables.flatMap((t) => t.columns.filter((c) => c.name === t.owner).map((c) => c.type.kind)));
  const kind = identity ? identity.columns.find((c) => c.name === identity.primaryKey)?.type.kind : owners.size === 1 ? [...owners][0] : undefined;
  return kind === "uuid" || kind === "integer" || kind === "bigint" ? kind : null;
}

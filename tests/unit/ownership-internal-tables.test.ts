// A table that belongs to no user, that the spec does not call shared, and that keeps a secret
// (a token, a code's hash): the app's own bookkeeping. Read-only sharing would let every signed-in
// user read every other user's secret, so no route serves it (SF137 at the secret column; an
// endpoint the spec writes on it answers 501, SF223). What is not a secret, a table the spec
// calls shared, and a table someone owns keep their reading.
import { describe, expect, it } from "vitest";
import { load } from "./helpers.js";
import type { FrontResult } from "../../generator/front.js";

function table(r: FrontResult, name: string) {
  const t = r.ir?.tables.find((x) => x.name === name);
  if (!t) throw new Error(`no table ${name}; tables ${r.ir?.tables.map((x) => x.name).join(", ")}`);
  return t;
}

const SCHEMA = `## users
| column | type | constraints |
|---|---|---|
| id | uuid | primary key |
| email | text | not null, unique |

## login_links
| column | type | constraints |
|---|---|---|
| id | uuid | primary key |
| email | text | not null |
| link_secret | text | not null |
| expires_at | timestamptz | not null |

## kiosk_pairings
| column | type | constraints |
|---|---|---|
| id | uuid | primary key |
| kiosk_name | text | not null |
| pin_hash | text | not null |

## model_prices
| column | type | constraints |
|---|---|---|
| id | uuid | primary key |
| model | text | not null |
| tokens_used | integer | not null |
| token | integer | not null |

## sessions
| column | type | constraints |
|---|---|---|
| id | uuid | primary key |
| user_id | uuid | not null, FK → users.id |
| refresh_token | text | not null |
`;

describe("a table of no user's that keeps secrets", () => {
  it("is internal: no standard route, SF137 at the secret", async () => {
    const r = await load(SCHEMA);
    for (const [name, col] of [["login_links", "link_secret"], ["kiosk_pairings", "pin_hash"]] as const) {
      expect(table(r, name).internal).toBe(true);
      expect(r.ir!.endpoints.filter((e) => e.table === name)).toHaveLength(0);
      const w = r.diagnostics.find((d) => d.code === "SF137" && d.message.includes(`"${name}"`));
      expect(w?.message).toContain(`"${col}"`);
    }
  });

  it("keeps a count of tokens and an owned token as they were", async () => {
    const r = await load(SCHEMA);
    expect(table(r, "model_prices").internal).toBeUndefined();
    expect(table(r, "model_prices").shared).toBe("read");
    expect(table(r, "sessions").internal).toBeUndefined();
    expect(table(r, "sessions").owner).toBe("user_id");
  });

  it("answers 501 on an endpoint the spec writes on it (SF223)", async () => {
    const r = await load(SCHEMA, "### GET /api/login-links\n\nList the pending links.\n");
    const e = r.ir!.endpoints.find((x) => x.table === "login_links");
    expect(e?.action.kind).toBe("stub");
    expect(r.diagnostics.some((d) => d.code === "SF223")).toBe(true);
  });

  it("stays shared for reading when the spec says so", async () => {
    const r = await load(SCHEMA.replace("| expires_at | timestamptz | not null |\n", "| expires_at | timestamptz | not null |\n\nShared: read-only\n"));
    expect(table(r, "login_links").internal).toBeUndefined();
    expect(table(r, "login_links").shared).toBe("read");
  });
});

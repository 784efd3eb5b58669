// A router's prefix stated in the text of its section ("Prefix: `/baskets`", "Base path: /baskets")
// over endpoint headings whose paths are relative to it ("### GET /", "### PATCH /{basket_id}"), as
// FastAPI and Express API docs write one section per router. Before, every section's prefix was
// pooled into one document-wide base URL; prefixes that differed cancelled out, and every route
// became "GET /" or "GET /{basket_id}" answering 501.
import { describe, expect, it } from "vitest";
import { load } from "./helpers.js";

const SCHEMA = `# Shop

## users

| Column | Type | Notes |
|---|---|---|
| id | uuid | primary key |

## baskets

| Column | Type | Notes |
|---|---|---|
| id | serial | primary key |
| user_id | uuid | references users |
| label | varchar(40) | |

## coupons

| Column | Type | Notes |
|---|---|---|
| id | serial | primary key |
| user_id | uuid | references users |
| code | varchar(12) | |
`;

const API = `# Shop API

Server: \`https://shop.example.test\`

## Baskets

Prefix: \`/baskets\`

### \`GET /\`

The caller's baskets.

### \`POST /\`

Opens a basket.

### \`PATCH /{basket_id}\`

Renames a basket.

### \`GET /baskets/{basket_id}\`

Written from the prefix's own word: kept as written.

## Coupons

Base path: /coupons

### DELETE /{coupon_id}

Throws a coupon away.
`;

describe("a prefix stated inside a section", () => {
  it("puts that section's relative endpoint paths under it, each section its own", async () => {
    const r = await load(SCHEMA, API);
    const routes = r.ir!.endpoints.map((e) => `${e.method} ${e.path} ${e.action.kind}`);
    expect(routes).toContain("get /baskets list");
    expect(routes).toContain("post /baskets create");
    expect(routes).toContain("patch /baskets/{basket_id} update");
    expect(routes).toContain("get /baskets/{basket_id} get");
    expect(routes).toContain("delete /coupons/{coupon_id} delete");
    expect(routes.filter((p) => p.includes("/baskets/baskets"))).toEqual([]);
    expect(r.ir!.endpoints.filter((e) => e.action.kind === "stub")).toEqual([]);
  });

  it("still reads a base URL stated in a section of its own as every endpoint's prefix", async () => {
    const r = await load(SCHEMA, `# API\n\n## Base URL\n\n\`/api/v3\`\n\n## Baskets\n\n### GET /baskets\n\n### DELETE /coupons/{id}\n`);
    const routes = r.ir!.endpoints.map((e) => `${e.method} ${e.path}`);
    expect(routes).toContain("get /api/v3/baskets");
    expect(routes).toContain("delete /api/v3/coupons/{id}");
  });
});

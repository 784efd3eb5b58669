// An endpoint table under a heading that names its router's mount point ("### Orders (`/api/orders`)")
// whose rows give paths below it ("GET /", "GET /:id/lines"), as Express-style API docs write them.
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

## basket_lines

| Column | Type | Notes |
|---|---|---|
| id | serial | primary key |
| basket_id | integer | references baskets |
| sku | varchar(20) | |
`;

describe("endpoint rows under a heading naming their mount point", () => {
  it("reads each row's path under the path the heading names", async () => {
    const r = await load(SCHEMA, `# API

### Baskets (\`/api/baskets\`)

| Method | Endpoint | Description |
|---|---|---|
| GET | \`/\` | my baskets |
| POST | \`/\` | new basket |
| GET | \`/:basketId/lines\` | its lines |

### Lines — /api/basket-lines

| Method | Endpoint | Description |
|---|---|---|
| DELETE | /api/basket-lines/:id | already under it |
| GET | /basket-lines | starts with the mount point's own word |
`);
    const paths = r.ir!.endpoints.map((e) => `${e.method} ${e.path} ${e.action.kind}`);
    expect(paths).toContain("get /api/baskets list");
    expect(paths).toContain("post /api/baskets create");
    expect(paths).toContain("get /api/baskets/{basketId}/lines list");
    expect(paths).toContain("delete /api/basket-lines/{id} delete");
    expect(paths.some((p) => p.startsWith("get /api/basket-lines/basket-lines"))).toBe(false);
  });
});

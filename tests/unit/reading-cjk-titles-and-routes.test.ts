// Two habits of specs written in Chinese, Japanese or Korean. A document title naming the app
// beside the words for database design ("## 记账本（LedgerApp）数据库设计（V2）") is no table: before,
// the identifier in it made a table "ledger_app" of the conventions under it (its common fields).
// And a route in code followed by a full-width colon and its summary ("- `GET /api/bills`：列出账单")
// is that route: before, the summary became part of the path and the route answered 501.
import { describe, expect, it } from "vitest";
import { load } from "./helpers.js";

const SCHEMA = `## 记账本（LedgerApp）数据库设计（V2）

### 1. 约定

- 所有表包含公共字段：
  - \`id\`：主键，自增
  - \`created_at\`：创建时间

### 2. 用户表 \`users\`

- \`id\` BIGINT PK
- \`email\` VARCHAR(120) 邮箱（唯一）

### 3. 账单表 \`bills\`

- \`id\` BIGINT PK
- \`user_id\` BIGINT 所属用户（FK -> users.id）
- \`amount\` DECIMAL(10,2) 金额
`;

describe("CJK document titles and routes", () => {
  it("makes no table of a title naming the app beside the words for database design", async () => {
    const r = await load(SCHEMA);
    expect(r.ir!.tables.map((t) => t.name).sort()).toEqual(["bills", "users"]);
  });

  it("ends a route at a full-width colon", async () => {
    const r = await load(SCHEMA, `## 账单接口\n\n- \`GET /api/bills\`：列出我的账单\n- \`POST /api/bills\`：新建账单\n- \`DELETE /api/bills/{id}\`：删除\n`);
    expect(r.ir!.endpoints.map((e) => `${e.method} ${e.path} ${e.action.kind}`)).toEqual(expect.arrayContaining(["get /api/bills list", "post /api/bills create", "delete /api/bills/{id} delete"]));
  });
});

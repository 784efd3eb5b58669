// Rules written after a Mermaid attribute, as diagrams drawn from Django or SQL models write
// them: "(<=50, unique)", "(>=1)", "(default: x)", and "FK -> PLAY.id (CASCADE)". Each is read
// as the constraint it says and enforced like any other.
import { describe, expect, it } from "vitest";
import { load } from "./helpers.js";

const SPEC = `# Schema

\`\`\`mermaid
erDiagram
    USER ||--o{ BOOKING : makes
    HALL ||--o{ BOOKING : holds

    USER {
        bigint id PK
        varchar email (unique)
    }

    HALL {
        bigint id PK
        varchar name (<=20, unique)
        int rows (>=1)
        int seats (>=1, <=500)
        varchar note (default: draft)
    }

    BOOKING {
        bigint id PK
        bigint user_id FK -> USER.id (CASCADE)
        bigint hall_id FK -> HALL.id (SET NULL)
        varchar title (<=80)
    }
\`\`\`
`;

describe("Mermaid attributes with rules after them", () => {
  it("reads lengths, ranges, uniqueness, defaults and the key's target with its on-delete", async () => {
    const r = await load(SPEC);
    expect(r.diagnostics.filter((d) => d.severity === "error" || d.code === "SF113" || d.code === "SF108")).toEqual([]);
    const col = (t: string, c: string) => r.ir!.tables.find((x) => x.name === t)!.columns.find((x) => x.name === c)!;
    expect(col("hall", "name")).toMatchObject({ maxLength: 20, unique: true });
    expect(col("hall", "rows").minimum).toBe(1);
    expect(col("hall", "seats")).toMatchObject({ minimum: 1, maximum: 500 });
    expect(col("hall", "note").default).toEqual({ kind: "literal", value: "draft" });
    expect(col("booking", "user_id").references).toEqual({ table: "user", column: "id", onDelete: "cascade" });
    expect(col("booking", "hall_id").references).toEqual({ table: "hall", column: "id", onDelete: "set null" });
    expect(col("booking", "title").maxLength).toBe(80);
    expect(r.ir!.tables.find((x) => x.name === "booking")!.owner).toBe("user_id");
  });
});

describe("a relationship line whose label names the key column", () => {
  it("USER ||--o{ EVENT : hosts links event.host_id", async () => {
    const r = await load("# Schema\n\n```mermaid\nerDiagram\n    USER ||--o{ EVENT : hosts\n    USER {\n        string id PK\n    }\n    EVENT {\n        string id PK\n        string host_id\n        string title\n    }\n```\n");
    expect(r.diagnostics.filter((d) => d.code === "SF113")).toEqual([]);
    const ev = r.ir!.tables.find((t) => t.name === "event")!;
    expect(ev.columns.find((c) => c.name === "host_id")!.references).toMatchObject({ table: "user", column: "id" });
    expect(ev.owner).toBe("host_id");
  });
});

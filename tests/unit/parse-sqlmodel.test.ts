// SQLModel classes in a Python block read like any other column form, with exact spans.
import { describe, expect, it } from "vitest";
import { load, pos } from "./helpers.js";

const SCHEMA = [
  "# Schema",
  "",
  "```python",
  "class User(SQLModel, table=True):",
  "    id: str = Field(primary_key=True)",
  "    email: Optional[str] = None",
  "",
  "class Task(SQLModel, table=True):",
  '    __tablename__ = "tasks"',
  "    id: Optional[int] = Field(default=None, primary_key=True)",
  '    owner_id: str = Field(foreign_key="user.id", index=True)',
  "    title: str = Field(min_length=1, max_length=200)",
  "    done: bool = False",
  "    due: Optional[datetime] = None",
  "    created_at: datetime = Field(default_factory=datetime.utcnow)",
  '    owner: Optional["User"] = Relationship(back_populates="tasks")',
  "    weird: str = Field(frobnicate=3)",
  "```",
  "",
].join("\n");

describe("SQLModel classes", () => {
  it("become tables with typed, constrained columns", async () => {
    const r = await load(SCHEMA);
    expect(r.ir).not.toBeNull();
    const tasks = r.ir!.tables.find((t) => t.name === "tasks")!;
    expect(tasks.owner).toBe("owner_id");
    const col = (n: string) => tasks.columns.find((c) => c.name === n)!;
    expect(col("id")).toMatchObject({ primaryKey: true, default: { kind: "increment" }, type: { kind: "integer" } });
    expect(col("owner_id").references).toMatchObject({ table: "user", column: "id" });
    expect(col("title")).toMatchObject({ nullable: false, minLength: 1, maxLength: 200 });
    expect(col("done")).toMatchObject({ nullable: false, default: { kind: "literal", value: false }, type: { kind: "boolean" } });
    expect(col("due")).toMatchObject({ nullable: true, type: { kind: "timestamp" } });
    expect(col("created_at").default).toEqual({ kind: "now" });
    expect(tasks.columns.map((c) => c.name)).not.toContain("owner");
    expect(r.ir!.tables.find((t) => t.name === "user")!.identity).toBe(true);
  });

  it("reports a Field argument it does not understand at its place", async () => {
    const r = await load(SCHEMA);
    const d = r.diagnostics.find((x) => x.code === "SF113")!;
    expect(d.message).toMatch(/frobnicate/);
    expect(`${d.span.line}:${d.span.column}`).toBe(pos(SCHEMA, "frobnicate=3"));
  });
});

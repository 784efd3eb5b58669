// A SQLModel table class over a base class of the project's own ("class Shelf(TimestampedModel,
// table=True)"), the base not in the spec, with "__tablename__" set. Before, the class was read as
// SQLAlchemy's (a __tablename__ and unknown bases), its Field(...) columns were not understood,
// and the table was skipped (SF113) with every column it declares.
import { describe, expect, it } from "vitest";
import { load } from "./helpers.js";

describe("a SQLModel table over the project's own base class", () => {
  it("reads its fields", async () => {
    const r = await load(`# Model

\`\`\`python
from sqlmodel import Field
from app.models.base import TimestampedModel

class Shelf(TimestampedModel, table=True):
    __tablename__ = "shelf"

    id: int | None = Field(default=None, primary_key=True)
    label: str = Field(
        max_length=40,
        description="what is on it",
    )
    slots: int = Field(default=8, ge=1)
\`\`\`
`);
    expect(r.diagnostics.filter((d) => d.code === "SF113")).toEqual([]);
    const t = r.ir!.tables.find((x) => x.name === "shelf")!;
    expect(t.columns.map((c) => c.name)).toEqual(["id", "label", "slots"]);
    expect(t.columns.find((c) => c.name === "label")!.maxLength).toBe(40);
    expect(t.columns.find((c) => c.name === "slots")).toMatchObject({ minimum: 1, default: { kind: "literal", value: 8 } });
  });
});

// One table a bullet, its columns named in a row ("- **students**: first_name, email, status
// (active/left)"), with no types: the IR infers them from the names. And "Every table includes:
// `id` (UUID PK), `created_at`, `org_id` (FK → orgs)": columns every table gets.
import { describe, expect, it } from "vitest";
import { load } from "./helpers.js";

const SPEC = `# Data model

## Base model
Every table includes: \`id\` (UUID PK), \`created_at\`, \`updated_at\`, \`club_id\` (FK → clubs).

## Tables

### Core
- **clubs**: name, city, founded_year, is_active
- **users**: email, full_name, role (admin/coach/member)
- **options**: key (PK), value

### Training
- **sessions**: title, starts_at, ends_at, capacity, coach_id
- **bookings**: session_id, user_id, booked_on, notes (free text from the member)
- **waitlist**: session_id, user_id, queued at front desk
`;

describe("entity lines", () => {
  it("reads a table a bullet, infers the types, and gives every table the base columns", async () => {
    const r = await load(SPEC);
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const t = (n: string) => r.ir!.tables.find((x) => x.name === n)!;
    expect(r.ir!.tables.map((x) => x.name).sort()).toEqual(["bookings", "clubs", "options", "sessions", "users", "waitlist"]);
    const kinds = (n: string) => Object.fromEntries(t(n).columns.map((c) => [c.name, c.type.kind]));
    expect(kinds("sessions")).toMatchObject({ id: "uuid", created_at: "timestamp", club_id: "uuid", title: "text", starts_at: "timestamp", capacity: "integer" });
    expect(kinds("clubs")).toMatchObject({ founded_year: "integer", is_active: "boolean" });
    expect(t("users").columns.find((c) => c.name === "role")!.type).toEqual({ kind: "enum", values: ["admin", "coach", "member"] });
    expect(t("bookings").columns.find((c) => c.name === "booked_on")!.type.kind).toBe("date");
    expect(t("bookings").columns.find((c) => c.name === "notes")!.description).toBe("free text from the member");
    // The club's own table does not reference itself; a table with its own key gets no second one.
    expect(t("clubs").columns.map((c) => c.name)).not.toContain("club_id");
    expect(t("options").primaryKey).toBe("key");
    expect(t("options").columns.map((c) => c.name)).not.toContain("id");
    // Foreign keys from the names and the base line.
    expect(t("bookings").columns.find((c) => c.name === "session_id")!.references).toMatchObject({ table: "sessions" });
    expect(t("sessions").columns.find((c) => c.name === "club_id")!.references).toMatchObject({ table: "clubs" });
    // A piece that is no column name is said, not silently dropped.
    expect(r.diagnostics.filter((d) => d.code === "SF113").map((d) => d.message)).toEqual(['"queued at front desk" in the column list of "waitlist" is not a column name; it is ignored']);
  });

  it("a list of prose bullets with bold leads is not read as tables", async () => {
    const r = await load(`# Data model

## Roles
- **Admins**: can create clubs, invite coaches
- **Members**: book sessions, cancel them

## users
- \`id\` (uuid, PK)
- \`email\` (string, unique)
`);
    expect(r.ir!.tables.map((x) => x.name)).toEqual(["users"]);
  });
});

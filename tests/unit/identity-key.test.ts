// The users table's key is the token's subject: the app writes it from a verified token, no
// client sends it. A text rule on it ("string/UUID", a length) would refuse every user of an
// issuer whose ids have another shape, so it is left out and explain says so; a key typed
// uuid or integer still decides which subjects the app takes (tests/app: user-id-param).
import { describe, expect, it } from "vitest";
import { load } from "./helpers.js";

const spec = (userKey: string) => `# Data model

## users

- \`id\` (${userKey}) – the account
- \`email\` (string, unique)

## bookings

- \`id\` (PK, string/UUID)
- \`user_id\` (FK → users.id)
- \`note\` (string, max 200 chars)
`;

describe("the users table's key", () => {
  it("keeps no text rule of its own: the subject of any issuer is taken", async () => {
    const r = await load(spec("PK, string/UUID"));
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const users = r.ir!.tables.find((t) => t.name === "users")!;
    const id = users.columns.find((c) => c.name === "id")!;
    expect(["text", "string"]).toContain(id.type.kind);
    expect(id).not.toHaveProperty("format");
    expect(r.notes.some((n) => /"users\.id" is the token's subject .*format uuid is not checked/.test(n.message))).toBe(true);
    // Every other table's keys and rules stay as written.
    const bookings = r.ir!.tables.find((t) => t.name === "bookings")!;
    expect(bookings.owner).toBe("user_id");
    expect(bookings.columns.find((c) => c.name === "note")!.maxLength).toBe(200);
  });

  it("a key typed uuid stays a uuid", async () => {
    const r = await load(spec("PK, uuid"));
    const id = r.ir!.tables.find((t) => t.name === "users")!.columns.find((c) => c.name === "id")!;
    expect(id.type.kind).toBe("uuid");
    expect(r.notes.some((n) => /token's subject/.test(n.message))).toBe(false);
  });
});

describe("the accounts table under the app's own name", () => {
  const sql = (extra = "") => `# Data model

\`\`\`sql
CREATE TABLE studios (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  email TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  name TEXT NOT NULL
);
CREATE TABLE classes (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  studio_id UUID NOT NULL REFERENCES studios(id),
  title VARCHAR(80) NOT NULL
);
CREATE TABLE bookings (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  studio_id UUID NOT NULL REFERENCES studios(id),
  class_id UUID NOT NULL REFERENCES classes(id)
);
${extra}\`\`\`
`;

  it("is the table that keeps a password and that the other tables point at", async () => {
    const r = await load(sql());
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(r.ir!.tables.find((t) => t.identity)?.name).toBe("studios");
    expect(r.ir!.tables.find((t) => t.name === "classes")!.owner).toBe("studio_id");
    expect(r.ir!.tables.find((t) => t.name === "bookings")!.owner).toBe("studio_id");
  });

  it("not when two such tables are pointed at as often: then nothing is guessed", async () => {
    const r = await load(sql(`CREATE TABLE coaches (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  email TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL
);
CREATE TABLE rooms (id UUID PRIMARY KEY DEFAULT gen_random_uuid(), coach_id UUID REFERENCES coaches(id));
CREATE TABLE notes (id UUID PRIMARY KEY DEFAULT gen_random_uuid(), coach_id UUID REFERENCES coaches(id));
`));
    expect(r.ir?.tables.find((t) => t.identity)?.name).toBeUndefined();
  });
});

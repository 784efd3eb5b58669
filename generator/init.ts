// `specforge init`: a starter pair of spec files, written only where none exist.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

const SCHEMA = `# Database Schema

Users sign in through an external auth service; the API knows a user by the id in the
token's \`sub\` claim. Every note belongs to one user, who alone can see it.

## users

| Column     | Type         | Constraints             |
|------------|--------------|-------------------------|
| id         | text         | primary key             |
| email      | varchar(255) | unique, nullable        |
| created_at | timestamp    | not null, default now() |

## notes

- id: serial (primary key)
- user_id: text (foreign key -> users.id, on delete cascade, not null)
- title: varchar(200) (required, min length 1)
- body: text (optional, max length 10000)
- pinned: boolean (not null, default false)
- created_at: timestamp (not null, default now())
- updated_at: timestamp (not null, default now())

Indexes:
- (user_id, created_at)
`;

const ENDPOINTS = `# REST API Endpoints

All endpoints require \`Authorization: Bearer <token>\`. The \`{user_id}\` in the path
must be the token's user.

## Notes

### GET /api/{user_id}/notes
List the user's notes, newest first.

### POST /api/{user_id}/notes
Create a note.

### GET /api/{user_id}/notes/{id}
Get one note.

### PATCH /api/{user_id}/notes/{id}
Change only the given fields.

### DELETE /api/{user_id}/notes/{id}
Delete a note.

### PATCH /api/{user_id}/notes/{id}/pin
Toggle \`pinned\`.
`;

export const STARTER_FILES = {
  "database/schema.md": SCHEMA,
  "api/rest-endpoints.md": ENDPOINTS,
} as const;

export type InitResult = { ok: true; written: string[] } | { ok: false; existing: string[] };

/** Writes the starter specs into specsDir; writes nothing if any target exists. */
export function writeStarterSpecs(specsDir: string): InitResult {
  const targets = Object.keys(STARTER_FILES).map((rel) => join(specsDir, rel));
  const existing = targets.filter((p) => existsSync(p));
  // Also refuse when a YAML spec of the same kind is there: the reader would see two.
  for (const rel of ["database/schema.yaml", "database/schema.yml", "api/rest-endpoints.yaml", "api/rest-endpoints.yml"]) {
    if (existsSync(join(specsDir, rel))) existing.push(join(specsDir, rel));
  }
  if (existing.length > 0) return { ok: false, existing };
  for (const [rel, text] of Object.entries(STARTER_FILES)) {
    const p = join(specsDir, rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, text, { flag: "wx" });
  }
  return { ok: true, written: targets };
}

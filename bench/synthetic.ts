// A synthetic spec of N owned tables, each linked to the one before, in the three column
// styles in turn (bullets, GFM table, SQL), with five endpoints a table.
export function syntheticSpecs(n: number): { schema: string; api: string } {
  const s: string[] = ["# Synthetic schema", "", "## users", "", "- id: text (primary key)", "- email: varchar(255) (unique, nullable)", ""];
  const a: string[] = ["# Synthetic API", ""];
  for (let i = 1; i <= n; i++) {
    const t = `items_${String(i).padStart(3, "0")}`;
    const parent = i > 1 ? `items_${String(i - 1).padStart(3, "0")}` : null;
    s.push(`## ${t}`, "");
    if (i % 3 === 1) {
      s.push("- id: serial (primary key)", "- user_id: text (foreign key -> users.id, on delete cascade, not null)");
      s.push("- title: varchar(200) (required, min length 1)", "- done: boolean (not null, default false)");
      s.push("- kind: enum(a, b, c) (not null, default a)", "- due: timestamp (optional)");
      if (parent) s.push(`- parent_id: integer (optional, foreign key -> ${parent}.id, on delete set null)`);
      s.push("- created_at: timestamp (not null, default now())", "- updated_at: timestamp (not null, default now())", "");
    } else if (i % 3 === 2) {
      s.push("| Column | Type | Constraints |", "|---|---|---|", "| id | serial | primary key |");
      s.push("| user_id | text | not null, references users(id) on delete cascade |", "| title | varchar(200) | not null |");
      s.push("| amount | numeric(10,2) | nullable |", "| meta | jsonb | nullable |");
      if (parent) s.push(`| parent_id | integer | nullable, references ${parent}(id) on delete set null |`);
      s.push("| created_at | timestamp | not null, default now() |", "");
    } else {
      s.push("```sql", `CREATE TABLE ${t} (`, "  id SERIAL PRIMARY KEY,", "  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,");
      s.push("  title VARCHAR(200) NOT NULL,", "  score INTEGER CHECK (score >= 0),");
      if (parent) s.push(`  parent_id INTEGER REFERENCES ${parent}(id) ON DELETE SET NULL,`);
      s.push("  created_at TIMESTAMPTZ NOT NULL DEFAULT NOW()", ");", `CREATE INDEX idx_${t}_user ON ${t}(user_id, created_at);`, "```", "");
    }
    const path = `/api/{user_id}/${t}`;
    a.push(`### GET ${path}`, "List them.", "", `### POST ${path}`, "Create one.", "", `### GET ${path}/{id}`, "", `### PATCH ${path}/{id}`, "", `### DELETE ${path}/{id}`, "");
  }
  return { schema: s.join("\n"), api: a.join("\n") };
}

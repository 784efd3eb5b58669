// A realistic history of schema spec edits, shared by the migration tests.
// Each step is the whole specs/database/schema.md after that edit.

export interface HistoryStep {
  readonly name: string;
  readonly schema: string;
  /** Needs --allow-destructive. */
  readonly destructive?: boolean;
  /** Changes a column's JSON type in the API: needs --allow-breaking. */
  readonly breaking?: boolean;
}

const users = `## users

- id: text (primary key)
- email: varchar(255) (unique, nullable)
`;

function tasks(o: {
  title?: string;
  extra?: string[];
  notes?: boolean;
  priority?: string;
  estimate?: string;
  project?: string;
  indexes?: string[];
}): string {
  const lines = [
    `## tasks`,
    ``,
    `- id: serial (primary key)`,
    `- user_id: text (foreign key -> users.id, on delete cascade, not null)`,
    o.title ?? `- title: varchar(200) (required)`,
    `- priority: ${o.priority ?? "enum(low, high) (not null, default low)"}`,
    `- estimate: ${o.estimate ?? "integer (optional)"}`,
    ...(o.notes ? [`- notes: text (optional)`] : []),
    ...(o.extra ?? []),
    ...(o.project ? [o.project] : []),
    `- created_at: timestamp (not null, default now())`,
  ];
  if (o.indexes?.length) lines.push(``, `Indexes:`, ...o.indexes.map((i) => `- ${i}`));
  return lines.join("\n") + "\n";
}

const projects = (heading = "projects", renamed = "") => `## ${heading}
${renamed}
- id: serial (primary key)
- user_id: text (foreign key -> users.id, on delete cascade, not null)
- title: varchar(100) (not null)
`;

const tags = `## tags

- id: serial (primary key)
- user_id: text (foreign key -> users.id, on delete cascade, not null)
- label: varchar(50) (not null)

## task_tags

- id: serial (primary key)
- user_id: text (foreign key -> users.id, on delete cascade, not null)
- task_id: integer (not null, foreign key -> tasks.id, on delete cascade)
- tag_id: integer (not null, foreign key -> tags.id, on delete cascade)

Indexes:
- unique (task_id, tag_id)
`;

const doc = (...parts: string[]) => `# Schema\n\n${parts.join("\n")}`;

const renamed = `- name: varchar(200) (required, renamed from title)`;
const widened = `- name: varchar(300) (required)`;
const done = `- done: boolean (not null, default false)`;
const project = `- project_id: integer (optional, foreign key -> projects.id, on delete set null)`;
const idx = ["(user_id, done)"];

export const HISTORY: HistoryStep[] = [
  { name: "init", schema: doc(users, tasks({})) },
  { name: "add a column", schema: doc(users, tasks({ notes: true, extra: [done] })) },
  { name: "rename a column", schema: doc(users, tasks({ title: renamed, notes: true, extra: [done] })) },
  { name: "change types", breaking: true, schema: doc(users, tasks({ title: widened, notes: true, extra: [done], estimate: "bigint (optional)" })) },
  { name: "add a table with a relation", schema: doc(users, tasks({ title: widened, notes: true, extra: [done], estimate: "bigint (optional)", project }), projects()) },
  { name: "add an index", schema: doc(users, tasks({ title: widened, notes: true, extra: [done], estimate: "bigint (optional)", project, indexes: idx }), projects()) },
  { name: "drop a column", destructive: true, schema: doc(users, tasks({ title: widened, extra: [done], estimate: "bigint (optional)", project, indexes: idx }), projects()) },
  {
    name: "add an enum value",
    schema: doc(users, tasks({ title: widened, extra: [done], estimate: "bigint (optional)", project, indexes: idx, priority: "enum(low, medium, high) (not null, default low)" }), projects()),
  },
  {
    name: "add a many-to-many",
    schema: doc(users, tasks({ title: widened, extra: [done], estimate: "bigint (optional)", project, indexes: idx, priority: "enum(low, medium, high) (not null, default low)" }), projects(), tags),
  },
  {
    name: "rename a table; change on delete, default, nullability and a range check",
    schema: doc(
      users,
      tasks({
        title: widened,
        extra: [done],
        estimate: "bigint (not null, default 0, min 0, max 1000)",
        project: `- project_id: integer (optional, foreign key -> boards.id, on delete cascade)`,
        indexes: idx,
        priority: "enum(low, medium, high) (not null, default medium)",
      }),
      projects("boards", "\nRenamed from: projects\n"),
      tags,
    ),
  },
  {
    name: "remove an enum value",
    destructive: true,
    schema: doc(
      users,
      tasks({
        title: widened,
        extra: [done],
        estimate: "bigint (not null, default 0, min 0, max 1000)",
        project: `- project_id: integer (optional, foreign key -> boards.id, on delete cascade)`,
        indexes: idx,
        priority: "enum(medium, high) (not null, default medium)",
      }),
      projects("boards", "\nRenamed from: projects\n"),
      tags,
    ),
  },
];

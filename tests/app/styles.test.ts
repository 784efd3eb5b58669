// The same rules written in every notation the reader takes are enforced the same way: a notes
// table (owned through user_id) whose title has 1 to 100 characters, whose priority is one of
// low/high, whose score is from 0 to 10, and whose title is unique per user, written in each of
// the STYLES below (Markdown tables and bullets, SQL of several dialects, Prisma, Drizzle, ORM
// entity classes in several languages, diagrams, YAML, an OpenAPI request body...). Each style is
// generated, migrated on one embedded PostgreSQL (a schema per style, row-level security on) and
// driven over HTTP: every forbidden value is a 422 naming the field, a second title of the same
// user a 409; and the database itself refuses each one when it is written around the API.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Knex } from "knex";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSpecFiles } from "../../generator/front.js";
import type { SpecFile } from "../../generator/read/read-specs.js";
import { emitAll } from "../../generator/emit/index.js";
import { NO_PREVIOUS } from "../../generator/read/read-output.js";
import { planMigrations } from "../../generator/plan/plan.js";
import { readTemplates } from "../../generator/read/read-output.js";
import { emitHookSkeletons } from "../../generator/emit/emit-hooks.js";
import type { IR } from "../../generator/ir/types.js";
import { embeddedKnex, startEmbeddedPostgres, type EmbeddedPostgres } from "../../templates/runtime/db.js";
import { migrateLatest } from "../../templates/runtime/migrate.js";
import { pgliteSeed } from "../helpers/databases.js";
import { TEST_SECRET, tokenFor } from "../helpers/tokens.js";

const ROOT = join(import.meta.dirname, "..", "..");
const OUT = join(ROOT, "tests", ".output", "styles", String(process.pid));
const APP_ROLE = "specforge_styles_app";

const USERS_MD = "## users\n\n| Column | Type | Constraints |\n|---|---|---|\n| id | text | primary key |\n";

interface Style {
  readonly name: string;
  readonly schema: string;
  readonly schemaFormat?: "markdown" | "yaml";
  readonly api?: { text: string; format: "markdown" | "openapi" };
}

const STYLES: Style[] = [
  {
    name: "markdown table",
    schema: `# Notes\n\n${USERS_MD}\n## notes\n\n| Column | Type | Constraints | Description |\n|---|---|---|---|\n| id | serial | primary key | |\n| user_id | text | not null, references users(id) | |\n| title | varchar(100) | not null, min length 1 | |\n| priority | text | not null | low, high |\n| score | integer | not null, min 0, max 10 | |\n\nUnique constraint: (user_id, title)\n`,
  },
  {
    name: "markdown table, Chinese headers, columns reordered",
    schema: `# 笔记\n\n${USERS_MD}\n## notes（笔记表）\n\n| 说明 | 类型 | 列名 | 约束 |\n|---|---|---|---|\n| 主键 | serial | id | PK |\n| 所有者 | text | user_id | NOT NULL, → users.id |\n| 标题 | varchar(100) | title | NOT NULL, 1-100 字符 |\n| 优先级 | text | priority | NOT NULL, one of ('low', 'high') |\n| 分数 | integer | score | NOT NULL, 0 to 10 |\n\nUnique constraint: (user_id, title)\n`,
  },
  {
    name: "markdown bullets with prose rules",
    schema: `# Notes\n\n${USERS_MD}\n## Entity: Note\n\n**Fields**:\n- \`id\` (integer): the key\n- \`user_id\` (string): FK -> users.id\n- \`title\` (string): required\n- \`priority\` (string): required\n- \`score\` (integer): required\n\n**Validation Rules**:\n- \`title\` must be 1-100 characters\n- \`priority\` must be either "low" or "high"\n- \`score\` is between 0 and 10\n- \`title\` is unique per user\n`,
  },
  {
    name: "PostgreSQL DDL",
    schema: `# Notes\n\n${USERS_MD}\n\`\`\`sql\nCREATE TABLE notes (\n  id SERIAL PRIMARY KEY,\n  user_id TEXT NOT NULL REFERENCES users(id),\n  title VARCHAR(100) NOT NULL CHECK (char_length(title) >= 1),\n  priority TEXT NOT NULL CHECK (priority IN ('low', 'high')),\n  score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10),\n  UNIQUE (user_id, title)\n);\n\`\`\`\n`,
  },
  {
    name: "MySQL DDL",
    schema: `# Notes\n\n${USERS_MD}\n\`\`\`sql\nCREATE TABLE notes (\n  id INT AUTO_INCREMENT PRIMARY KEY,\n  user_id VARCHAR(64) NOT NULL,\n  title VARCHAR(100) NOT NULL,\n  priority ENUM('low', 'high') NOT NULL,\n  score INT NOT NULL,\n  CONSTRAINT notes_title_len CHECK (CHAR_LENGTH(title) >= 1),\n  CONSTRAINT notes_score_range CHECK (score >= 0 AND score <= 10),\n  UNIQUE KEY uq_notes_user_title (user_id, title),\n  FOREIGN KEY (user_id) REFERENCES users(id),\n  INDEX idx_notes_user (user_id)\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;\n\`\`\`\n`,
  },
  {
    name: "Prisma with a rules list",
    schema: `# Notes\n\n${USERS_MD}\n\`\`\`prisma\nmodel Note {\n  id       Int      @id @default(autoincrement())\n  user_id  String\n  title    String   @db.VarChar(100)\n  priority Priority\n  score    Int\n  user     User     @relation(fields: [user_id], references: [id])\n  @@unique([user_id, title])\n  @@map("notes")\n}\n\nenum Priority {\n  low\n  high\n}\n\`\`\`\n\n## notes\n\nValidation Rules:\n- \`title\` must be at least 1 character\n- \`score\` between 0 and 10\n`,
  },
  {
    name: "Drizzle with zod",
    schema: `# Notes\n\n${USERS_MD}\n\`\`\`ts\nexport const priorityEnum = pgEnum("priority", ["low", "high"]);\nexport const notes = pgTable("notes", {\n  id: serial("id").primaryKey(),\n  userId: text("user_id").notNull().references(() => users.id),\n  title: varchar("title", { length: 100 }).notNull(),\n  priority: priorityEnum("priority").notNull(),\n  score: integer("score").notNull(),\n}, (t) => ({ uq: uniqueIndex("notes_user_title").on(t.userId, t.title) }));\n\nexport const createNoteSchema = z.object({\n  title: z.string().min(1).max(100),\n  score: z.number().int().min(0).max(10),\n});\n\`\`\`\n`,
  },
  {
    name: "SQLAlchemy",
    schema: `# Notes\n\n${USERS_MD}\n\`\`\`python\nclass Note(Base):\n    __tablename__ = "notes"\n    __table_args__ = (\n        UniqueConstraint("user_id", "title"),\n        CheckConstraint("score >= 0 AND score <= 10", name="notes_score_range"),\n        CheckConstraint("char_length(title) >= 1", name="notes_title_len"),\n    )\n    id: Mapped[int] = mapped_column(primary_key=True)\n    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"))\n    title: Mapped[str] = mapped_column(String(100))\n    priority: Mapped[str] = mapped_column(Enum("low", "high", name="priority"))\n    score: Mapped[int] = mapped_column(Integer)\n\`\`\`\n`,
  },
  {
    name: "TypeORM entity with class-validator",
    schema: `# Notes\n\n${USERS_MD}\n\`\`\`ts\n@Entity('notes')\n@Unique(['userId', 'title'])\nexport class Note {\n  @PrimaryGeneratedColumn()\n  id: number;\n\n  @Column({ name: 'user_id' })\n  userId: string;\n\n  @ManyToOne(() => User)\n  @JoinColumn({ name: 'user_id' })\n  user: User;\n\n  @Column({ length: 100 })\n  @MinLength(1)\n  title: string;\n\n  @Column({ type: 'enum', enum: Priority })\n  priority: Priority;\n\n  @Column('int')\n  @Min(0)\n  @Max(10)\n  score: number;\n}\n\nexport enum Priority { Low = 'low', High = 'high' }\n\`\`\`\n`,
  },
  {
    name: "MikroORM entity",
    schema: `# Notes\n\n${USERS_MD}\n\`\`\`typescript\n@Entity({ tableName: 'notes' })\n@Unique({ properties: ['user', 'title'] })\nexport class Note {\n  @PrimaryKey()\n  id!: number;\n\n  @ManyToOne(() => User, { fieldName: 'user_id' })\n  user!: User;\n\n  @Property({ length: 100 })\n  @Length(1, 100)\n  title!: string;\n\n  @Enum({ items: ['low', 'high'] })\n  priority!: 'low' | 'high';\n\n  @Property({ check: 'score >= 0 and score <= 10' })\n  score!: number;\n}\n\`\`\`\n`,
  },
  {
    name: "JPA entity with Bean Validation",
    schema: `# Notes\n\n${USERS_MD}\n\`\`\`java\n@Entity\n@Table(name = "notes", uniqueConstraints = @UniqueConstraint(columnNames = {"user_id", "title"}))\npublic class Note {\n    @Id\n    @GeneratedValue(strategy = GenerationType.IDENTITY)\n    private Integer id;\n\n    @ManyToOne(optional = false)\n    @JoinColumn(name = "user_id")\n    private User user;\n\n    @NotNull\n    @Size(min = 1, max = 100)\n    @Column(length = 100)\n    private String title;\n\n    @Enumerated(EnumType.STRING)\n    @Column(nullable = false)\n    private Priority priority;\n\n    @Min(0) @Max(10)\n    private int score;\n\n    public enum Priority { low, high }\n}\n\`\`\`\n`,
  },
  {
    name: "EF Core entity with DataAnnotations",
    schema: `# Notes\n\n${USERS_MD}\n\`\`\`csharp\npublic enum Priority { low, high }\n\n[Table("notes")]\n[Index(nameof(UserId), nameof(Title), IsUnique = true)]\npublic class Note\n{\n    [Column("id")]\n    public int Id { get; set; }\n\n    [Column("user_id")]\n    public string UserId { get; set; } = null!;\n    public User User { get; set; } = null!;\n\n    [Column("title")]\n    [Required, StringLength(100, MinimumLength = 1)]\n    public string Title { get; set; } = "";\n\n    [Column("priority")]\n    public Priority Priority { get; set; }\n\n    [Column("score")]\n    [Range(0, 10)]\n    public int Score { get; set; }\n}\n\`\`\`\n`,
  },
  {
    name: "Go struct with GORM and validator tags",
    schema: `# Notes\n\n${USERS_MD}\n\`\`\`go\ntype Note struct {\n\tID       uint   \`gorm:"primaryKey"\`\n\tUserID   string \`gorm:"not null;uniqueIndex:idx_user_title"\`\n\tUser     User\n\tTitle    string \`gorm:"size:100;not null;uniqueIndex:idx_user_title" validate:"required,min=1"\`\n\tPriority string \`gorm:"not null" validate:"oneof=low high"\`\n\tScore    int    \`gorm:"not null" validate:"min=0,max=10"\`\n}\n\`\`\`\n`,
  },
  {
    name: "Laravel migration with a rules list",
    schema: `# Notes\n\n${USERS_MD}\n\`\`\`php\nSchema::create('notes', function (Blueprint $table) {\n    $table->id();\n    $table->foreignId('user_id')->constrained()->cascadeOnDelete();\n    $table->string('title', 100);\n    $table->enum('priority', ['low', 'high']);\n    $table->unsignedTinyInteger('score');\n    $table->unique(['user_id', 'title']);\n});\n\`\`\`\n\n## notes\n\nValidation Rules:\n- \`title\` must be at least 1 character\n- \`score\` between 0 and 10\n`,
  },
  {
    name: "Rails schema with model validations",
    schema: `# Notes\n\n${USERS_MD}\n\`\`\`ruby\ncreate_table "notes", force: :cascade do |t|\n  t.references :user, type: :text, null: false, foreign_key: true\n  t.string "title", limit: 100, null: false\n  t.string "priority", null: false\n  t.integer "score", null: false\n  t.index ["user_id", "title"], unique: true\nend\n\nclass Note < ApplicationRecord\n  belongs_to :user\n  validates :title, presence: true, length: { minimum: 1, maximum: 100 }\n  validates :priority, inclusion: { in: %w[low high] }\n  validates :score, numericality: { greater_than_or_equal_to: 0, less_than_or_equal_to: 10 }\nend\n\`\`\`\n`,
  },
  {
    name: "TypeScript interface with rules in comments",
    schema: `# Notes\n\n${USERS_MD}\n\`\`\`ts\nexport interface Note {\n  id: number;\n  userId: string;\n  /** 1-100 characters, unique per user */\n  title: string;\n  priority: 'low' | 'high';\n  /** @minimum 0 @maximum 10 */\n  score: number;\n}\n\n/** What the client sends: not a table. */\nexport interface CreateNoteRequest {\n  title: string;\n}\n\`\`\`\n`,
  },
  {
    name: "GraphQL SDL with storage directives",
    schema: `# Notes\n\n${USERS_MD}\n\`\`\`graphql\ntype Note {\n  id: Int!\n  userId: ID!\n  "unique per user"\n  title: String! @constraint(minLength: 1, maxLength: 100)\n  priority: Priority!\n  score: Int! @constraint(min: 0, max: 10)\n}\n\nenum Priority {\n  low\n  high\n}\n\ninput NoteInput {\n  title: String!\n}\n\ntype Query {\n  notes: [Note!]!\n}\n\`\`\`\n`,
  },
  {
    name: "JSON Schema",
    schema: `# Notes\n\n${USERS_MD}\n\`\`\`json\n{\n  "title": "notes",\n  "type": "object",\n  "required": ["id", "user_id", "title", "priority", "score"],\n  "properties": {\n    "id": { "type": "integer" },\n    "user_id": { "type": "string" },\n    "title": { "type": "string", "minLength": 1, "maxLength": 100, "description": "unique per user" },\n    "priority": { "type": "string", "enum": ["low", "high"] },\n    "score": { "type": "integer", "minimum": 0, "maximum": 10 }\n  }\n}\n\`\`\`\n`,
  },
  {
    name: "PlantUML entity diagram with a rules list",
    schema: `# Notes\n\n${USERS_MD}\n\`\`\`plantuml\n@startuml\nentity notes {\n  *id : serial <<PK>>\n  --\n  *user_id : text <<FK>>\n  *title : varchar(100)\n  *priority : Priority\n  *score : integer\n}\nenum Priority {\n  low\n  high\n}\nusers ||--o{ notes\n@enduml\n\`\`\`\n\n## notes\n\nValidation Rules:\n- \`title\` must be at least 1 character\n- \`score\` between 0 and 10\n- \`title\` is unique per user\n`,
  },
  {
    name: "Mermaid classDiagram with a rules list",
    schema: `# Notes\n\n${USERS_MD}\n\`\`\`mermaid\nclassDiagram\n  class Note {\n    +int id\n    +varchar(100) title\n    +Priority priority\n    +int score\n  }\n  class Priority {\n    <<enumeration>>\n    low\n    high\n  }\n  User "1" --> "*" Note : writes\n\`\`\`\n\n## notes\n\nValidation Rules:\n- \`title\` is required and must be at least 1 character\n- \`priority\` is required\n- \`score\` is required, between 0 and 10\n- \`title\` is unique per user\n`,
  },
  {
    name: "DBML",
    schema: `# Notes\n\n${USERS_MD}\n\`\`\`dbml\nEnum priority {\n  low\n  high\n}\n\nTable notes {\n  id serial [pk]\n  user_id text [not null, ref: > users.id]\n  title varchar(100) [not null, note: '1-100 characters']\n  priority priority [not null]\n  score integer [not null, note: 'between 0 and 10']\n\n  indexes {\n    (user_id, title) [unique]\n  }\n}\n\`\`\`\n`,
  },
  {
    name: "Mermaid erDiagram with quoted rules",
    schema: `# Notes\n\n${USERS_MD}\n\`\`\`mermaid\nerDiagram\n  users ||--o{ notes : user_id\n  notes {\n    serial id PK\n    text user_id FK "references users"\n    varchar(100) title "required, 1-100 characters"\n    enum priority "required, one of: low, high"\n    integer score "required, between 0 and 10"\n  }\n\`\`\`\n\n## notes\n\nUnique constraint: (user_id, title)\n`,
  },
  {
    name: "HTML table",
    schema: `# Notes\n\n${USERS_MD}\n## notes\n\n<table>\n<tr><th>Column</th><th>Type</th><th>Constraints</th></tr>\n<tr><td>id</td><td>serial</td><td>primary key</td></tr>\n<tr><td>user_id</td><td>text</td><td>not null, references users(id)</td></tr>\n<tr><td>title</td><td>varchar(100)</td><td>not null, min length 1</td></tr>\n<tr><td>priority</td><td>enum(low, high)</td><td>not null</td></tr>\n<tr><td>score</td><td>integer</td><td>not null, min 0, max 10</td></tr>\n</table>\n\nUnique constraint: (user_id, title)\n`,
  },
  {
    name: "Prisma pasted without a fence",
    schema: `# Notes\n\n${USERS_MD}\nThe model:\nmodel Note {\n  id       Int      @id @default(autoincrement())\n  user_id  String\n  title    String   @db.VarChar(100)\n  priority Priority\n  score    Int\n  @@unique([user_id, title])\n  @@map("notes")\n}\n\nenum Priority {\n  low\n  high\n}\n\n## notes\n\nValidation Rules:\n- \`title\` must be at least 1 character\n- \`score\` between 0 and 10\n- \`user_id\` references users.id\n`,
  },
  {
    name: "a box-drawing tree in a plain block",
    schema: `# Notes\n\n${USERS_MD}\n\`\`\`\nnotes\n├── id: serial pk\n├── user_id: text (not null, references users(id))\n├── title: varchar(100) (not null, min length 1)\n├── priority: enum(low, high) (not null)\n└── score: integer (not null, min 0, max 10)\n\`\`\`\n\n## notes\n\nUnique constraint: (user_id, title)\n`,
  },
  {
    name: "a Column | Notes table with no types",
    schema: `# Notes\n\n${USERS_MD}\n## notes\n\n| Column | Notes |\n|---|---|\n| \`id\` | Key. |\n| \`user_id\` | FK → users.id |\n| \`title\` | Required. 1-100 characters. |\n| \`priority\` | Required. One of \`low\`, \`high\`. |\n| \`score\` | Required. (0-10) |\n| \`(user_id, title)\` | UNIQUE. |\n`,
  },
  {
    name: "SQL Server outline without CREATE TABLE",
    schema: `# Notes\n\n${USERS_MD}\n### Table: notes\n\`\`\`sql\nnotes (\n  id        UNIQUEIDENTIFIER NOT NULL DEFAULT NEWID(),\n  user_id   NVARCHAR(64)     NOT NULL,\n  title     NVARCHAR(100)    NOT NULL,\n  priority  NVARCHAR(10)     NOT NULL,\n  score     TINYINT          NOT NULL,\n  CONSTRAINT PK_notes PRIMARY KEY (id),\n  CONSTRAINT FK_notes_users FOREIGN KEY (user_id) REFERENCES users(id),\n  CONSTRAINT UQ_notes_user_title UNIQUE (user_id, title),\n  CONSTRAINT CHK_notes_title CHECK (LEN(title) >= 1),\n  CONSTRAINT CHK_notes_priority CHECK (priority IN ('low', 'high')),\n  CONSTRAINT CHK_notes_score CHECK (score BETWEEN 0 AND 10)\n)\n\nIndexes:\n  IX_notes_score ON notes (score)\n\`\`\`\n`,
  },
  {
    name: "specforge YAML",
    schemaFormat: "yaml",
    schema: `tables:\n  users:\n    columns:\n      id: text, primary key\n  notes:\n    columns:\n      id: serial, primary key\n      user_id: text, not null, references users(id)\n      title: varchar(100), not null, min length 1\n      priority: enum(low, high), not null\n      score: integer, not null, min 0, max 10\n    indexes:\n      - unique (user_id, title)\n`,
  },
  {
    name: "a notes cell with a marked list and rules after it, uniqueness per user in Japanese",
    schema: `# Notes\n\n${USERS_MD}\n## notes\n\n| カラム名 | 型 | 制約 | 説明 |\n|---|---|---|---|\n| id | serial | PK | |\n| user_id | text | NOT NULL, FK users.id | |\n| title | varchar(100) | NOT NULL, min length 1 | ユーザーごとに一意 |\n| priority | text | | enum: low, high; required |\n| score | integer | NOT NULL, CHECK (score BETWEEN 0 AND 10) | |\n`,
  },
  {
    name: "rules in lines under the table: a sentence, a named bullet and a CHECK expression",
    schema: `# Notes\n\n${USERS_MD}\n## notes\n\n| Column | Type | Notes |\n|---|---|---|\n| id | serial | primary key |\n| user_id | text | not null, references users(id) |\n| title | varchar(100) | not null, min length 1 |\n| priority | text | not null |\n| score | integer | not null |\n\n- priority: one of low, high\n- \`score >= 0 AND score <= 10\`\n\nThe \`title\` column is unique for a given user.\n`,
  },
  {
    name: "Mermaid %% comments and a field-descriptions list",
    schema: `# Notes\n\n${USERS_MD}\n\`\`\`mermaid\nerDiagram\n  users ||--o{ notes : user_id\n  notes {\n    serial id PK\n    text user_id FK "references users"\n    varchar(100) title "required, 1-100 characters"\n    text priority %% one of: low, high\n    %% score: between 0 and 10\n    integer score\n  }\n\`\`\`\n\n### Field descriptions\n\n- **priority**: required\n- **score**: required\n- **title**: unique within each user\n`,
  },
  {
    name: "rules only in the OpenAPI request body",
    schema: `# Notes\n\n${USERS_MD}\n## notes\n\n| Column | Type | Constraints |\n|---|---|---|\n| id | serial | primary key |\n| user_id | text | not null, references users(id) |\n| title | varchar(100) | not null |\n| priority | text | not null |\n| score | integer | not null |\n\nUnique constraint: (user_id, title)\n`,
    api: {
      format: "openapi",
      text: [
        "openapi: 3.0.3",
        "info: { title: notes, version: '1' }",
        "paths:",
        "  /api/notes:",
        "    get:",
        "      responses: { '200': { description: the caller's notes } }",
        "    post:",
        "      requestBody:",
        "        content:",
        "          application/json:",
        "            schema:",
        "              type: object",
        "              required: [title, priority, score]",
        "              properties:",
        "                title: { type: string, minLength: 1, maxLength: 100 }",
        "                priority: { type: string, enum: [low, high] }",
        "                score: { type: integer, minimum: 0, maximum: 10 }",
        "      responses: { '201': { description: created } }",
        "",
      ].join("\n"),
    },
  },
];

/** A row every rule allows, and per field the values the rules forbid. */
const VALID = { title: "groceries", priority: "low", score: 5 };
const BAD: Record<string, unknown[]> = { title: ["", "x".repeat(101)], priority: ["mid", "LOW "], score: [-1, 11] };
/** The same, as SQL values written around the API (the database alone must refuse them). */
const RAW_BAD: Record<string, unknown[]> = { title: [""], priority: ["mid"], score: [-1, 11] };

interface Running {
  readonly ir: IR;
  readonly base: string;
  readonly server: Server;
  readonly knex: Knex;
  readonly schema: string;
  readonly notesPath: string;
}

let embedded: EmbeddedPostgres;
const running = new Map<string, Running>();

async function build(style: Style, i: number): Promise<Running> {
  const ext = style.schemaFormat === "yaml" ? "yaml" : "md";
  const schemaFile: SpecFile = { kind: "schema", format: style.schemaFormat ?? "markdown", path: `specs/database/schema.${ext}`, text: style.schema };
  const apiFile: SpecFile | null = style.api ? { kind: "api", format: style.api.format, path: `specs/api/${style.api.format === "openapi" ? "openapi.yaml" : "rest-endpoints.md"}`, text: style.api.text } : null;
  const r = await loadSpecFiles(schemaFile, apiFile);
  expect(r.diagnostics.filter((d) => d.severity === "error"), style.name).toEqual([]);
  const ir = r.ir!;
  const dir = join(OUT, `s${i}`);
  rmSync(dir, { recursive: true, force: true });
  const files = [
    ...[...(await emitAll({ ir, templates: readTemplates(join(ROOT, "templates")), migrations: planMigrations(ir, NO_PREVIOUS).plan }))].map(([p, t]) => [join("generated", p), t] as const),
    ...emitHookSkeletons(ir, "generated"),
  ];
  for (const [p, text] of files) {
    mkdirSync(join(dir, p, ".."), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
  const gen = join(dir, "generated");
  const { createApp } = await import(pathToFileURL(join(gen, "app.ts")).href);
  const { migrations } = await import(pathToFileURL(join(gen, "migrations", "index.ts")).href);
  const { createVerifier } = await import(pathToFileURL(join(gen, "runtime", "auth.ts")).href);
  const { applyRowLevelSecurity, ensureAppRole } = await import(pathToFileURL(join(gen, "runtime", "rls.ts")).href);
  const { ownedTables } = await import(pathToFileURL(join(gen, "rls.ts")).href);
  const schema = `style${i}`;
  const admin = embeddedKnex(embedded);
  await admin.raw("create schema ??", [schema]);
  await admin.destroy();
  const knex = embeddedKnex(embedded, schema);
  await migrateLatest(knex, migrations);
  await applyRowLevelSecurity(knex, ownedTables);
  await ensureAppRole(knex, APP_ROLE);
  await knex.raw("GRANT USAGE ON SCHEMA ?? TO ??", [schema, APP_ROLE]);
  await knex.raw("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ?? TO ??", [schema, APP_ROLE]);
  await knex.raw("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ?? TO ??", [schema, APP_ROLE]);
  const app = createApp({ knex, verify: createVerifier({ secret: TEST_SECRET }), dbRole: APP_ROLE, logError: () => {} });
  const server: Server = app.listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  const create = ir.endpoints.find((e) => e.table === "notes" && e.action.kind === "create" && !e.userParam);
  expect(create, `${style.name}: a create route for notes`).toBeDefined();
  return { ir, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, knex, schema, notesPath: create!.path };
}

async function post(r: Running, token: string, body: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(r.base + r.notesPath, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/** The SQLSTATE of a statement the database refuses (null when it takes it). */
async function refused(knex: Knex, sql: string, values: unknown[]): Promise<string | null> {
  try {
    await knex.transaction(async (trx) => {
      await trx.raw(sql, values as never[]);
      throw Object.assign(new Error("taken"), { code: "taken" });
    });
    return null;
  } catch (err) {
    const code = (err as { code?: string }).code ?? "?";
    return code === "taken" ? null : code;
  }
}

describe("the same rules in every notation", () => {
  beforeAll(async () => {
    embedded = await startEmbeddedPostgres("memory", await pgliteSeed());
    mkdirSync(OUT, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    for (const r of running.values()) {
      r.server.closeAllConnections();
      await new Promise((done) => r.server.close(done));
      await r.knex.destroy();
    }
    await embedded?.stop();
    rmSync(OUT, { recursive: true, force: true });
  });

  it.each(STYLES.map((s, i) => [s.name, s, i] as const))("%s: a forbidden value is a 422 naming the field, a repeated title a 409, and the database refuses both", async (name, style, i) => {
    // One style at a time: the embedded server takes one client connection at a time.
    for (const [k, old] of running) {
      old.server.closeAllConnections();
      await new Promise((done) => old.server.close(done));
      await old.knex.destroy();
      running.delete(k);
    }
    const r = await build(style, i);
    running.set(name, r);
    const notes = r.ir.tables.find((t) => t.name === "notes")!;
    expect(notes.owner, name).toBe("user_id");
    const token = await tokenFor(`styles_user_${i}`);
    const ok = await post(r, token, VALID);
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    for (const [field, values] of Object.entries(BAD)) {
      for (const v of values) {
        const res = await post(r, token, { ...VALID, title: `t-${field}-${String(v).length}`, [field]: v });
        expect(res.status, `${name}: ${field}=${JSON.stringify(v)} -> ${JSON.stringify(res.body)}`).toBe(422);
        expect(res.body.errors.map((e: { field: string }) => e.field), `${name}: ${field}=${JSON.stringify(v)}`).toContain(field);
      }
    }
    const again = await post(r, token, VALID);
    expect(again.status, JSON.stringify(again.body)).toBe(409);
    // Around the API: as the table's owner, no validator in the way.
    await r.knex.raw("INSERT INTO users (id) VALUES (?) ON CONFLICT DO NOTHING", ["raw_user"]);
    const insert = "INSERT INTO notes (user_id, title, priority, score) VALUES (?, ?, ?, ?)";
    expect(await refused(r.knex, insert, ["raw_user", "fine", "low", 5]), `${name}: a valid row is taken`).toBeNull();
    for (const [field, values] of Object.entries(RAW_BAD)) {
      for (const v of values) {
        const row = { title: "raw", priority: "low", score: 5, [field]: v };
        expect(await refused(r.knex, insert, ["raw_user", row.title, row.priority, row.score]), `${name}: ${field}=${JSON.stringify(v)} around the API`).toBe("23514");
      }
    }
    await r.knex.raw(insert, ["raw_user", "twice", "low", 5]);
    expect(await refused(r.knex, insert, ["raw_user", "twice", "high", 1]), `${name}: a repeated title around the API`).toBe("23505");
  }, 60_000);
});

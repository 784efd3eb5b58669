// The SQL DDL reader (generator/parse/read-sql.ts): what it reads of each dialect, where it
// says each piece was written, and that a spec's other statements never trouble it.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { spanMapper, type BlockContext, type BlockReader, type ReaderResult, type SourceBlock } from "../../generator/parse/block.js";
import { loadSqlReader } from "../../generator/parse/read-sql.js";
import { sqlDialectsOf } from "../../generator/parse/sql-dialect.js";
import { lexSql } from "../../generator/parse/sql-lexer.js";
import { splitSqlStatements } from "../../generator/parse/sql-statements.js";
import type { RawTable } from "../../generator/parse/raw.js";
import type { Span } from "../../generator/ir/types.js";
import { markdownFiles, pos } from "./helpers.js";

let reader: BlockReader;
beforeAll(async () => {
  reader = await loadSqlReader();
});

/** The first fenced block of a Markdown text, handed over as the Markdown reader does. */
function blockOf(md: string, file = "s.md"): SourceBlock {
  const lines = md.split("\n");
  const open = lines.findIndex((l) => /^```/.test(l));
  const close = lines.findIndex((l, i) => i > open && /^```\s*$/.test(l));
  const text = lines.slice(open + 1, close).join("\n");
  return { text, file, lang: lines[open]!.slice(3).trim().toLowerCase(), at: spanMapper(text, { file, line: open + 2, column: 1 }) };
}

function read(md: string, context: BlockContext = {}): ReaderResult {
  return reader(blockOf(md), context);
}

const fence = (lang: string, sql: string) => `\`\`\`${lang}\n${sql}\n\`\`\`\n`;
const at = (s: Span) => `${s.line}:${s.column}`;

/** A table as one line per column: `name type | phrase | phrase`. */
function columns(t: RawTable | undefined): string[] {
  return (t?.columns ?? []).map((c) => [`${c.name.text} ${c.type.text}`.trim(), ...c.constraints.map((x) => x.text.replace(/\s+/g, " "))].join(" | "));
}

describe("PostgreSQL", () => {
  it("reads columns, types as written and each constraint phrase", () => {
    const r = read(
      fence(
        "sql",
        `CREATE TABLE IF NOT EXISTS public.tasks (
  id SERIAL PRIMARY KEY,
  n BIGINT GENERATED ALWAYS AS IDENTITY,
  user_id TEXT NOT NULL CONSTRAINT fk_user REFERENCES auth.users(id) ON DELETE CASCADE,
  title VARCHAR(200) NOT NULL CHECK (char_length(title) >= 1),
  done BOOLEAN NOT NULL DEFAULT FALSE,
  note TEXT NULL UNIQUE,
  created_at TIMESTAMP WITH TIME ZONE DEFAULT now() NOT NULL DEFERRABLE INITIALLY DEFERRED,
  blob BYTEA, ip INET, tags TEXT[], embedding vector(768), code CHAR(3), span INTERVAL, mood public.mood
);`,
      ),
    );
    expect(r.diagnostics).toEqual([]);
    expect(r.tables.map((t) => [t.name.text, t.notation, t.fragment ?? false])).toEqual([["tasks", "sql", false]]);
    expect(columns(r.tables[0])).toEqual([
      "id SERIAL | PRIMARY KEY",
      "n BIGINT | GENERATED ALWAYS AS IDENTITY",
      "user_id TEXT | NOT NULL | CONSTRAINT fk_user REFERENCES users(id) ON DELETE CASCADE",
      "title VARCHAR(200) | NOT NULL | CHECK (char_length(title) >= 1)",
      "done BOOLEAN | NOT NULL | DEFAULT FALSE",
      "note TEXT | NULL | UNIQUE",
      "created_at TIMESTAMP WITH TIME ZONE | DEFAULT now() | NOT NULL",
      "blob BYTEA",
      "ip INET",
      "tags TEXT[]",
      "embedding vector(768)",
      "code CHAR(3)",
      "span INTERVAL",
      "mood mood",
    ]);
  });

  it("reads table constraints: composite keys, foreign keys, checks, unique sets", () => {
    const r = read(
      fence(
        "postgres",
        `CREATE TABLE "TaskTags" (
  task_id INT NOT NULL,
  tag_id INT NOT NULL,
  a INT, b INT, c INT,
  PRIMARY KEY (task_id, tag_id),
  CONSTRAINT fk_task FOREIGN KEY (task_id) REFERENCES tasks(id) ON DELETE CASCADE DEFERRABLE,
  UNIQUE (a),
  CONSTRAINT uq_bc UNIQUE (b, c),
  CONSTRAINT chk_order CHECK (b < c),
  CHECK (a > 0),
  FOREIGN KEY (b, c) REFERENCES pairs(x, y),
  FOREIGN KEY (nope) REFERENCES t(id)
);`,
      ),
    );
    const t = r.tables[0]!;
    expect(t.name.text).toBe("task_tags");
    expect(columns(t)).toEqual([
      "task_id INT | NOT NULL | PRIMARY KEY | REFERENCES tasks(id) ON DELETE CASCADE",
      "tag_id INT | NOT NULL | PRIMARY KEY",
      "a INT | UNIQUE",
      "b INT",
      "c INT",
    ]);
    expect(t.indexes.map((i) => [i.columns, i.unique, i.name])).toEqual([[["b", "c"], true, "uq_bc"]]);
    expect(t.checks?.map((c) => [c.expression.text, c.name ?? null, c.dialect])).toEqual([
      ["b < c", "chk_order", "postgresql"],
      ["a > 0", null, "postgresql"],
    ]);
    expect(t.foreignKeys?.map((k) => [k.columns.map((c) => c.text), k.table.text, k.refColumns.map((c) => c.text)])).toEqual([[["b", "c"], "pairs", ["x", "y"]]]);
    expect(r.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ["SF113", 'constraint names column "nope", which table "task_tags" does not define'],
    ]);
  });

  it("reads CREATE INDEX in all its forms", () => {
    const r = read(
      fence(
        "sql",
        `CREATE INDEX idx_a ON tasks (user_id);
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS idx_b ON ONLY public."Tasks" USING btree (user_id, created_at DESC);
create index on tasks(done);
CREATE INDEX idx_c ON tasks (done) WHERE done = false;
CREATE UNIQUE INDEX idx_d ON users (email) WHERE deleted_at IS NULL;
CREATE INDEX idx_e ON tasks (lower(title));`,
      ),
    );
    expect(r.indexes.map((i) => [i.table, i.columns, i.unique, i.name ?? null])).toEqual([
      ["tasks", ["user_id"], false, "idx_a"],
      ["tasks", ["user_id", "created_at"], true, "idx_b"],
      ["tasks", ["done"], false, null],
      ["tasks", ["done"], false, "idx_c"],
      ["users", ["email"], true, "idx_d"],
    ]);
    // A partial index keeps its condition as written, for the IR to read.
    expect(r.indexes.map((i) => i.where?.expression.text ?? null)).toEqual([null, null, null, "done = false", "deleted_at IS NULL"]);
    expect(r.indexes[4]!.where?.dialect).toBe("postgresql");
    expect(r.diagnostics.map((d) => d.message)).toEqual(['index on an expression ("lower(title)") is not supported']);
    expect(r.notes).toEqual([]);
  });

  it("reads ALTER TABLE ... ADD as fragments holding only what they add", () => {
    const r = read(
      fence(
        "sql",
        `ALTER TABLE tasks ADD COLUMN priority VARCHAR(10) DEFAULT 'medium' NOT NULL;
ALTER TABLE ONLY public.tasks ADD CONSTRAINT chk_title CHECK (LENGTH(TRIM(title)) > 0), ADD CONSTRAINT fk_user FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE;
ALTER TABLE tasks ADD CONSTRAINT uq UNIQUE (user_id, title), ADD PRIMARY KEY (id);
ALTER TABLE tasks ENABLE ROW LEVEL SECURITY;
ALTER TABLE tasks ALTER COLUMN title SET NOT NULL;`,
      ),
    );
    expect(r.diagnostics).toEqual([]);
    expect(r.tables.map((t) => [t.name.text, t.fragment, columns(t), t.indexes.map((i) => i.columns.join("+")), (t.checks ?? []).map((c) => c.expression.text)])).toEqual([
      ["tasks", true, ["priority VARCHAR(10) | DEFAULT 'medium' | NOT NULL"], [], []],
      ["tasks", true, ["user_id | REFERENCES users(id) ON DELETE CASCADE"], [], ["LENGTH(TRIM(title)) > 0"]],
      ["tasks", true, ["id | PRIMARY KEY"], ["user_id+title"], []],
    ]);
    // A fragment's column without a type has an empty type text, positioned at its name.
    const col = r.tables[1]!.columns[0]!;
    expect(col.type.text).toBe("");
    expect(at(col.type.span)).toBe(at(col.name.span));
  });

  it("reads CREATE TYPE ... AS ENUM", () => {
    const md = fence("sql", "CREATE TYPE public.task_status AS ENUM ('todo', 'in progress', 'it''s done');");
    const r = read(md);
    expect(r.enums.map((e) => [e.name.text, e.values.map((v) => v.text)])).toEqual([["task_status", ["todo", "in progress", "it's done"]]]);
    expect(at(r.enums[0]!.values[1]!.span)).toBe(pos(md, "in progress"));
  });

  it("ignores every other statement silently, semicolons in bodies included", () => {
    const r = read(
      fence(
        "sql",
        `CREATE EXTENSION IF NOT EXISTS "uuid-ossp";
CREATE OR REPLACE FUNCTION touch() RETURNS trigger AS $$
BEGIN
  NEW.updated_at = now(); -- CREATE TABLE x (y int);
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER t BEFORE UPDATE ON tasks FOR EACH ROW EXECUTE FUNCTION touch();
CREATE VIEW open_tasks AS SELECT * FROM tasks WHERE NOT done;
CREATE POLICY p ON tasks USING (user_id = current_setting('app.user')::uuid);
INSERT INTO tasks (title) VALUES ('a; b');
COMMENT ON TABLE tasks IS 'CREATE TABLE in a string; not a table';
GRANT SELECT ON tasks TO app;
SELECT * FROM tasks WHERE user_id = $1;`,
      ),
    );
    expect(r).toEqual({ tables: [], indexes: [], enums: [], diagnostics: [], notes: [] });
  });

  it("reads the tables around a statement that does not parse, and warns at that statement's first character", () => {
    const md = fence("sql", `CREATE TABLE a (id INT PRIMARY KEY);\n\n-- broken\nCREATE INDEX ON a (;\nCREATE TABLE b (id INT);`);
    const r = read(md);
    expect(r.tables.map((t) => t.name.text)).toEqual(["a", "b"]);
    expect(r.diagnostics.map((d) => [d.code, d.severity, at(d.span)])).toEqual([["SF113", "warning", pos(md, "CREATE INDEX")]]);
    expect(r.diagnostics[0]!.message).toMatch(/^CREATE INDEX ON\.\.\. is not valid PostgreSQL \(syntax error at end of input, line 5 column 20\)$/);
  });

  it("keeps a table whose one column has a word PostgreSQL does not know, and says so", () => {
    const md = fence("sql", "CREATE TABLE users (\n  id UUID PRIMARY KEY,\n  last_seen DATE NULLABLE,\n  name TEXT NOT NULL\n);");
    const r = read(md);
    expect(columns(r.tables[0])).toEqual(["id UUID | PRIMARY KEY", "last_seen DATE | NULLABLE", "name TEXT | NOT NULL"]);
    expect(at(r.tables[0]!.columns[1]!.constraints[0]!.span)).toBe(pos(md, "NULLABLE"));
    expect(r.diagnostics.map((d) => [d.code, at(d.span)])).toEqual([["SF113", pos(md, "CREATE")]]);
    expect(r.diagnostics[0]!.hint).toContain('"NULLABLE" (a constraint of column last_seen)');
  });

  it("blanks a comment inside a phrase, keeping every offset", () => {
    const md = fence("sql", "CREATE TABLE t (\n  owner INT REFERENCES users(id) -- who owns it\n    ON DELETE CASCADE,\n  n INT\n);");
    const owner = read(md).tables[0]!.columns[0]!.constraints[0]!;
    expect(owner.text).toBe(`REFERENCES users(id)${" ".repeat(" -- who owns it".length)}\n    ON DELETE CASCADE`);
    expect(at(owner.span)).toBe(pos(md, "REFERENCES"));
  });

  it("splits statements whose semicolons were left out", () => {
    const r = read(fence("sql", "CREATE TABLE a (id INT)\nCREATE TABLE b (id INT)\nALTER TABLE a ADD COLUMN x INT"));
    expect(r.tables.map((t) => [t.name.text, t.fragment ?? false])).toEqual([["a", false], ["b", false], ["a", true]]);
  });

  it("reads constraints written alone under a table's heading as a fragment of that table", () => {
    const md = fence("sql", "CONSTRAINT fk_tasks_user FOREIGN KEY (user_id)\n  REFERENCES users(id) ON DELETE CASCADE");
    expect(read(md).tables).toEqual([]);
    const r = read(md, { sectionTable: "tasks" });
    expect(r.tables.map((t) => [t.name.text, t.fragment, columns(t)])).toEqual([["tasks", true, ["user_id | REFERENCES users(id) ON DELETE CASCADE"]]]);
  });
});

describe("MySQL", () => {
  const MYSQL = `CREATE TABLE \`players\` (
  \`id\` INT UNSIGNED NOT NULL AUTO_INCREMENT,
  nickname VARCHAR(50) NOT NULL UNIQUE COMMENT 'shown to others',
  faction ENUM('stalker', 'bandit, the', 'it''s') NOT NULL DEFAULT 'stalker',
  bio TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
  updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  lat DECIMAL(10, 8), lng DECIMAL(11, 8),
  team_id INT,
  PRIMARY KEY (\`id\`),
  KEY idx_team (team_id),
  INDEX (nickname, faction),
  UNIQUE KEY uk_pos (lat, lng),
  SPATIAL INDEX idx_location (lat, lng),
  FULLTEXT KEY ft_bio (bio),
  CONSTRAINT fk_team FOREIGN KEY (team_id) REFERENCES teams (id) ON DELETE SET NULL,
  CONSTRAINT chk_lat CHECK (lat BETWEEN -90 AND 90)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='Who plays';`;

  it("reads ENUM, AUTO_INCREMENT, UNSIGNED, COMMENT, ON UPDATE, inline keys and table options", () => {
    const r = read(fence("sql", MYSQL));
    const t = r.tables[0]!;
    expect([t.name.text, t.description]).toEqual(["players", "Who plays"]);
    expect(columns(t)).toEqual([
      "id INT UNSIGNED | >= 0 | NOT NULL | AUTO_INCREMENT | PRIMARY KEY",
      "nickname VARCHAR(50) | NOT NULL | UNIQUE",
      "faction enum(stalker, 'bandit, the', it's) | NOT NULL | DEFAULT 'stalker'",
      "bio TEXT | COLLATE utf8mb4_bin",
      "updated_at TIMESTAMP | DEFAULT CURRENT_TIMESTAMP | ON UPDATE CURRENT_TIMESTAMP",
      "lat DECIMAL(10, 8)",
      "lng DECIMAL(11, 8)",
      "team_id INT | REFERENCES teams (id) ON DELETE SET NULL",
    ]);
    expect(t.columns[1]!.description).toBe("shown to others");
    expect(t.indexes.map((i) => [i.columns.join("+"), i.unique, i.name ?? null])).toEqual([
      ["team_id", false, "idx_team"],
      ["nickname+faction", false, null],
      ["lat+lng", true, "uk_pos"],
      ["lat+lng", false, "idx_location"],
    ]);
    expect(t.checks?.map((c) => [c.expression.text, c.name, c.dialect])).toEqual([["lat BETWEEN -90 AND 90", "chk_lat", "mysql"]]);
    expect(r.diagnostics).toEqual([]);
    expect(r.notes.map((n) => n.message)).toEqual([expect.stringMatching(/^FULLTEXT index .* is not migrated/)]);
  });

  it("reads ALTER TABLE ... ADD and CREATE INDEX, and skips DELIMITER-wrapped triggers", () => {
    const r = read(
      fence(
        "mysql",
        `ALTER TABLE players ADD COLUMN score INT NOT NULL DEFAULT 0, ADD INDEX idx_score (score), ADD CONSTRAINT fk FOREIGN KEY (team_id) REFERENCES teams(id);
CREATE UNIQUE INDEX uq_nick ON players (nickname);
DELIMITER //
CREATE TRIGGER bump BEFORE UPDATE ON players FOR EACH ROW BEGIN SET NEW.score = NEW.score + 1; END //
DELIMITER ;
CREATE TABLE after_trigger (id INT);`,
      ),
    );
    expect(r.diagnostics).toEqual([]);
    expect(r.tables.map((t) => [t.name.text, t.fragment ?? false, columns(t), t.indexes.map((i) => i.name)])).toEqual([
      ["players", true, ["score INT | NOT NULL | DEFAULT 0", "team_id | REFERENCES teams(id)"], ["idx_score"]],
      ["after_trigger", false, ["id INT"], []],
    ]);
    expect(r.indexes.map((i) => [i.table, i.columns, i.unique])).toEqual([["players", ["nickname"], true]]);
  });

  it("takes the dialect from the fence when the text does not say", () => {
    const bad = "CREATE TABLE t (id INT NOT NULL FOO);";
    expect(read(fence("mysql", bad)).diagnostics[0]!.message).toContain("is not valid MySQL");
    expect(read(fence("sql", bad)).diagnostics[0]!.message).toContain("is not valid PostgreSQL");
    expect(read(fence("sql", "CREATE TABLE `t` (id INT NOT NULL FOO);")).diagnostics[0]!.message).toContain("is not valid MySQL");
  });
});

describe("SQLite", () => {
  it("reads AUTOINCREMENT, INTEGER PRIMARY KEY and WITHOUT ROWID", () => {
    const r = read(
      fence(
        "sqlite",
        `CREATE TABLE IF NOT EXISTS hashtags (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE,
  owner INTEGER REFERENCES users(id) ON DELETE CASCADE,
  anything,
  CHECK (name <> '')
);
CREATE TABLE kv (k TEXT PRIMARY KEY, v BLOB) WITHOUT ROWID;`,
      ),
    );
    expect(r.tables.map((t) => [t.name.text, columns(t), (t.checks ?? []).map((c) => `${c.dialect}: ${c.expression.text}`)])).toEqual([
      [
        "hashtags",
        ["id INTEGER | PRIMARY KEY | AUTOINCREMENT", "name TEXT | NOT NULL | UNIQUE | COLLATE NOCASE", "owner INTEGER | REFERENCES users(id) ON DELETE CASCADE"],
        ["sqlite: name <> ''"],
      ],
      ["kv", ["k TEXT | PRIMARY KEY", "v BLOB"], []],
    ]);
    expect(r.diagnostics.map((d) => d.message)).toEqual(['column "anything" has no type; it is not read']);
  });
});

describe("positions", () => {
  it("point into the spec file for a block that starts mid-file", () => {
    const md = `# Schema

Some prose first.

## tasks

\`\`\`sql
-- the tasks table
CREATE TABLE tasks (
    id SERIAL PRIMARY KEY,
    title   VARCHAR(200) NOT NULL DEFAULT 'x',
    CONSTRAINT chk CHECK (char_length(title) > 0)
);
CREATE INDEX idx_title ON tasks (title);
\`\`\`
`;
    const r = read(md);
    const t = r.tables[0]!;
    const title = t.columns[1]!;
    expect(at(t.name.span)).toBe(pos(md, "tasks (") );
    expect([at(title.name.span), at(title.type.span), ...title.constraints.map((c) => at(c.span))]).toEqual([
      pos(md, "title "),
      pos(md, "VARCHAR(200)"),
      pos(md, "NOT NULL"),
      pos(md, "DEFAULT 'x'"),
    ]);
    expect(at(t.checks![0]!.expression.span)).toBe(pos(md, "char_length(title) > 0"));
    expect(at(r.indexes[0]!.span)).toBe(pos(md, "CREATE INDEX"));
  });

  it("stay exact after non-ASCII text (PostgreSQL's offsets are in bytes)", () => {
    const md = fence(
      "sql",
      `CREATE TABLE 文章 (
  -- 标题：不能为空 — 最多 200 字
  "标题" VARCHAR(200) NOT NULL, -- ✓ emoji 🎉 too
  body TEXT DEFAULT '— ☃ —' CHECK (body <> ''),
  status ENUM('草稿', 'published') DEFAULT '草稿'
);`,
    );
    // ENUM makes this MySQL; the same table without it is PostgreSQL.
    for (const text of [md, md.replace(",\n  status ENUM('草稿', 'published') DEFAULT '草稿'", "")]) {
      const r = read(text);
      expect(r.diagnostics).toEqual([]);
      const t = r.tables[0]!;
      expect(t.name.text).toBe("文章");
      const [title, body] = t.columns;
      expect([at(title!.name.span), at(title!.type.span), at(title!.constraints[0]!.span)]).toEqual([pos(text, "标题\""), pos(text, "VARCHAR"), pos(text, "NOT NULL")]);
      expect(body!.constraints.map((c) => [c.text, at(c.span)])).toEqual([
        ["DEFAULT '— ☃ —'", pos(text, "DEFAULT '—")],
        ["CHECK (body <> '')", pos(text, "CHECK")],
      ]);
    }
  });
});

describe("sqlDialectsOf", () => {
  it("names the dialects a block's statements are read in first", () => {
    expect(sqlDialectsOf({ lang: "sql", text: "CREATE TABLE a (id INT); CREATE FUNCTION f() RETURNS int AS $$ SELECT 1 $$ LANGUAGE sql;" })).toEqual(["postgresql"]);
    expect(sqlDialectsOf({ lang: "mysql", text: "CREATE TABLE a (id INT);" })).toEqual(["mysql"]);
    expect(sqlDialectsOf({ lang: "sql", text: "CREATE TABLE a (id INT AUTO_INCREMENT); CREATE TABLE b (id INT);" })).toEqual(["mysql"]);
    expect(sqlDialectsOf({ lang: "sql", text: "CREATE TABLE a (id INTEGER PRIMARY KEY AUTOINCREMENT);\nCREATE TABLE b (x INT) ENGINE=InnoDB;" })).toEqual(["mysql", "sqlite"]);
    expect(sqlDialectsOf({ lang: "sql", text: "SELECT 1;" })).toEqual([]);
  });

  it("loads only the parsers asked for, and a MySQL build only when a MySQL statement comes", async () => {
    vi.resetModules();
    const fresh = await import("../../generator/parse/read-sql.js");
    const parsers = await import("../../generator/parse/sql-parsers.js");
    expect(parsers.loadedSqlParsers()).toEqual([]);
    const mysqlOnly = await fresh.loadSqlReader({ dialects: ["mysql"] });
    expect(parsers.loadedSqlParsers()).toEqual([]);
    const r = mysqlOnly(blockOf(fence("mysql", "CREATE TABLE a (id INT UNSIGNED AUTO_INCREMENT PRIMARY KEY);")), {});
    expect(columns(r.tables[0])).toEqual(["id INT UNSIGNED | >= 0 | AUTO_INCREMENT | PRIMARY KEY"]);
    expect(parsers.loadedSqlParsers()).toEqual(["node-sql-parser/mysql"]);
  });

  it("no parser is imported at the top of the modules (a spec without SQL loads none)", () => {
    for (const file of ["generator/parse/read-sql.ts", "generator/parse/sql-parsers.ts", "generator/parse/sql-expression.ts"]) {
      const src = readFileSync(path.join(root, file), "utf8");
      const imports = [...src.matchAll(/^import\s+(?!type\b)[^;]*?from\s+"([^"]+)"/gm)].map((m) => m[1]);
      expect(imports.filter((m) => /libpg-query|node-sql-parser/.test(m!)), file).toEqual([]);
    }
  });
});

describe("lexSql / splitSqlStatements", () => {
  it("split at semicolons outside quotes, comments and dollar quotes", () => {
    const text = `SELECT ';' AS a; -- ; here\n/* ; /* nested ; */ */ SELECT $f$ ; $f$, "x;y", E'\\';'; SELECT 3`;
    expect(splitSqlStatements(lexSql(text)).map((s) => text.slice(s.start, s.end))).toEqual([
      "SELECT ';' AS a",
      `SELECT $f$ ; $f$, "x;y", E'\\';'`,
      "SELECT 3",
    ]);
    const my = "SELECT 'a\\';b' # comment ;\n; SELECT `a;b`";
    expect(splitSqlStatements(lexSql(my, { mysql: true })).map((s) => my.slice(s.start, s.end))).toEqual(["SELECT 'a\\';b'", "SELECT `a;b`"]);
  });
});

// ---------------------------------------------------------------- every SQL block there is

const root = path.resolve(import.meta.dirname, "../..");
const corpus = path.resolve(root, "../shared/corpus");

interface FoundBlock extends SourceBlock {
  readonly source: string;
}

/** Fenced SQL blocks (sql/postgres/mysql/sqlite, or unlabelled with CREATE TABLE), with exact positions even when indented. */
function sqlBlocks(file: string, rel: string): FoundBlock[] {
  const src = readFileSync(file, "utf8");
  const lines = src.split("\n");
  const out: FoundBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = /^( *)(```+|~~~+)\s*([\w-]*)/.exec(lines[i]!);
    if (!m) continue;
    const indent = m[1]!.length;
    const closeRe = new RegExp(`^ *${m[2]![0] === "`" ? "`" : "~"}{${m[2]!.length},}\\s*$`);
    let j = i + 1;
    while (j < lines.length && !closeRe.test(lines[j]!)) j++;
    const body = lines.slice(i + 1, j).map((l) => l.slice(Math.min(indent, l.length - l.trimStart().length)));
    const text = body.join("\n");
    const lang = m[3]!.toLowerCase();
    const first = i + 1;
    i = j;
    if (!/^(sql|postgres|postgresql|psql|pgsql|mysql|sqlite)$/.test(lang) && !(lang === "" && /create\s+table/i.test(text))) continue;
    const starts = [0];
    for (let k = 0; k < text.length; k++) if (text[k] === "\n") starts.push(k + 1);
    const mapAt = (offset: number): Span => {
      let line = starts.length - 1;
      while (starts[line]! > offset) line--;
      const cut = lines[first + line]!.length - body[line]!.length;
      return { file: rel, line: first + line + 1, column: offset - starts[line]! + cut + 1 };
    };
    out.push({ text, file: rel, lang, at: mapAt, source: src });
  }
  return out;
}

function allBlocks(): { folder: string; block: FoundBlock }[] {
  const found: { folder: string; block: FoundBlock }[] = [];
  const add = (folder: string, files: string[]) => {
    for (const f of files) for (const block of sqlBlocks(f, path.relative(root, f))) found.push({ folder, block });
  };
  if (existsSync(corpus)) {
    for (const d of readdirSync(corpus).sort()) if (statSync(path.join(corpus, d)).isDirectory()) add(d, markdownFiles(path.join(corpus, d)));
  }
  add("golden", markdownFiles(path.join(root, "tests/golden")).filter((f) => f.includes(`${path.sep}specs${path.sep}`)));
  add("specs", markdownFiles(path.join(root, "specs")));
  return found;
}

/** The text at a span of the file. */
function textAt(source: string, s: Span, length: number): string {
  const line = source.split("\n")[s.line - 1] ?? "";
  return line.slice(s.column - 1, s.column - 1 + length);
}

describe("every SQL block of the corpus and the repository", () => {
  const blocks = allBlocks();

  it("reads without throwing, with every text where the file has it", () => {
    expect(blocks.length).toBeGreaterThan(5);
    for (const { block } of blocks) {
      const r = reader(block, { sectionTable: "section_table" });
      const where = `${block.file}:${block.at(0).line}`;
      const texts = r.tables.flatMap((t) => [
        ...t.columns.flatMap((c) => [c.name, ...(c.type.text && !/^(enum|set)\(/.test(c.type.text) ? [c.type] : []), ...c.constraints]),
        ...(t.checks ?? []).map((c) => c.expression),
      ]);
      for (const x of [...texts, ...r.enums.flatMap((e) => e.values)]) {
        if (!x.text) continue;
        const line = x.text.split("\n")[0]!;
        expect(textAt(block.source, x.span, line.length), `${where} ${x.text}`).toBe(line);
      }
      for (const d of [...r.diagnostics, ...r.notes]) expect(textAt(block.source, d.span, 1).trim(), `${where} ${"message" in d ? d.message : ""}`).not.toBe("");
    }
  });

  it("finds every CREATE TABLE a person sees (MySQL in 17-stalkerpda, PostgreSQL and SQLite elsewhere)", () => {
    const counted = new Map<string, { want: number; got: number }>();
    for (const { folder, block } of blocks) {
      const want = (block.text.replace(/--[^\n]*/g, "").match(/\bCREATE\s+(?:TEMP(?:ORARY)?\s+)?TABLE\b/gi) ?? []).length;
      const got = reader(block, {}).tables.filter((t) => !t.fragment).length;
      const c = counted.get(folder) ?? { want: 0, got: 0 };
      counted.set(folder, { want: c.want + want, got: c.got + got });
    }
    const stalker = counted.get("17-stalkerpda");
    if (existsSync(corpus)) expect(stalker?.want).toBeGreaterThan(10);
    for (const [folder, c] of counted) expect(c.got, folder).toBe(c.want);
  });
});

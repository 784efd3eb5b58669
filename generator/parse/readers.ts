// Which formal language a fenced block holds, and the readers for them, each loaded (with its
// parser: PostgreSQL's WASM parser, node-sql-parser, prisma-ast, the TypeScript compiler,
// DBML's own compiler)
// only when a spec contains that language: a spec written in Markdown tables loads none.
// A Mermaid block is read only when it is an erDiagram (a flowchart says nothing of tables).
import type { BlockReader } from "./block.js";
import { looksLikeDbml } from "./dbml-shape.js";
import { classDiagramAt, erDiagramAt } from "./mermaid-shape.js";
import { plantUmlClassesAt } from "./plantuml-shape.js";
import { holdsEntityClasses } from "./entity-shape.js";
import { holdsJpaEntities, looksLikeJpaEntities } from "./jpa-shape.js";
import { holdsEfCoreEntities } from "./efcore-shape.js";
import { holdsGoStructs } from "./go-shape.js";
import { holdsLaravelMigration } from "./laravel-shape.js";
import { holdsRailsSchema } from "./rails-shape.js";
import { holdsInterfaces } from "./interface-shape.js";
import { holdsGraphqlTypes, startsWithGraphqlType } from "./graphql-shape.js";
import { holdsJsonSchema } from "./jsonschema-shape.js";
import { holdsKotlinClasses } from "./kotlin-shape.js";

/** A Mongoose schema in a block: `new Schema(`, `new mongoose.Schema(` (read-mongoose.ts reads it). */
const MONGOOSE = /\bnew\s+(?:mongoose\s*\.\s*)?Schema\s*(?:<[^>]*>\s*)?\(|\bmongoose\s*\.\s*Schema\s*\(\s*\{/;

export type Language = "sql" | "prisma" | "drizzle" | "python" | "mermaid" | "dbml" | "mongoose" | "entities" | "class-diagram" | "jpa" | "efcore" | "go" | "laravel" | "rails" | "interfaces" | "graphql" | "jsonschema" | "kotlin";

/** The language of a fenced block from its info string, or from its text when the fence names none. */
export function blockLanguage(lang: string, text: string): Language | null {
  const l = lang.trim().toLowerCase().split(/\s+/)[0] ?? "";
  if (/^(sql|postgres|postgresql|psql|pgsql|plpgsql|mysql|mariadb|sqlite|sqlite3|plsql|tsql|ddl)$/.test(l)) {
    // Fenced as SQL, written in another notation (DBML pasted from dbdiagram.io, an erDiagram):
    // what the text is decides, when it holds no SQL statement that makes a table.
    if (!/\bcreate\s+(?:(?:temp|temporary|unlogged)\s+)?(table|type|unique\s+index|index)\b|\balter\s+table\b/i.test(text)) {
      if (erDiagramAt(text) >= 0) return "mermaid";
      if (looksLikeDbml(text)) return "dbml";
    }
    return "sql";
  }
  if (l === "prisma") return "prisma";
  if (l === "go" || l === "golang") return holdsGoStructs(text, true) ? "go" : null;
  if (l === "php" || l === "laravel") return holdsLaravelMigration(text) ? "laravel" : null;
  if (l === "ruby" || l === "rb" || l === "rails") return holdsRailsSchema(text, true) ? "rails" : null;
  if (l === "dbml") return "dbml";
  if (/^(json|jsonc|json5|jsonschema|ya?ml)$/.test(l)) return holdsJsonSchema(l, text) ? "jsonschema" : null;
  if (/^(graphql|gql|graphqls)$/.test(l)) return holdsGraphqlTypes(text) ? "graphql" : null;
  if (/^(python|py|python3)$/.test(l)) return "python";
  if (/^(ts|typescript|tsx|js|javascript|jsx|mjs|cjs)$/.test(l)) return DRIZZLE.test(text) ? "drizzle" : MONGOOSE.test(text) ? "mongoose" : holdsEntityClasses(text) ? "entities" : holdsInterfaces(text) ? "interfaces" : null;
  // JPA / Hibernate entities (Java): read-jpa.ts.
  if (l === "java") return holdsJpaEntities(text) ? "jpa" : null;
  // Kotlin data classes and entities (JPA, Room): read-kotlin.ts.
  if (/^(kotlin|kt|kts)$/.test(l)) return holdsKotlinClasses(text) ? "kotlin" : null;
  // Entity Framework Core entity classes (C#): read-efcore.ts.
  if (/^(csharp|cs|c#)$/.test(l)) return holdsEfCoreEntities(text) ? "efcore" : null;
  if (l === "mermaid" || l === "mmd") return erDiagramAt(text) >= 0 ? "mermaid" : classDiagramAt(text) >= 0 ? "class-diagram" : null;
  if (/^(plantuml|puml|uml)$/.test(l)) return plantUmlClassesAt(text) >= 0 ? "class-diagram" : null;
  if (l === "" || /^(text|plain|plaintext|txt|code|schema|db|database)$/.test(l)) {
    if (erDiagramAt(text) >= 0) return "mermaid";
    if (classDiagramAt(text) >= 0 || plantUmlClassesAt(text) >= 0) return "class-diagram";
    if (/\bcreate\s+(table|type|unique\s+index|index)\b|\balter\s+table\b/i.test(text)) return "sql";
    if (looksLikeDbml(text)) return "dbml";
    if (startsWithGraphqlType(text)) return "graphql";
    if (/^\s*(model|enum)\s+\w+\s*\{/m.test(text) && /^\s*\w+\s+\w+(\[\]|\?)?(\s+@|\s*$)/m.test(text)) return "prisma";
    if (/\b(pg|mysql|sqlite)Table\s*\(/.test(text)) return "drizzle";
    if (/^\s*class\s+\w+\s*\(.*\b(SQLModel|Base|DeclarativeBase|models\.Model|BaseModel)\b/m.test(text)) return "python";
    if (MONGOOSE.test(text)) return "mongoose";
    if (looksLikeJpaEntities(text)) return "jpa";
    if (holdsGoStructs(text, false)) return "go";
    if (/\bdata\s+class\s+[A-Z]\w*\s*\(/.test(text) && holdsKotlinClasses(text)) return "kotlin";
    if (holdsLaravelMigration(text)) return "laravel";
    if (holdsRailsSchema(text, false)) return "rails";
    // Unfenced, only with TypeScript's property annotations (`title: string`): a Java @Entity is not TypeScript.
    if (holdsEntityClasses(text) && /\b\w+[!?]?\s*:\s*[\w'"]/.test(text)) return "entities";
  }
  return null;
}

/**
 * Drizzle schema code: tables, enums, or indexes declared apart from their table; and zod
 * schemas (`z.object(`, drizzle-zod's `createInsertSchema(`), whose rules the same reader reads
 * onto the tables' columns.
 */
const DRIZZLE = /\b(pg|mysql|sqlite)Table\s*\(|\b(pg|mysql)Enum\s*\(|\.table\s*\(\s*["'`]|\b(pg|mysql|sqlite)(TableCreator|Schema)\s*\(|\b(?:index|uniqueIndex)\s*\(\s*["'`][^)]*\)\s*\.on\s*\(|\bz\.(?:object|strictObject|looseObject)\s*\(|\bcreate(?:Insert|Select|Update)Schema\s*\(/;

export type Readers = Partial<Record<Language, BlockReader>>;

const loaded: Readers = {};

/**
 * Loads the readers of these languages (once per process). `sql` lists the SQL blocks, so a
 * spec written only in MySQL never loads PostgreSQL's WASM parser.
 */
export async function loadReaders(langs: Iterable<Language>, sql: readonly { text: string; lang: string }[] = []): Promise<Readers> {
  for (const lang of langs) {
    if (loaded[lang] && lang !== "sql") continue;
    switch (lang) {
      case "sql": {
        const { loadSqlReader } = await import("./read-sql.js");
        const { sqlDialectsOf } = await import("./sql-dialect.js");
        const dialects = [...new Set(sql.flatMap((b) => sqlDialectsOf(b)))];
        loaded.sql = await loadSqlReader(dialects.length ? { dialects } : {});
        break;
      }
      case "prisma":
        loaded.prisma = await (await import("./read-prisma.js")).loadPrismaReader();
        break;
      case "drizzle":
        loaded.drizzle = await (await import("./read-drizzle.js")).loadDrizzleReader();
        break;
      case "python":
        loaded.python = await (await import("./read-python.js")).loadPythonReader();
        break;
      case "mermaid":
        loaded.mermaid = (await import("./read-mermaid.js")).loadMermaidReader();
        break;
      case "dbml":
        loaded.dbml = await (await import("./read-dbml.js")).loadDbmlReader();
        break;
      case "mongoose":
        loaded.mongoose = await (await import("./read-mongoose.js")).loadMongooseReader();
        break;
      case "class-diagram":
        loaded["class-diagram"] = (await import("./read-class-diagram.js")).loadClassDiagramReader();
        break;
      case "entities":
        loaded.entities = await (await import("./read-entities.js")).loadEntityReader();
        break;
      case "jpa":
        loaded.jpa = await (await import("./read-jpa.js")).loadJpaReader();
        break;
      case "efcore":
        loaded.efcore = (await import("./read-efcore.js")).loadEfCoreReader();
        break;
      case "go":
        loaded.go = (await import("./read-go-structs.js")).loadGoStructReader();
        break;
      case "laravel":
        loaded.laravel = (await import("./read-laravel.js")).loadLaravelReader();
        break;
      case "rails":
        loaded.rails = (await import("./read-rails.js")).loadRailsReader();
        break;
      case "kotlin":
        loaded.kotlin = (await import("./read-kotlin.js")).loadKotlinReader();
        break;
      case "graphql":
        loaded.graphql = await (await import("./read-graphql.js")).loadGraphqlReader();
        break;
      case "jsonschema":
        loaded.jsonschema = (await import("./read-jsonschema.js")).loadJsonSchemaReader();
        break;
      case "interfaces":
        loaded.interfaces = await (await import("./read-interfaces.js")).loadInterfaceReader();
        break;
    }
  }
  return loaded;
}

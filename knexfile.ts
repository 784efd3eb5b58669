// Knex CLI configuration for the generated app, e.g. `npx knex migrate:status`.
// DATABASE_URL selects PostgreSQL; the generated migrations are loaded from a static
// list, the same one the server applies at start.
import type { Knex } from "knex";
import { migrations } from "./generated/migrations/index.js";
import { migrationConfig } from "./generated/runtime/migrate.js";

const config: Knex.Config = {
  client: "pg",
  connection: process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test",
  migrations: migrationConfig(migrations),
};

export default config;

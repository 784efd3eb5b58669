// Runs the generated migrations through Knex's migrator from a static list, so no
// file-system scanning or TypeScript loader is involved at run time.
import type { Knex } from "knex";

export interface Migration {
  readonly name: string;
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}

class StaticSource implements Knex.MigrationSource<Migration> {
  constructor(private readonly list: readonly Migration[]) {}
  async getMigrations(): Promise<Migration[]> {
    return [...this.list];
  }
  getMigrationName(m: Migration): string {
    return m.name;
  }
  async getMigration(m: Migration): Promise<Knex.Migration> {
    return { up: m.up, down: m.down };
  }
}

export function migrationConfig(list: readonly Migration[]): Knex.MigratorConfig {
  return { migrationSource: new StaticSource(list), tableName: "specforge_migrations" };
}

export async function migrateLatest(knex: Knex, list: readonly Migration[]): Promise<string[]> {
  const [, applied] = (await knex.migrate.latest(migrationConfig(list))) as [number, string[]];
  return applied;
}

export async function migrateDown(knex: Knex, list: readonly Migration[], toZero = false): Promise<void> {
  const cfg = migrationConfig(list);
  if (toZero) await knex.migrate.rollback(cfg, true);
  else await knex.migrate.down(cfg);
}

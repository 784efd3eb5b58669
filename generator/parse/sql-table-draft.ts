// A table as the SQL reader gathers it from CREATE TABLE, ALTER TABLE ... ADD and constraints
// quoted under a table's heading: its columns, indexes and checks, done into the raw shape
// (each column's constraint phrases in the order they were written).
import type { RawCheck, RawColumn, RawForeignKey, RawIndex, RawTable, RawText } from "./raw.js";
import { sameName } from "./sql-statements.js";

export interface ColumnDraft {
  name: RawText;
  type: RawText;
  constraints: { raw: RawText; at: number }[];
  description?: string;
}

export class TableDraft {
  readonly columns: ColumnDraft[] = [];
  readonly indexes: RawIndex[] = [];
  readonly checks: RawCheck[] = [];
  readonly foreignKeys: RawForeignKey[] = [];
  description?: string;
  constructor(
    readonly name: RawText,
    readonly fragment: boolean,
  ) {}

  column(name: string): ColumnDraft | undefined {
    return this.columns.find((c) => c.name.text === name) ?? this.columns.find((c) => sameName(c.name.text, name));
  }

  done(): RawTable {
    return {
      name: this.name,
      columns: this.columns.map((c): RawColumn => ({
        name: c.name,
        type: c.type,
        constraints: [...c.constraints].sort((a, b) => a.at - b.at).map((x) => x.raw),
        ...(c.description ? { description: c.description } : {}),
      })),
      indexes: this.indexes,
      ...(this.checks.length ? { checks: this.checks } : {}),
      ...(this.foreignKeys.length ? { foreignKeys: this.foreignKeys } : {}),
      ...(this.description ? { description: this.description } : {}),
      notation: "sql",
      ...(this.fragment ? { fragment: true } : {}),
    };
  }
}

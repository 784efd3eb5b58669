// Specs written one folder per feature (spec-kit's specs/NNN-name/, each with its own
// data-model.md and contracts/): every feature's model and every contract is part of the spec.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadSpecs } from "../../generator/front.js";
import { readSpecs, specPartKey } from "../../generator/read/read-specs.js";
import { table } from "./helpers.js";

const tmp = mkdtempSync(path.join(tmpdir(), "specforge-features-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function project(name: string, files: Record<string, string>): string {
  const dir = path.join(tmp, name);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

const ACCOUNTS = `# Data model: accounts

## members

| Field | Type | Constraints |
|---|---|---|
| id | uuid | primary key |
| nickname | varchar(40) | not null |
`;

const LIBRARY = `# Data model: library

## shelves

| Field | Type | Constraints |
|---|---|---|
| id | serial | primary key |
| member_id | uuid | not null, references members(id) |
| label | varchar(60) | not null |
`;

const LOANS = `# Data model: loans

## loans

| Field | Type | Constraints |
|---|---|---|
| id | serial | primary key |
| member_id | uuid | not null, references members(id) |
| shelf_id | integer | not null, references shelves(id) |
| due_on | date | not null |
`;

describe("a model per feature folder", () => {
  it("reads each feature's data-model.md, in the features' order, as one schema", async () => {
    const dir = project("three-features", {
      "specs/001-accounts/data-model.md": ACCOUNTS,
      "specs/002-library/data-model.md": LIBRARY,
      "specs/003-loans/data-model.md": LOANS,
    });
    const r = await loadSpecs(path.join(dir, "specs"), dir);
    expect(r.diagnostics.filter((d) => d.code === "SF101" || d.severity === "error")).toEqual([]);
    expect(r.files?.read).toEqual(["specs/001-accounts/data-model.md", "specs/002-library/data-model.md", "specs/003-loans/data-model.md"]);
    expect(r.ir!.tables.map((t) => t.name).sort()).toEqual(["loans", "members", "shelves"]);
    // A table of a later feature references one of an earlier feature's.
    expect(table(r.ir!, "loans").columns.find((c) => c.name === "shelf_id")!.references).toMatchObject({ table: "shelves", column: "id" });
    expect(table(r.ir!, "shelves").span.file).toBe("specs/002-library/data-model.md");
  });

  it("reads every contract of every feature as one API spec", async () => {
    const dir = project("contracts", {
      "specs/001-accounts/data-model.md": ACCOUNTS,
      "specs/002-library/data-model.md": LIBRARY,
      "specs/002-library/contracts/shelves-api.md": "# Shelves\n\n### GET /api/shelves\n\nMine.\n\n### POST /api/shelves\n\nAdd one.\n",
      "specs/002-library/contracts/members-api.md": "# Members\n\n### GET /api/members/{id}\n\nOne member.\n",
      "specs/003-loans/data-model.md": LOANS,
      "specs/003-loans/contracts/loans.md": "# Loans\n\n### GET /api/loans\n\nMine.\n",
    });
    const r = await loadSpecs(path.join(dir, "specs"), dir);
    expect(r.diagnostics.filter((d) => d.code === "SF101" || d.code === "SF200")).toEqual([]);
    expect(r.ir!.endpoints.map((e) => `${e.method} ${e.path}`).sort()).toEqual(["get /api/loans", "get /api/members/{id}", "get /api/shelves", "post /api/shelves"]);
  });

  it("still reads one file of a kind when the others are not feature parts (and says so)", async () => {
    const dir = project("rivals", {
      "specs/alpha/data-model.md": ACCOUNTS,
      "specs/beta/data-model.md": LIBRARY,
    });
    const r = await readSpecs(path.join(dir, "specs"), dir);
    expect(r.schema?.path).toBe("specs/alpha/data-model.md");
    expect(r.more).toBeUndefined();
    expect(r.diagnostics.map((d) => d.code)).toEqual(["SF101"]);
  });

  it("keys a path by what is left once the feature folder and a contract's file name are set aside", () => {
    expect(specPartKey("001-auth/data-model.md")).toBe("*/data-model.md");
    expect(specPartKey("12_orders/data-model.md")).toBe("*/data-model.md");
    expect(specPartKey("003-loans/contracts/loans-api.yaml")).toBe("*/contracts/*");
    expect(specPartKey("contracts/openapi.yaml")).toBe("contracts/*");
    expect(specPartKey("alpha/data-model.md")).toBe("alpha/data-model.md");
  });
});

// Item actions written in pairs, one the opposite of the other ("/finish" and "/unfinish",
// "/complete" and "/incomplete", "/archive" and "/unarchive", "/publish" and "/unpublish"): each
// sets the flag or state one way; a verb alone that completes still toggles.
import { describe, expect, it } from "vitest";
import { load } from "./helpers.js";

const SCHEMA = `# Data model

## users
- \`id\` (uuid, PK)

## chores
- \`id\` (serial, PK)
- \`user_id\` (FK → users.id)
- \`label\` (string, required)
- \`complete\` (boolean, default false)
- \`archived\` (boolean, default false)

## posts
- \`id\` (serial, PK)
- \`user_id\` (FK → users.id)
- \`state\` (enum: draft, published, unpublished)
`;

const api = (lines: string[]) => `# API\n\n| Method | Path | Description |\n|---|---|---|\n${lines.map((l) => `| ${l.split(" ")[0]} | ${l.split(" ")[1]} | ${l.split(" ").slice(2).join(" ")} |`).join("\n")}\n`;

describe("opposite item actions", () => {
  it("each of a pair sets its value; neither is a 501 stub", async () => {
    const r = await load(SCHEMA, api([
      "PATCH /chores/{id}/complete mark it done",
      "PATCH /chores/{id}/incomplete mark it not done",
      "POST /chores/{id}/archive put away",
      "POST /chores/{id}/unarchive bring back",
      "POST /posts/{id}/publish show it",
      "POST /posts/{id}/unpublish hide it",
    ]));
    const on = (p: string) => r.ir!.endpoints.find((e) => `${e.method.toUpperCase()} ${e.path}` === p);
    expect(on("PATCH /chores/{id}/complete")).toMatchObject({ action: { kind: "set", field: "complete", value: true } });
    expect(on("PATCH /chores/{id}/incomplete")).toMatchObject({ action: { kind: "set", field: "complete", value: false } });
    expect(on("POST /chores/{id}/archive")).toMatchObject({ action: { kind: "set", field: "archived", value: true } });
    expect(on("POST /chores/{id}/unarchive")).toMatchObject({ action: { kind: "set", field: "archived", value: false } });
    expect(on("POST /posts/{id}/publish")).toMatchObject({ action: { kind: "set", field: "state", value: "published" } });
    expect(on("POST /posts/{id}/unpublish")).toMatchObject({ action: { kind: "set", field: "state", value: "unpublished" } });
    expect(r.diagnostics.filter((d) => d.code === "SF204")).toEqual([]);
  });

  it("a completing verb with no opposite beside it still toggles", async () => {
    const r = await load(SCHEMA, api(["PATCH /chores/{id}/complete flip done"]));
    expect(r.ir!.endpoints.find((e) => e.path === "/chores/{id}/complete")).toMatchObject({ action: { kind: "toggle", field: "complete" } });
  });
});

// Column tables written in Malay or Indonesian, and Japanese design sheets that tick and cross
// (○ / ×). Before: Malay key words ("Kunci utama", "Kunci asing ke pengguna.id") were not
// understood (SF108), "Ya"/"Tidak" and "○"/"×" in a Required column were not read (every column
// nullable), and a users table named "pengguna" was not the users table (nothing was owned).
import { describe, expect, it } from "vitest";
import { load } from "./helpers.js";

describe("Malay and Indonesian column tables", () => {
  it("reads required, unique, keys, references and the users table", async () => {
    const r = await load(`# Skema

## pengguna

| Medan | Jenis | Wajib | Unik | Keterangan |
|---|---|---|---|---|
| id | UUID | Ya | Ya | Kunci utama |
| emel | VARCHAR(120) | Ya | Ya | |

## resit

| Medan | Jenis | Wajib | Unik | Keterangan |
|---|---|---|---|---|
| id | SERIAL | Ya | | Kunci utama |
| pengguna_id | UUID | Ya | | Kunci asing ke pengguna.id |
| jumlah | NUMERIC(10,2) | Ya | Tidak | |
| catatan | TEXT | Tidak | | |
`);
    expect(r.diagnostics.filter((d) => d.code === "SF108")).toEqual([]);
    const users = r.ir!.tables.find((t) => t.name === "pengguna")!;
    const receipts = r.ir!.tables.find((t) => t.name === "resit")!;
    expect(users.identity).toBe(true);
    expect(users.columns.find((c) => c.name === "emel")).toMatchObject({ nullable: false, unique: true });
    expect(receipts.owner).toBe("pengguna_id");
    expect(receipts.columns.find((c) => c.name === "pengguna_id")!.references).toMatchObject({ table: "pengguna", column: "id" });
    expect(receipts.columns.find((c) => c.name === "jumlah")!.nullable).toBe(false);
    expect(receipts.columns.find((c) => c.name === "catatan")!.nullable).toBe(true);
  });
});

describe("Japanese ○ / × marks", () => {
  it("reads a Required column of marks", async () => {
    const r = await load(`# テーブル定義

## diaries

| カラム名 | 型 | 必須 | 説明 |
|---|---|---|---|
| id | SERIAL | ○ | 主キー |
| body | TEXT | ○ | 本文 |
| mood | TEXT | × | 気分 |
`);
    const t = r.ir!.tables.find((x) => x.name === "diaries")!;
    expect(t.columns.find((c) => c.name === "body")!.nullable).toBe(false);
    expect(t.columns.find((c) => c.name === "mood")!.nullable).toBe(true);
  });
});

// Type names written in the spec's own human language ("Ganzzahl", "Inteiro", "Fecha", "日付",
// "Целое") are types, in a column table under any header words, with a length or precision
// after them; a file of any name holding such tables is the schema; a key column named with the
// key word first ("id_cliente", "IdAuthor") and marked as a foreign key points at the table it
// names.
import { mkdtemp, mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadSpecs } from "../../generator/front.js";
import { interpretType } from "../../generator/ir/read-type.js";
import { codes, column, load, table } from "./helpers.js";

describe("type words of other languages", () => {
  it.each([
    ["Ganzzahl", { kind: "integer" }],
    ["inteiro", { kind: "integer" }],
    ["Entero", { kind: "integer" }],
    ["Целое число", { kind: "integer" }],
    ["整数型", { kind: "integer" }],
    ["Zeichenkette(40)", { kind: "string", maxLength: 40 }],
    ["Texto (120)", { kind: "string", maxLength: 120 }],
    ["文字列", { kind: "string" }],
    ["Fecha", { kind: "date" }],
    ["Data", { kind: "date" }],
    ["날짜", { kind: "date" }],
    ["Fecha y hora", { kind: "timestamp" }],
    ["Zeitstempel", { kind: "timestamp" }],
    ["日時", { kind: "timestamp" }],
    ["Uhrzeit", { kind: "time" }],
    ["Booléen", { kind: "boolean" }],
    ["Wahrheitswert", { kind: "boolean" }],
    ["Dezimalzahl (8,3)", { kind: "decimal", precision: 8, scale: 3 }],
    ["Número", { kind: "float" }],
  ])("%s", (text, type) => {
    expect(interpretType(text).type).toEqual(type);
  });

  it("a longer word of the same letters is no type", () => {
    expect(interpretType("Datumsformat").type).toBeNull();
  });
});

const LAGER = (header: string) => `# Lager

## regale

${header}
|---|---|---|
| id | Ganzzahl | Primärschlüssel |
| bezeichnung | Zeichenkette (60) | Pflichtfeld |
| eingerichtet_am | Datum | |
| belegt | Wahrheitswert | |

## kisten

${header}
|---|---|---|
| id | Ganzzahl | Primärschlüssel |
| regal_id | Ganzzahl | Fremdschlüssel → regale.id |
| gewicht | Dezimalzahl (6,2) | |
| gepackt_um | Zeitstempel | |
`;

describe("a column table with types in another language", () => {
  it.each(["| Spalte | Datentyp | Hinweis |", "| Name | Art | Bemerkung |", "| a | b | c |"])("under %s", async (header) => {
    const r = await load(LAGER(header));
    expect(codes(r).filter((c) => c === "SF103" || c === "SF102")).toEqual([]);
    const regale = table(r.ir!, "regale");
    expect(column(regale, "id").type).toEqual({ kind: "integer" });
    expect(column(regale, "bezeichnung").type).toEqual({ kind: "string", maxLength: 60 });
    expect(column(regale, "eingerichtet_am").type).toEqual({ kind: "date" });
    expect(column(regale, "belegt").type).toEqual({ kind: "boolean" });
    const kisten = table(r.ir!, "kisten");
    expect(column(kisten, "gewicht").type).toEqual({ kind: "decimal", precision: 6, scale: 2 });
    expect(column(kisten, "gepackt_um").type).toEqual({ kind: "timestamp" });
    expect(column(kisten, "regal_id").references?.table).toBe("regale");
  });
});

async function dirWith(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "sf-words-"));
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, "specs", name)), { recursive: true });
    await writeFile(path.join(dir, "specs", name), text);
  }
  return dir;
}

describe("a schema file whose name says nothing, found by its tables' types", () => {
  it.each(["lager.md", "docs/modelo.md", "ER.md"])("%s", async (name) => {
    const dir = await dirWith({ [name]: LAGER("| Campo | Tipo | Nota |") });
    const r = await loadSpecs(path.join(dir, "specs"), dir);
    expect(r.files?.read).toEqual([`specs/${name}`]);
    expect(r.ir?.tables.map((t) => t.name)).toEqual(["kisten", "regale"]);
  });
});

const ESCOLA = `# Modelo

## Autor

| Atributo | Propriedade | Tipo |
|---|---|---|
| IdAutor | Chave primária | Inteiro |
| Nome | Obrigatório | Texto |

## Livro

| Atributo | Propriedade | Tipo |
|---|---|---|
| IdLivro | Chave primária | Inteiro |
| IdAutor | Chave estrangeira | Inteiro |
| Titulo | Obrigatório | Texto |

## Emprestimo

| Atributo | Propriedade | Tipo |
|---|---|---|
| id_emprestimo | Chave primária | Inteiro |
| id_livro | Chave estrangeira | Inteiro |
| devolvido_em | Opcional | Data |
`;

describe("a foreign key named with the key word first", () => {
  it("IdAutor and id_livro point at the tables they name", async () => {
    const r = await load(ESCOLA);
    expect(codes(r)).not.toContain("SF116");
    expect(column(table(r.ir!, "livros"), "IdAutor").references?.table).toBe("autors");
    expect(column(table(r.ir!, "emprestimos"), "id_livro").references?.table).toBe("livros");
  });
});

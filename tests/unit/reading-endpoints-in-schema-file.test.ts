// One document holding the tables and, under them, the endpoints ("## Endpoints" with a Method |
// Path table), with or without another API file beside it (a contract of errors and status codes,
// say). Before, the schema file's endpoints were never read: with no API file every table got the
// standard routes; with one, only that file's routes were generated and the rest were lost.
import { describe, expect, it } from "vitest";
import { load } from "./helpers.js";

const SCHEMA = `# Esquema

## usuarios

| Columna | Tipo | Restriccion |
|---|---|---|
| id | UUID | PK |

## recetas

| Columna | Tipo | Restriccion |
|---|---|---|
| id | SERIAL | PK |
| usuario_id | UUID | FK -> usuarios(id) |
| titulo | TEXT | NOT NULL |

## Endpoints

| Metodo | Ruta | Descripcion |
|---|---|---|
| GET | /api/recetas | Listar mis recetas |
| POST | /api/recetas | Crear receta |
| PUT | /api/recetas/:id | Reemplazar receta |
| DELETE | /api/recetas/:id | Borrar receta |
`;

const routes = (r: Awaited<ReturnType<typeof load>>) => r.ir!.endpoints.map((e) => `${e.method} ${e.path} ${e.action.kind}`).sort();

describe("endpoints written in the schema file", () => {
  it("are the API when there is no API file", async () => {
    const r = await load(SCHEMA);
    expect(routes(r)).toEqual(["delete /api/recetas/{id} delete", "get /api/recetas list", "post /api/recetas create", "put /api/recetas/{id} replace"]);
  });

  it("join the API file's own endpoints, which win where both write a route", async () => {
    const r = await load(SCHEMA, `# Contrato\n\nTodas las rutas bajo /api.\n\n### POST /api/recetas/{id}/favorita\nMarcar como favorita.\n\n### DELETE /api/recetas/{id}\nBorrado definitivo. Responds 200.\n`);
    const all = routes(r);
    expect(all).toEqual(expect.arrayContaining(["get /api/recetas list", "post /api/recetas create", "put /api/recetas/{id} replace"]));
    expect(all.filter((x) => x.startsWith("delete /api/recetas/{id}"))).toHaveLength(1);
    expect(r.ir!.endpoints.find((e) => e.method === "delete")!.successStatus).toBe(200);
  });
});

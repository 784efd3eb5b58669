// The standard REST surface every table gets when the spec maps no endpoint to a table.
import { singular } from "../base/naming.js";
import type { RawEndpoint } from "../parse/raw.js";
import { normalisePath } from "./build-endpoints.js";
import { grantsTable, groupViaUsers } from "./ownership.js";
import type { Span, Table } from "./types.js";

/**
 * The standard REST surface for every table: list and create on /api/<table>, get, update and
 * delete on /api/<table>/{id} (reads only for a table shared read-only or one granting roles; none for a table
 * without a one-column key beyond list and create); the users table's own row at
 * /api/<users>/me. Paths the spec already writes are kept as they are.
 */
export function standardEndpoints(tables: readonly Table[], at: Span, existing: readonly RawEndpoint[]): RawEndpoint[] {
  const out: RawEndpoint[] = [];
  const taken = new Set(existing.map((e) => `${e.method.text.toLowerCase()} ${normalisePath(e.path.text)}`));
  const add = (method: string, path: string, summary: string, span: Span) => {
    if (taken.has(`${method.toLowerCase()} ${path}`)) return;
    out.push({ method: { text: method, span }, path: { text: path, span }, summary });
  };
  for (const t of tables) {
    if (t.addedBy || t.internal) continue;
    const seg = t.name.replace(/_/g, "-");
    const one = singular(t.name).replace(/_/g, " ");
    if (t.identity) {
      add("GET", `/api/${seg}/me`, `The caller's own ${one}.`, t.span);
      add("PATCH", `/api/${seg}/me`, `Change the caller's own ${one}.`, t.span);
      continue;
    }
    add("GET", `/api/${seg}`, `List ${t.name.replace(/_/g, " ")}.`, t.span);
    // A group whose members are named by a column of the users table: nothing creates one (SF220).
    // A tenant the token's claim names (scope "tenant" on its own key): the auth service makes them (SF220).
    const ownTenant = t.scope?.kind === "tenant" && t.scope.column === t.primaryKey;
    // A row granting its user a role (user_roles): read by its user, written by the app only (SF230).
    const readOnly = t.shared === "read" || (!!t.owner && grantsTable(t));
    if (!readOnly && !groupViaUsers(t, tables) && !ownTenant) add("POST", `/api/${seg}`, `Create a ${one}.`, t.span);
    if (t.keyColumns) continue;
    add("GET", `/api/${seg}/{id}`, `Get one ${one}.`, t.span);
    if (readOnly) continue;
    add("PATCH", `/api/${seg}/{id}`, `Change a ${one}.`, t.span);
    add("DELETE", `/api/${seg}/{id}`, `Delete a ${one}.`, t.span);
  }
  void at;
  return out;
}

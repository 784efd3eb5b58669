// Hooks for "organizations": your code. specforge created this file once and never overwrites it.
// Each hook runs inside the generated route, after the token, path and body checks:
// before<Action>(event) runs first (throw an HttpProblem to refuse; create/replace/update may return a changed input, validated again);
// after<Action>(event, result) gets the response body and may return a replacement.
// event.db is this request's transaction and event.models the models on it: only the caller's rows.
// Actions of this resource: list, delete, get, update.
// To refuse: import { HttpProblem } from "../../expected/runtime/errors.js"; throw new HttpProblem(403, "why");
import type { ResourceHooks } from "../../expected/runtime/hooks.js";
import type * as models from "../../expected/models/index.js";
import type { OrganizationRow, OrganizationCreate } from "../../expected/schemas/organizations.js";

/** A row as the routes answer with it. */
type Organization = OrganizationRow;

export const hooks: ResourceHooks<Organization, Organization[], OrganizationCreate, typeof models> = {
  // async beforeList({ ctx, userId, db, models }) {},
  // async beforeDelete({ ctx, userId, db, models }) {},
  // async beforeGet({ ctx, userId, db, models }) {},
  // async beforeUpdate({ ctx, userId, db, models }) {},
};

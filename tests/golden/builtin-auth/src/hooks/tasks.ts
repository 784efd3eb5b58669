// Hooks for "tasks": your code. specforge created this file once and never overwrites it.
// Each hook runs inside the generated route, after the token was checked:
// before<Action>(event) runs first (throw an HttpProblem to refuse the request);
// after<Action>(event, result) gets the response body and may return a replacement.
// Actions of this resource: list, create, delete, get, update.
// To refuse: import { HttpProblem } from "../../expected/runtime/errors.js"; throw new HttpProblem(403, "why");
import type { ResourceHooks } from "../../expected/runtime/hooks.js";
import type { Task } from "../../expected/models/tasks.js";

export const hooks: ResourceHooks<Task> = {
  // async beforeList({ ctx, userId }) {},
  // async beforeCreate({ ctx, userId }) {},
  // async beforeDelete({ ctx, userId }) {},
  // async beforeGet({ ctx, userId }) {},
  // async beforeUpdate({ ctx, userId }) {},
};

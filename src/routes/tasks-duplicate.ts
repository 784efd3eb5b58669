// POST /api/{user_id}/tasks/{id}/duplicate: a copy of one of the caller's tasks, with its tags.
// A custom route: specforge never writes this file; it reads the declaration below into
// openapi.json (so the docs page and the typed client have it) and mounts the handler behind
// the same token, {user_id} check and error handling as the generated routes.
import { defineRoute } from "../../generated/runtime/custom-routes.js";
import { HttpProblem } from "../../generated/runtime/errors.js";
import { Task, TaskTag } from "../../generated/models/index.js";
import { taskRowSchema } from "../../generated/schemas/tasks.js";

interface DuplicateBody {
  title?: string;
}

export default defineRoute<DuplicateBody, Task>({
  method: "POST",
  path: "/api/{user_id}/tasks/{id}/duplicate",
  summary: "Copy a task with its tags",
  description: "The copy is not completed; its title is the given one, or the original's with \" (copy)\".",
  request: {
    schema: {
      type: "object",
      properties: { title: { type: "string", minLength: 1, maxLength: 200 } },
      additionalProperties: false,
    },
  },
  response: {
    status: 201,
    schema: { $ref: "#/components/schemas/Task" },
  },
  async handler({ db, params, body }) {
    const id = Number(params.id);
    // db is this request's transaction; the models on it see only the caller's rows:
    // another user's task reads as missing, like a task that does not exist.
    const original = Number.isSafeInteger(id) ? await Task.query(db).findById(id).withGraphFetched("tags") : undefined;
    if (!original) throw new HttpProblem(404, "task not found");
    const { title, description, priority, due_date, category_id } = original;
    const copy = await Task.query(db).insertAndFetch({
      title: body.title ?? `${title} (copy)`.slice(0, taskRowSchema.properties.title.maxLength),
      description,
      priority,
      due_date,
      category_id,
      completed: false,
    });
    // The owner column of each row is set to the caller by the models.
    for (const tag of original.tags ?? []) await TaskTag.query(db).insert({ task_id: copy.id, tag_id: tag.id });
    return Task.query(db).findById(copy.id).withGraphFetched("tags").throwIfNotFound();
  },
});

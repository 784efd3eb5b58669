// Query parameter items and rows as the corpus writes them.
import { describe, expect, it } from "vitest";
import { describe as describeParam, isQueryLabel, maxOf, parseParamItem } from "../../generator/parse/query-params.js";

describe("query parameter items", () => {
  it.each([
    ["status: all|pending|completed", { name: "status", values: ["all", "pending", "completed"] }],
    ['status: "all" | "active" | "completed" (default: "active")', { name: "status", values: ["all", "active", "completed"], default: "active" }],
    ['sort (optional): "created_at" | "title" | "updated_at"', { name: "sort", values: ["created_at", "title", "updated_at"] }],
    ['status: Filter by completion status. Values: "all" (default), "pending", "completed"', { name: "status", values: ["all", "pending", "completed"], default: "all" }],
    ["limit: integer (optional, default: 50)", { name: "limit", type: "integer", values: [], default: "50" }],
    ["search: string (optional) - Search in title and description", { name: "search", type: "string", values: [] }],
  ])("%s", (text, want) => {
    expect(parseParamItem(text)).toMatchObject(want);
  });

  it("reads table rows: values and default cells", () => {
    expect(describeParam("status_filter , string", "all, pending, completed", "—")).toEqual({ type: "string", values: ["all", "pending", "completed"] });
    expect(describeParam("integer", undefined, "50")).toEqual({ type: "integer", values: [], default: "50" });
  });

  it("finds the page-size ceiling and the label", () => {
    expect(maxOf("Maximum number of tasks to return (1-1000)")).toBe(1000);
    expect(maxOf("20 (max 50)")).toBe(50);
    expect(maxOf("no limit")).toBeNull();
    expect(isQueryLabel("Query Parameters (all optional):")).toBe(true);
    expect(isQueryLabel("Query Parameters: None")).toBe(false);
    expect(isQueryLabel("Request Body:")).toBe(false);
  });
});

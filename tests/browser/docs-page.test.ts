// The docs page in a real headless Chromium (Debian's chromium + playwright-core):
// open /docs, authorize with a real token, run "List the user's tasks" and read the
// response shown in the page. Saves tests/.output/docs-page.png.
// Run with `npm run test:browser` (needs /usr/bin/chromium; .ci/run installs it).
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromium, type Browser } from "playwright-core";
import { startGeneratedApp, type RunningApp } from "../helpers/server.js";
import { tokenFor } from "../helpers/tokens.js";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const OUT = join(import.meta.dirname, "..", ".output");

describe("docs page in Chromium", () => {
  let app: RunningApp;
  let browser: Browser;
  const user = "docs_user";

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: apt-get install -y chromium`);
    app = await startGeneratedApp("postgres");
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it("authorizes with a token, executes a list call and shows the real response", async () => {
    const token = await tokenFor(user);
    const made = await app.call("POST", `/api/${user}/tasks`, { token, body: { title: "Seen in the browser", priority: "high" } });
    expect(made.status).toBe(201);

    const page = await browser.newPage({ viewport: { width: 1280, height: 1600 } });
    const offsite: string[] = [];
    const consoleErrors: string[] = [];
    page.on("request", (r) => {
      if (!r.url().startsWith(app.url) && !r.url().startsWith("data:")) offsite.push(r.url());
    });
    page.on("console", (m) => {
      if (m.type() === "error") consoleErrors.push(`${m.text()} ${m.location().url}`);
    });
    await page.goto(`${app.url}/docs`);
    await page.getByRole("button", { name: /Authorize/ }).first().click();
    const dialog = page.locator(".modal-ux");
    await expect.poll(() => dialog.textContent()).toContain("bearerAuth");
    await dialog.locator(".auth-container input").first().fill(token);
    await dialog.locator(".auth-btn-wrapper button.authorize").click(); // "Apply credentials"
    await expect.poll(() => dialog.textContent()).toContain("Logout"); // Swagger UI now holds the token
    await dialog.locator(".auth-btn-wrapper .btn-done").click();

    // Open "GET /api/{user_id}/tasks", fill the user id, execute.
    const op = page.locator("#operations-tasks-listTasks");
    await op.locator(".opblock-summary").click();
    // The page is configured with tryItOutEnabled, so the parameter inputs are open already.
    await op.locator('input[placeholder="user_id"]').fill(user);
    const answered = page.waitForResponse((r) => r.url().includes(`/api/${user}/tasks`));
    await op.getByRole("button", { name: "Execute" }).click();
    const res = await answered;
    expect(res.status()).toBe(200);
    expect(res.request().headers()["authorization"]).toBe(`Bearer ${token}`);

    const shown = op.locator(".live-responses-table .response .response-col_status").first();
    await expect.poll(() => shown.textContent()).toContain("200");
    const body = await op.locator(".live-responses-table .response-col_description pre").first().textContent();
    expect(body).toContain("Seen in the browser");
    expect(body).toContain(`"user_id": "${user}"`);
    await op.scrollIntoViewIfNeeded();
    mkdirSync(OUT, { recursive: true });
    await page.screenshot({ path: join(OUT, "docs-page.png"), fullPage: false });
    await op.locator(".live-responses-table").screenshot({ path: join(OUT, "docs-page-response.png") });

    expect(offsite).toEqual([]); // everything came from the app itself: no CDN
    expect(consoleErrors).toEqual([]);
    await page.close();
  }, 60_000);
});

// A heading naming the format of what the app logs or sends ("### Log Entry Format", "## Event
// payloads", "Webhook payload") holds the shape of a log line or a message: a TypeScript interface
// under it is a type, not a table. The same interface under a heading that names a table is one.
import { describe, expect, it } from "vitest";
import { load } from "./helpers.js";

const spec = (heading: string) => `# Model

\`\`\`prisma
model Note {
  id     String @id @default(uuid())
  userId String
  body   String
}
\`\`\`

${heading}

\`\`\`typescript
interface TrailRecord {
  id: string;
  userId?: string;
  action: string;
  at: Date;
}
\`\`\`
`;

describe("sections naming a log's or a message's format", () => {
  it.each(["## Log Entry Format", "### Event payloads", "## Webhook payload", "## 4. Audit record format"])("reads no table under %s", async (heading) => {
    const r = await load(spec(heading));
    expect(r.ir!.tables.map((t) => t.name)).toEqual(["notes"]);
  });

  it("still reads a table under a heading that is not about a format", async () => {
    const r = await load(spec("## Trail records"));
    expect(r.ir!.tables.map((t) => t.name).sort()).toEqual(["notes", "trail_records"]);
  });
});

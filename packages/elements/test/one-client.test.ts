// @vitest-environment node
// The elements reach Tally only through the SDK's browser client (docs/elements.md#how-it-talks-to-tally):
// no request or stream code of their own.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : /\.tsx?$/.test(entry.name) ? [join(dir, entry.name)] : [],
  );
}

describe("one client", () => {
  it("no element source calls fetch, opens an event stream or names the GraphQL endpoint", () => {
    const offending = ["src", "portal"]
      .flatMap(sources)
      .filter((file) =>
        /\bfetch\(|EventSource|text\/event-stream|\/graphql\b/.test(readFileSync(join(root, file), "utf8")),
      );
    expect(offending).toEqual([]);
  });

  it("the session source uses @tally/sdk/browser", () => {
    expect(readFileSync(join(root, "src/data/session-source.ts"), "utf8")).toContain('from "@tally/sdk/browser"');
  });
});

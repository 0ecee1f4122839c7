// The repository documents itself: every relative link in README.md, the package READMEs and docs/,
// and every docs/… link in a code comment, must name a file that exists and, with a #fragment, a
// heading in it — so that code comments can cite docs/concepts/prices.md#graduated-tiers safely;
// and every error code the API can answer is documented.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ERROR_CODES } from "../src/errors.js";
import { EVENT_TYPES } from "../src/services/event-log/record.js";

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

function filesUnder(dir: string, keep: (name: string) => boolean): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .map((e) => ({ entry: e, path: join(e.parentPath, e.name) }))
    .filter(({ entry, path }) => entry.isFile() && keep(entry.name) && !/[\\/](node_modules|generated)[\\/]/.test(path))
    .map(({ path }) => path);
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const line of withoutFencedCode(markdown).split("\n")) {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!heading) continue;
    const text = heading[1]!.replace(/`/g, "").replace(/\[([^\]]*)\]\([^)]*\)/g, "$1");
    const base = text
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, "")
      .replace(/\s/g, "-");
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  return anchors;
}

function withoutFencedCode(markdown: string): string {
  return markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1\s*$/gm, "");
}

/** Relative link targets of a markdown file (inline code and fenced blocks are not links). */
function linksOf(markdown: string): string[] {
  const text = withoutFencedCode(markdown).replace(/`[^`\n]*`/g, "");
  return [...text.matchAll(/!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)]
    .map((m) => m[1]!)
    .filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target));
}

/** Why `target` (relative to `fromFile`, or to the repository root) does not resolve; null when it does. */
function problemWith(fromFile: string, target: string, base: string): string | null {
  const [path, fragment] = target.split("#", 2) as [string, string | undefined];
  const file = path === "" ? fromFile : resolve(base, decodeURI(path));
  const fromRoot = relative(repoRoot, file).split("\\").join("/");
  if (!existsSync(file)) return `${fromRoot} does not exist`;
  if (fragment && file.endsWith(".md") && !anchorsOf(readFileSync(file, "utf8")).has(fragment)) {
    return `${fromRoot} has no heading #${fragment}`;
  }
  return null;
}

const markdownFiles = [
  join(repoRoot, "README.md"),
  ...filesUnder(join(repoRoot, "docs"), (n) => n.endsWith(".md")),
  ...["billing", "server", "sdk", "elements"].map((p) => join(repoRoot, "packages", p, "README.md")),
];

const codeFiles = [
  join(repoRoot, "codegen.ts"),
  join(repoRoot, "pnpm-workspace.yaml"),
  ...["billing", "server", "sdk", "elements"].flatMap((p) =>
    ["src", "test", "examples", "bench", "scripts", "portal"].flatMap((d) =>
      filesUnder(join(repoRoot, "packages", p, d), (n) => /\.tsx?$/.test(n) && !n.endsWith(".d.ts")),
    ),
  ),
].filter((file) => file !== fileURLToPath(import.meta.url)); // this file's own links are meant to fail

describe("documented error codes", () => {
  it("every ErrorCode appears in docs/ (its meaning belongs in docs/api/errors.md)", () => {
    const docs = filesUnder(join(repoRoot, "docs"), (n) => n.endsWith(".md"))
      .map((file) => readFileSync(file, "utf8"))
      .join("\n");
    expect(ERROR_CODES.filter((code) => !docs.includes(`\`${code}\``))).toEqual([]);
  });
});

describe("documented event types", () => {
  it("every event type has its row in docs/concepts/webhooks.md#event-types", () => {
    const webhooks = readFileSync(join(repoRoot, "docs", "concepts", "webhooks.md"), "utf8");
    const rows = new Set([...webhooks.matchAll(/^\| `([a-z_.]+)` +\|/gm)].map((match) => match[1]));
    expect(EVENT_TYPES.filter((type) => !rows.has(type))).toEqual([]);
  });
});

describe("documentation links", () => {
  it("every relative link in the READMEs and docs/ resolves, with its #heading", () => {
    const problems = markdownFiles.flatMap((file) =>
      linksOf(readFileSync(file, "utf8"))
        .map((target) => problemWith(file, target, dirname(file)))
        .filter((p): p is string => p !== null)
        .map((p) => `${relative(repoRoot, file)}: ${p}`),
    );
    expect(markdownFiles.length).toBeGreaterThan(20);
    expect(problems).toEqual([]);
  });

  it("every docs/… link in a code comment names an existing file and heading", () => {
    let links = 0;
    const problems = codeFiles.flatMap((file) =>
      [...readFileSync(file, "utf8").matchAll(/\bdocs\/[\w./-]+\.md(?:#[\w-]+)?/g)].flatMap((m) => {
        links++;
        const problem = problemWith(file, m[0], repoRoot);
        return problem ? [`${relative(repoRoot, file)}: ${problem}`] : [];
      }),
    );
    expect(links).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });

  it("finds a missing file and a missing heading (the check can fail)", () => {
    const readme = join(repoRoot, "README.md");
    expect(problemWith(readme, "docs/no-such-page.md", repoRoot)).toMatch(/does not exist/);
    expect(problemWith(readme, "docs/concepts/prices.md#no-such-heading", repoRoot)).toMatch(/no heading/);
    expect(problemWith(readme, "docs/concepts/prices.md#graduated-tiers", repoRoot)).toBeNull();
  });
});

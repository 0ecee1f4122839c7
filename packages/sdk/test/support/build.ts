// Vitest globalSetup: build dist/ with the package's own build script before any test runs, so
// the tests that import "@tally/sdk" get what a consumer would install.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export default function setup(): void {
  const packageDir = fileURLToPath(new URL("../..", import.meta.url));
  execFileSync("pnpm", ["run", "build"], { cwd: packageDir, stdio: "inherit" });
}

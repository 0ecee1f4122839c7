// The examples' connection to a running Tally server: TALLY_URL and TALLY_API_KEY checked up front,
// so a missing server or key stops with what to set instead of a stack trace.
import { Tally, TallyAuthenticationError } from "@tally/sdk";

/** A client for the server at TALLY_URL with TALLY_API_KEY, once both answer; `script` names the example's pnpm script. */
export async function connect(script: string): Promise<Tally> {
  const url = (process.env.TALLY_URL ?? "http://localhost:4000").replace(/\/+$/, "");
  const fail: (problem: string) => never = (problem) => {
    console.error(
      [
        problem,
        "Start a server with `pnpm start` (its first start prints the Default account's keys), then run",
        `  TALLY_URL=${url} TALLY_API_KEY=sk_test_… pnpm ${script}`,
      ].join("\n"),
    );
    process.exit(1);
  };
  const healthy = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(5_000) }).then(
    (response) => response.ok,
    () => false,
  );
  if (!healthy) fail(`No Tally server answered at ${url}/healthz (TALLY_URL names the server).`);
  const apiKey = process.env.TALLY_API_KEY;
  if (!apiKey) fail(`TALLY_API_KEY is not set: the server at ${url} needs a test secret key (sk_test_…).`);
  const tally = new Tally({ apiKey, url });
  await tally.meters.list({ limit: 1 }).catch((error: unknown) => {
    if (error instanceof TallyAuthenticationError) fail(`The server at ${url} refused TALLY_API_KEY: ${error.message}`);
    throw error;
  });
  return tally;
}

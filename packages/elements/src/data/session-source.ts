// A customer session's data over Tally's GraphQL API: `viewer` for the snapshot, `viewerUsageUpdated`
// for live changes. PLACEHOLDER transport until the SDK's session client lands.
import { sessionProblem } from "./problem.js";
import type { ViewerSource } from "./source.js";

export interface SessionSourceOptions {
  token: string;
  baseUrl?: string;
}

export function createSessionSource(_options: SessionSourceOptions): ViewerSource {
  return {
    load: () => Promise.reject(sessionProblem("unavailable")),
    watchUsage: () => () => {},
  };
}

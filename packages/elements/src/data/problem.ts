// Why the elements cannot show a session's data, in words for the customer reading the page.

export type SessionProblemKind = "missing-token" | "expired" | "unavailable";

export interface SessionProblem {
  kind: SessionProblemKind;
  message: string;
}

const MESSAGES: Record<SessionProblemKind, string> = {
  "missing-token": "This link has no session token. Open the link you were given again, or ask for a new one.",
  expired: "This session has expired or was revoked. Ask for a new link to see your usage and invoices.",
  unavailable: "Your usage could not be loaded right now. Check your connection; the page retries on its own.",
};

export function sessionProblem(kind: SessionProblemKind): SessionProblem {
  return { kind, message: MESSAGES[kind] };
}

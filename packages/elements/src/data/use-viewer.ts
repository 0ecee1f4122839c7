// The elements' state: the session's snapshot, reloaded when the reader changes meter or window and
// whenever the server pushes a usage change, one load at a time (docs/elements.md#live-updates).
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { type SessionProblem, sessionProblem } from "./problem.js";
import type { UsageChange, ViewerQuery, ViewerSource } from "./source.js";
import type { UsageWindow, ViewerSnapshot } from "./types.js";

export type ViewerState =
  | { status: "loading" }
  | { status: "ready"; snapshot: ViewerSnapshot }
  | { status: "problem"; problem: SessionProblem };

export interface ViewerControls {
  state: ViewerState;
  query: ViewerQuery;
  setWindow(window: UsageWindow): void;
  setMeter(meterId: string): void;
}

const RETRY_MS = 5_000;

/** A problem the source raised, or "unavailable" for anything else (a network error, a 5xx). */
function toProblem(error: unknown): SessionProblem {
  if (error && typeof error === "object" && "kind" in error && "message" in error) return error as SessionProblem;
  return sessionProblem("unavailable");
}

function withTotal(state: ViewerState, change: UsageChange): ViewerState {
  const usage = state.status === "ready" ? state.snapshot.usage : null;
  if (state.status !== "ready" || !usage || usage.meter.id !== change.meterId) return state;
  return { status: "ready", snapshot: { ...state.snapshot, usage: { ...usage, total: change.total } } };
}

export function useViewer(
  source: ViewerSource | null,
  initialWindow: UsageWindow = "DAY",
  stackBy?: string | null,
): ViewerControls {
  const [chosen, setQuery] = useState<Omit<ViewerQuery, "stackBy">>({ meterId: null, window: initialWindow });
  const query = useMemo<ViewerQuery>(
    () => (stackBy === undefined ? chosen : { ...chosen, stackBy }),
    [chosen, stackBy],
  );
  const [state, setState] = useState<ViewerState>(
    source ? { status: "loading" } : { status: "problem", problem: sessionProblem("missing-token") },
  );
  const [generation, setGeneration] = useState(0);
  const loading = useRef(false);
  const stale = useRef(false);
  /** The usage total of the last load: a message with the same total brings nothing new (the first one, sent on subscribing). */
  const loadedTotal = useRef<string | null>(null);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new generation is a reload of the same query
  useEffect(() => {
    if (!source) return;
    const controller = new AbortController();
    let retry: ReturnType<typeof setTimeout> | undefined;
    loading.current = true;
    stale.current = false;
    source.load(query, controller.signal).then(
      (snapshot) => {
        if (controller.signal.aborted) return;
        loading.current = false;
        loadedTotal.current = snapshot.usage?.total ?? null;
        setState({ status: "ready", snapshot });
        // A push that arrived while this load ran may not be in it.
        if (stale.current) reload();
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        loading.current = false;
        const problem = toProblem(error);
        setState({ status: "problem", problem });
        if (problem.kind === "unavailable") retry = setTimeout(reload, RETRY_MS);
      },
    );
    return () => {
      controller.abort();
      clearTimeout(retry);
    };
  }, [source, query, generation, reload]);

  const meterId = state.status === "ready" ? (state.snapshot.usage?.meter.id ?? null) : null;
  const [watchGeneration, setWatchGeneration] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new watchGeneration subscribes again after a dropped stream
  useEffect(() => {
    if (!source || !meterId) return;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const stop = source.watchUsage(
      meterId,
      (change) => {
        // The exact total shows at once; the chart, invoice and credits follow with a reload.
        setState((current) => withTotal(current, change));
        if (loading.current) stale.current = true;
        else if (change.total !== loadedTotal.current) reload();
      },
      (problem) => {
        if (problem.kind === "expired") return setState({ status: "problem", problem });
        // A stream that ended: catch up now (a reload also finds out if the session is over), listen again after a pause.
        reload();
        retry = setTimeout(() => setWatchGeneration((g) => g + 1), RETRY_MS);
      },
    );
    return () => {
      clearTimeout(retry);
      stop();
    };
  }, [source, meterId, watchGeneration, reload]);

  return {
    state,
    query,
    setWindow: (window) => setQuery((q) => ({ ...q, window })),
    setMeter: (id) => setQuery((q) => ({ ...q, meterId: id })),
  };
}

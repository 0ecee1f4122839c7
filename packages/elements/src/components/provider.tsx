// <TallyElements>: one customer session for the elements inside it, and the message that replaces
// them when the session cannot be read (docs/elements.md#react).
import { createContext, type ReactNode, useContext, useMemo } from "react";
import type { SessionProblem } from "../data/problem.js";
import { createSessionSource } from "../data/session-source.js";
import type { ViewerSource } from "../data/source.js";
import type { UsageWindow } from "../data/types.js";
import { type ViewerControls, useViewer } from "../data/use-viewer.js";

export interface TallyElementsProps {
  /** A customer session token, `cs_…` (createCustomerSession), never a secret key. */
  token: string | null | undefined;
  /** Where Tally answers, e.g. "https://billing.example.com"; the page's own origin by default. */
  baseUrl?: string;
  /** A BCP 47 locale for amounts and dates; the browser's by default. */
  locale?: string;
  /** The usage chart's first window. */
  defaultWindow?: UsageWindow;
  /** The dimension the usage chart stacks by: the meter's first dimension by default, null for none. */
  stackBy?: string | null;
  /** Another source of the same data (tests, a proxy of your own); replaces token and baseUrl. */
  source?: ViewerSource;
  children: ReactNode;
}

export interface ElementsContext extends ViewerControls {
  locale: string | undefined;
}

const Context = createContext<ElementsContext | null>(null);

export function useTallyElements(): ElementsContext {
  const context = useContext(Context);
  if (!context) throw new Error("Tally elements must be placed inside <TallyElements token=…>.");
  return context;
}

export function SessionMessage({ problem }: { problem: SessionProblem }) {
  return (
    <div className="tally-element tally-session-message" role="alert" data-tally-problem={problem.kind}>
      <p>{problem.message}</p>
    </div>
  );
}

export function TallyElements({
  token,
  baseUrl,
  locale,
  defaultWindow,
  stackBy,
  source,
  children,
}: TallyElementsProps) {
  const resolved = useMemo(
    () => source ?? (token ? createSessionSource({ token, baseUrl }) : null),
    [source, token, baseUrl],
  );
  const controls = useViewer(resolved, defaultWindow, stackBy);
  const value = useMemo(() => ({ ...controls, locale }), [controls, locale]);
  return (
    <div className="tally-elements" aria-busy={controls.state.status === "loading"}>
      {controls.state.status === "problem" ? (
        <SessionMessage problem={controls.state.problem} />
      ) : (
        <Context.Provider value={value}>{children}</Context.Provider>
      )}
    </div>
  );
}

// The UTC hours and days the API's summaries fall on (docs/concepts/meters.md), and a period's windows.
import type { UsageWindow } from "./types.js";

const WINDOW_MS: Record<UsageWindow, number> = { HOUR: 3_600_000, DAY: 86_400_000 };

/** The period widened to whole UTC windows, the edges the server's hourly and daily summaries fall on. */
export function windowedRange(startIso: string, endIso: string, window: UsageWindow): [string, string] {
  const unit = WINDOW_MS[window];
  const start = Math.floor(Date.parse(startIso) / unit) * unit;
  const end = Math.ceil(Date.parse(endIso) / unit) * unit;
  return [new Date(start).toISOString(), new Date(end).toISOString()];
}

/** Every window's start over the period: grouped summaries leave out windows without events, the chart does not. */
export function windowStarts(startIso: string, endIso: string, window: UsageWindow): string[] {
  const [start, end] = windowedRange(startIso, endIso, window).map(Date.parse) as [number, number];
  const starts: string[] = [];
  for (let at = start; at < end; at += WINDOW_MS[window]) starts.push(new Date(at).toISOString());
  return starts;
}

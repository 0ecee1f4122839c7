// The usage element: the meter's exact total for the period, a bar chart by hour or day, and the same
// figures as a table for screen readers and keyboards (docs/elements.md#the-elements).
import { useId, useMemo } from "react";
import type { Meter, MeterUsage, UsageBucket, UsageWindow } from "../data/types.js";
import { formatBucket, formatPeriod, formatQuantity } from "../format.js";
import { ChartCanvas, type ChartSeries } from "./chart-canvas.js";

export interface UsageChartViewProps {
  usage: MeterUsage;
  meters?: Meter[];
  locale?: string;
  onWindowChange?: (window: UsageWindow) => void;
  onMeterChange?: (meterId: string) => void;
}

const WINDOWS: { value: UsageWindow; label: string }[] = [
  { value: "HOUR", label: "Hourly" },
  { value: "DAY", label: "Daily" },
];

interface Rows {
  starts: string[];
  groups: string[];
  /** groups × starts: each cell's decimal string, "0" where the group had nothing. */
  cells: string[][];
}

/** Buckets pivoted into one row per window start and one column per group (one unnamed group when not stacked). */
function pivot(buckets: UsageBucket[]): Rows {
  const starts = [...new Set(buckets.map((b) => b.startTime))].sort();
  const groups = [...new Set(buckets.map((b) => b.group ?? ""))].sort();
  const startIndex = new Map(starts.map((s, i) => [s, i]));
  const cells = groups.map(() => starts.map(() => "0"));
  const groupIndex = new Map(groups.map((g, i) => [g, i]));
  for (const b of buckets) cells[groupIndex.get(b.group ?? "")!]![startIndex.get(b.startTime)!] = b.aggregatedValue;
  return { starts, groups, cells };
}

export function UsageChartView({ usage, meters, locale, onWindowChange, onMeterChange }: UsageChartViewProps) {
  const headingId = useId();
  const meterSelectId = useId();
  const rows = useMemo(() => pivot(usage.buckets), [usage.buckets]);
  const labels = useMemo(
    () => rows.starts.map((s) => formatBucket(s, usage.window, locale)),
    [rows, usage.window, locale],
  );
  const series = useMemo<ChartSeries[]>(
    () => rows.groups.map((g, i) => ({ label: g || usage.meter.displayName, values: rows.cells[i]!.map(Number) })),
    [rows, usage.meter.displayName],
  );
  const period = formatPeriod(usage.startTime, usage.endTime, locale);
  const total = formatQuantity(usage.total, locale);
  const per = usage.window === "HOUR" ? "hour" : "day";
  const stacked = usage.groupBy ? `, stacked by ${usage.groupBy}` : "";

  return (
    <section className="tally-element tally-usage" aria-labelledby={headingId}>
      <header className="tally-element-header">
        <h2 id={headingId}>Usage</h2>
        <div className="tally-usage-controls">
          {meters && meters.length > 1 ? (
            <span className="tally-field">
              <label htmlFor={meterSelectId}>Meter</label>
              <select id={meterSelectId} value={usage.meter.id} onChange={(e) => onMeterChange?.(e.target.value)}>
                {meters.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.displayName}
                  </option>
                ))}
              </select>
            </span>
          ) : null}
          {/* biome-ignore lint/a11y/useSemanticElements: a toolbar of toggle buttons, not a fieldset of inputs */}
          <div role="group" aria-label="Grouping window" className="tally-segmented">
            {WINDOWS.map((w) => (
              <button
                key={w.value}
                type="button"
                aria-pressed={usage.window === w.value}
                onClick={() => onWindowChange?.(w.value)}
              >
                {w.label}
              </button>
            ))}
          </div>
        </div>
      </header>
      <p className="tally-usage-summary">
        <span className="tally-muted">{usage.meter.displayName}</span> <span className="tally-muted">{period}</span>
      </p>
      <p className="tally-usage-total">
        <span className="tally-muted">Total this period</span>{" "}
        <strong data-tally="usage-total" aria-live="polite">
          {total}
        </strong>
      </p>
      <ChartCanvas
        labels={labels}
        series={series}
        description={`${usage.meter.displayName} per ${per}${stacked}, ${period}: ${total} in total`}
      />
      <details className="tally-usage-table">
        <summary>Usage by {per} as a table</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">{usage.window === "HOUR" ? "Hour" : "Day"}</th>
              {rows.groups.map((g) => (
                <th scope="col" key={g}>
                  {g || usage.meter.displayName}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.starts.map((start, i) => (
              <tr key={start}>
                <th scope="row">{labels[i]}</th>
                {rows.groups.map((g, j) => (
                  <td key={g}>{formatQuantity(rows.cells[j]![i]!, locale)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}

// The usage element: the meter's exact total for the period, a bar chart by hour or day, and the same
// figures as a table for screen readers and keyboards (docs/elements.md#the-elements).
import { useId, useMemo } from "react";
import type { Meter, MeterUsage, UsageWindow } from "../data/types.js";
import { windowStarts } from "../data/windows.js";
import { formatBucket, formatPeriod, formatQuantity } from "../format.js";
import { ChartCanvas, type ChartSeries, PALETTE_SIZE } from "./chart-canvas.js";

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
  /** The dimension's values, as the API orders groups: by value, events without one last. */
  groups: Array<string | null>;
  /** groups × starts: each cell's decimal string, "0" where the group had nothing. */
  cells: string[][];
}

const byValueNullLast = (a: string | null, b: string | null) =>
  a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1;

/** Buckets pivoted into one row per window of the period and one column per group (a single null group when not stacked). */
function pivot(usage: MeterUsage): Rows {
  const { buckets } = usage;
  const starts = [
    ...new Set([...windowStarts(usage.startTime, usage.endTime, usage.window), ...buckets.map((b) => b.startTime)]),
  ].sort();
  const groups = [...new Set(buckets.map((b) => b.group ?? null))].sort(byValueNullLast);
  const startIndex = new Map(starts.map((s, i) => [s, i]));
  const cells = groups.map(() => starts.map(() => "0"));
  const groupIndex = new Map(groups.map((g, i) => [g, i]));
  for (const b of buckets) cells[groupIndex.get(b.group ?? null)!]![startIndex.get(b.startTime)!] = b.aggregatedValue;
  return { starts, groups, cells };
}

/** The colours of the chart's datasets, as the legend shows them (--tally-chart-1 … 6). */
const swatchClass = (i: number) => `tally-swatch tally-swatch-${(i % PALETTE_SIZE) + 1}`;

export function UsageChartView({ usage, meters, locale, onWindowChange, onMeterChange }: UsageChartViewProps) {
  const headingId = useId();
  const meterSelectId = useId();
  const rows = useMemo(() => pivot(usage), [usage]);
  const labels = useMemo(
    () => rows.starts.map((s) => formatBucket(s, usage.window, locale)),
    [rows, usage.window, locale],
  );
  const groupBy = usage.groupBy;
  const groupLabels = useMemo(
    () => rows.groups.map((g) => (groupBy ? (g ?? `No ${groupBy}`) : usage.meter.displayName)),
    [rows, groupBy, usage.meter.displayName],
  );
  const series = useMemo<ChartSeries[]>(
    () => rows.groups.map((_, i) => ({ label: groupLabels[i]!, values: rows.cells[i]!.map(Number) })),
    [rows, groupLabels],
  );
  const period = formatPeriod(usage.startTime, usage.endTime, locale);
  const total = formatQuantity(usage.total, locale);
  const per = usage.window === "HOUR" ? "hour" : "day";
  const stacked = groupBy ? `, stacked by ${groupBy}` : "";

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
      {groupBy ? (
        <ul className="tally-legend" aria-label={`Legend: ${usage.meter.displayName} by ${groupBy}`}>
          {groupLabels.map((label, i) => (
            <li key={label}>
              <span className={swatchClass(i)} aria-hidden="true" />
              {label}
            </li>
          ))}
        </ul>
      ) : null}
      <details className="tally-usage-table">
        <summary>Usage by {per} as a table</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">{usage.window === "HOUR" ? "Hour" : "Day"}</th>
              {groupLabels.map((label) => (
                <th scope="col" key={label}>
                  {label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.starts.map((start, i) => (
              <tr key={start}>
                <th scope="row">{labels[i]}</th>
                {groupLabels.map((label, j) => (
                  <td key={label}>{formatQuantity(rows.cells[j]![i]!, locale)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}

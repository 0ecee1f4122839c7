// Results: rows of figures with their same-run references and ratios, printed as a table and
// written as JSON (and as the Markdown table BENCHMARKS.md quotes).
import type { FigureId } from "./figure-ids.js";

export interface Row {
  figure: FigureId;
  database: string;
  what: string;
  value: number;
  unit: string;
  reference?: { what: string; value: number };
  /** value ÷ reference (or as the figure documents it), shown as a percentage or "times". */
  ratio?: number;
  ratioAs?: "percent" | "times";
  target?: string;
  met?: boolean;
}

export interface PeakRss {
  figure: FigureId;
  /** What distinguishes it from the figure's other peaks (a size), if anything. */
  detail?: string;
  database: string;
  bytes: number;
}

export interface Results {
  startedAt: string;
  machine: { cpus: number; cpuModel: string; memoryGiB: number; node: string; postgres?: string };
  scale: Record<string, unknown>;
  rows: Row[];
  peakRss: PeakRss[];
  /** How long each figure took on each database, in order: where a run's time goes. */
  durations: Array<{ what: string; seconds: number }>;
  seconds?: number;
}

const fmt = (n: number, unit = ""): string => {
  if (!Number.isFinite(n)) return "n/a";
  const digits = Math.abs(n) >= 100 ? 0 : Math.abs(n) >= 10 ? 1 : Math.abs(n) >= 1 ? 2 : 3;
  return `${n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: 0 })}${unit ? ` ${unit}` : ""}`;
};

export const percent = (ratio: number) => `${(ratio * 100).toFixed(ratio < 0.1 ? 2 : 1)} %`;

/** A peak's figure id with its detail: "usage-at-scale, 10,000 events". */
const peakLabel = (p: PeakRss) => (p.detail ? `${p.figure}, ${p.detail}` : p.figure);

/** The rows (and peak RSS) as a Markdown table. */
export function markdownTable(results: Results): string {
  const lines = [
    "| figure | database | measurement | value | reference (same run) | ratio | target | met |",
    "|---|---|---|---:|---|---:|---|:-:|",
  ];
  for (const r of results.rows) {
    lines.push(
      `| ${r.figure} | ${r.database} | ${r.what} | ${fmt(r.value, r.unit)} | ${r.reference ? `${r.reference.what}: ${fmt(r.reference.value, r.unit)}` : ""} | ${
        r.ratio === undefined ? "" : r.ratioAs === "times" ? `${r.ratio.toFixed(2)}×` : percent(r.ratio)
      } | ${r.target ?? ""} | ${r.met === undefined ? "" : r.met ? "yes" : "**no**"} |`,
    );
  }
  if (results.peakRss.length > 0) lines.push("", "| figure | database | server peak RSS |", "|---|---|---:|");
  for (const p of results.peakRss) lines.push(`| ${peakLabel(p)} | ${p.database} | ${fmt(p.bytes / 2 ** 20, "MiB")} |`);
  return lines.join("\n");
}

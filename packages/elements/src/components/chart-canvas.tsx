// The Chart.js bar chart under the usage element: one bar per window, stacked when a dimension splits them.
import { BarController, BarElement, CategoryScale, Chart, type ChartData, LinearScale, Tooltip } from "chart.js";
import { useEffect, useRef } from "react";

// Only the pieces a bar chart uses, so the bundle carries no other chart type.
// No Legend plugin: the legend is the element's own list (usage-chart.tsx), which screen readers and page CSS reach.
Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

export interface ChartSeries {
  label: string;
  /** Plotted heights only: the figures a reader sees come from the decimal strings, never from these. */
  values: number[];
}

export const PALETTE_SIZE = 6;

/** The theme's chart colours (--tally-chart-1 … 6), read from the element so a page's CSS restyles the bars. */
function paletteOf(element: HTMLElement): { bars: string[]; text: string; grid: string } {
  const style = getComputedStyle(element);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  const defaults = ["#4f46e5", "#0891b2", "#d97706", "#16a34a", "#db2777", "#7c3aed"];
  return {
    bars: defaults.map((colour, i) => read(`--tally-chart-${i + 1}`, colour)),
    text: read("--tally-color-muted", "#6b7280"),
    grid: read("--tally-color-border", "#e5e7eb"),
  };
}

function chartData(labels: string[], series: ChartSeries[], bars: string[]): ChartData<"bar"> {
  return {
    labels,
    datasets: series.map((s, i) => ({
      label: s.label,
      data: s.values,
      backgroundColor: bars[i % PALETTE_SIZE],
      stack: "usage",
    })),
  };
}

export function ChartCanvas(props: { labels: string[]; series: ChartSeries[]; description: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart<"bar"> | null>(null);
  const { labels, series, description } = props;

  useEffect(() => {
    const element = canvas.current;
    // A DOM without a 2D context (a test environment, a locked-down browser) keeps the data table.
    if (!element?.getContext("2d")) return;
    const palette = paletteOf(element);
    const instance = new Chart(element, {
      type: "bar",
      data: { labels: [], datasets: [] },
      options: {
        animation: false,
        maintainAspectRatio: false,
        scales: {
          x: {
            stacked: true,
            ticks: { color: palette.text, maxRotation: 0, autoSkip: true },
            grid: { display: false },
          },
          y: { stacked: true, beginAtZero: true, ticks: { color: palette.text }, grid: { color: palette.grid } },
        },
      },
    });
    chart.current = instance;
    return () => {
      instance.destroy();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const instance = chart.current;
    if (!instance || !canvas.current) return;
    instance.data = chartData(labels, series, paletteOf(canvas.current).bars);
    instance.update();
  }, [labels, series]);

  return (
    <div className="tally-chart">
      <canvas ref={canvas} role="img" aria-label={description} />
    </div>
  );
}

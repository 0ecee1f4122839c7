// The hosted invoice page (docs/concepts/invoices.md#the-rendered-invoice): the document view as
// one self-contained HTML page (inline styles, no scripts, nothing fetched), every text escaped.
import type { InvoiceDocumentView } from "./document.js";

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text made safe for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

const STYLE = `
  body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2933; background: #f4f5f7; margin: 0; }
  main { max-width: 860px; margin: 32px auto; background: #fff; padding: 40px 48px; border-radius: 8px; box-shadow: 0 1px 4px rgba(0,0,0,.08); }
  header { display: flex; justify-content: space-between; align-items: flex-start; gap: 24px; }
  h1 { font-size: 26px; margin: 0 0 4px; }
  .issuer { font-size: 18px; font-weight: 600; text-align: right; }
  .due { font-size: 30px; font-weight: 700; margin: 24px 0 4px; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 24px 0; }
  dt { color: #616e7c; } dd { margin: 0; }
  h2 { font-size: 13px; text-transform: uppercase; letter-spacing: .05em; color: #616e7c; margin: 28px 0 8px; }
  table { width: 100%; border-collapse: collapse; }
  th { text-align: left; font-size: 13px; color: #616e7c; font-weight: 600; border-bottom: 1px solid #cbd2d9; padding: 8px 6px; }
  td { border-bottom: 1px solid #e4e7eb; padding: 10px 6px; vertical-align: top; }
  .num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
  .period { color: #616e7c; font-size: 13px; }
  .totals { margin-left: auto; width: 340px; margin-top: 16px; }
  .totals td { border: 0; padding: 4px 6px; }
  .totals tr.emphasis td { font-weight: 700; font-size: 17px; border-top: 1px solid #cbd2d9; padding-top: 8px; }
`;

export function renderInvoiceHtml(view: InvoiceDocumentView): string {
  const e = escapeHtml;
  const facts = view.facts.map((fact) => `<dt>${e(fact.label)}</dt><dd>${e(fact.value)}</dd>`).join("");
  const sections = view.sections
    .map(
      (section) => `
    <h2>${e(section.title)}</h2>
    <table class="lines">
      <thead><tr><th>Description</th><th class="num">Qty</th><th class="num">Unit price</th><th class="num">Amount</th></tr></thead>
      <tbody>${section.lines
        .map(
          (line) => `
        <tr><td>${e(line.description)}<div class="period">${e(line.period)}</div></td><td class="num">${e(line.quantity)}</td><td class="num">${e(line.unitAmount)}</td><td class="num">${e(line.amount)}</td></tr>`,
        )
        .join("")}
      </tbody>
    </table>`,
    )
    .join("");
  const totals = view.totals
    .map(
      (total) =>
        `<tr${total.emphasis ? ' class="emphasis"' : ""}><td>${e(total.label)}</td><td class="num">${e(total.value)}</td></tr>`,
    )
    .join("");
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="robots" content="noindex">
  <title>${e(view.title)} · ${e(view.issuer)}</title>
  <style>${STYLE}</style>
</head>
<body>
  <main>
    <header>
      <div><h1>${e(view.title)}</h1><div>${view.billTo.map(e).join("<br>")}</div></div>
      <div class="issuer">${e(view.issuer)}</div>
    </header>
    <div class="due" id="amount-due">${e(view.amountDue)} due</div>
    <dl>${facts}</dl>
    ${view.description === null ? "" : `<p class="description">${e(view.description)}</p>`}
    ${sections}
    <table class="totals"><tbody>${totals}</tbody></table>
  </main>
</body>
</html>
`;
}

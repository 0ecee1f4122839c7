// The invoice PDF (docs/concepts/invoices.md#the-rendered-invoice): the document view laid out by
// pdfkit with its built-in Helvetica, page breaks where the lines run over. The output depends only
// on the view: the PDF's dates are the invoice's finalization.
import PDFDocument from "pdfkit";
import type { DocumentLine, InvoiceDocumentView } from "./document.js";

const MARGIN = 50;
const WIDTH = 595.28 - 2 * MARGIN; // A4
const BOTTOM = 841.89 - MARGIN;
/** Column x offsets and widths: description, quantity, unit price, amount. */
const COLUMNS = [
  { x: 0, width: 250, align: "left" },
  { x: 255, width: 60, align: "right" },
  { x: 320, width: 85, align: "right" },
  { x: 410, width: WIDTH - 410, align: "right" },
] as const;

type Doc = PDFKit.PDFDocument;

/** Helvetica's encoding (WinAnsi) has no thin or narrow spaces, which Intl puts in date ranges. */
function pdfText(text: string): string {
  return text.replace(/[\u2009\u200a\u202f]/g, " ");
}

function row(doc: Doc, cells: string[], options: { bold?: boolean; size?: number } = {}): void {
  doc.font(options.bold ? "Helvetica-Bold" : "Helvetica").fontSize(options.size ?? 10);
  cells = cells.map(pdfText);
  const heights = cells.map((cell, i) => doc.heightOfString(cell, { width: COLUMNS[i]!.width }));
  const height = Math.max(...heights);
  if (doc.y + height > BOTTOM) doc.addPage();
  const top = doc.y;
  cells.forEach((cell, i) => {
    const column = COLUMNS[i]!;
    doc.text(cell, MARGIN + column.x, top, { width: column.width, align: column.align });
  });
  doc.x = MARGIN;
  doc.y = top + height + 6;
}

function lineRow(doc: Doc, line: DocumentLine): void {
  row(doc, [`${line.description}\n${line.period}`, line.quantity, line.unitAmount, line.amount]);
}

function rule(doc: Doc): void {
  doc
    .moveTo(MARGIN, doc.y)
    .lineTo(MARGIN + WIDTH, doc.y)
    .strokeColor("#cbd2d9")
    .lineWidth(0.5)
    .stroke();
  doc.y += 6;
}

/** Renders the view to PDF bytes. */
export function renderInvoicePdf(view: InvoiceDocumentView): Promise<Buffer> {
  const doc = new PDFDocument({
    size: "A4",
    margin: MARGIN,
    info: { Title: view.title, Author: view.issuer, CreationDate: view.finalizedAt, ModDate: view.finalizedAt },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  doc.font("Helvetica-Bold").fontSize(20).text(pdfText(view.title), MARGIN, MARGIN);
  doc.font("Helvetica-Bold").fontSize(13).text(pdfText(view.issuer), MARGIN, MARGIN, { width: WIDTH, align: "right" });
  doc.x = MARGIN;
  doc.moveDown(1);
  doc
    .font("Helvetica")
    .fontSize(10)
    .text(pdfText(view.billTo.join("\n")));
  doc.moveDown(1);
  doc
    .font("Helvetica-Bold")
    .fontSize(16)
    .text(pdfText(`${view.amountDue} due`));
  doc.moveDown(0.5);
  for (const fact of view.facts) {
    doc.font("Helvetica-Bold").fontSize(10).text(`${fact.label}: `, { continued: true });
    doc.font("Helvetica").text(pdfText(fact.value));
  }
  if (view.description !== null) {
    doc.moveDown(0.5);
    doc.font("Helvetica").fontSize(10).text(pdfText(view.description));
  }
  for (const section of view.sections) {
    doc.moveDown(1);
    doc.font("Helvetica-Bold").fontSize(11).text(section.title.toUpperCase());
    doc.moveDown(0.3);
    row(doc, ["Description", "Qty", "Unit price", "Amount"], { bold: true });
    rule(doc);
    for (const line of section.lines) lineRow(doc, line);
    rule(doc);
  }
  for (const total of view.totals) {
    row(doc, ["", "", total.label, total.value], { bold: total.emphasis ?? false, size: total.emphasis ? 12 : 10 });
  }
  doc.end();
  return done;
}

// Serving the rendered invoice (docs/concepts/invoices.md#the-rendered-invoice): a finalized invoice
// found by its document token (the only credential: no API key), its view, and its PDF, rendered
// on first request and stored, so month-end closes finalize without rendering and the PDF, once
// served, never changes.
import { hashKey } from "../../auth/keys.js";
import { secretTarget } from "../../auth/secret-lookups.js";
import { byId } from "../../db/tenant-scope.js";
import type { PrismaClient } from "../../generated/prisma/client.js";
import { invoiceDocumentView, type InvoiceDocumentView } from "./document.js";
import { renderInvoicePdf } from "./render-pdf.js";

export interface RenderableInvoice {
  id: string;
  accountId: string;
  mode: "live" | "test";
  view: InvoiceDocumentView;
}

/** The finalized invoice with this token, across tenants (the token names one invoice), or null. */
export async function findRenderableInvoice(prisma: PrismaClient, token: string): Promise<RenderableInvoice | null> {
  const target = await secretTarget(prisma, "INVOICE_DOCUMENT", hashKey(token));
  if (target === null) return null;
  const invoice = await prisma.invoice.findUnique({
    where: byId(target.scope, target.id),
    include: { lines: true, customer: true },
  });
  if (invoice === null || invoice.finalizedAt === null) return null;
  const account = await prisma.account.findUniqueOrThrow({ where: { id: invoice.accountId }, select: { name: true } });
  return {
    id: invoice.id,
    accountId: invoice.accountId,
    mode: invoice.mode,
    view: invoiceDocumentView(invoice, account),
  };
}

function documentKey(invoice: RenderableInvoice) {
  return { accountId_mode_invoiceId: { accountId: invoice.accountId, mode: invoice.mode, invoiceId: invoice.id } };
}

/** The invoice's stored PDF; rendered and stored first if this is its first request (concurrent first requests store one). */
export async function storedInvoicePdf(
  prisma: PrismaClient,
  invoice: RenderableInvoice,
  now: Date,
): Promise<Uint8Array> {
  const stored = await prisma.invoiceDocument.findUnique({ where: documentKey(invoice) });
  if (stored !== null) return stored.pdf;
  const pdf = await renderInvoicePdf(invoice.view);
  await prisma.invoiceDocument.createMany({
    data: [
      {
        invoiceId: invoice.id,
        accountId: invoice.accountId,
        mode: invoice.mode,
        pdf: new Uint8Array(pdf),
        renderedAt: now,
      },
    ],
    skipDuplicates: true,
  });
  return (await prisma.invoiceDocument.findUniqueOrThrow({ where: documentKey(invoice) })).pdf;
}

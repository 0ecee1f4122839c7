// The rendered invoice's routes (docs/concepts/invoices.md#the-rendered-invoice): GET
// /invoices/view/<token> (the hosted page) and /invoices/view/<token>/pdf, answered beside the
// health routes, without an API key: the unguessable token is the credential. Answers are private
// to the browser (never in shared caches), leak no referrer, and the page loads nothing.
import type { Plugin } from "graphql-yoga";
import type { AppDeps } from "../context.js";
import { parseDocumentPath } from "../services/invoices/document-links.js";
import { renderInvoiceHtml } from "../services/invoices/render-html.js";
import { findRenderableInvoice, storedInvoicePdf } from "../services/invoices/rendered.js";

const HEADERS = {
  "cache-control": "private, max-age=0, must-revalidate",
  "referrer-policy": "no-referrer",
  "x-robots-tag": "noindex",
  "x-content-type-options": "nosniff",
  "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
};

const notFound = () =>
  new Response("No such invoice.\n", {
    status: 404,
    headers: { ...HEADERS, "content-type": "text/plain; charset=utf-8" },
  });

export function useInvoiceDocuments(deps: AppDeps): Plugin {
  return {
    async onRequest({ request, url, endResponse }) {
      const path = parseDocumentPath(url.pathname);
      if (path === null) {
        if (url.pathname.startsWith("/invoices/view/")) endResponse(notFound());
        return;
      }
      if (request.method !== "GET" && request.method !== "HEAD") {
        endResponse(new Response(null, { status: 405, headers: { ...HEADERS, allow: "GET, HEAD" } }));
        return;
      }
      const { prisma } = deps.database;
      const invoice = await findRenderableInvoice(prisma, path.token);
      if (invoice === null) {
        endResponse(notFound());
        return;
      }
      if (path.format === "html") {
        const html = renderInvoiceHtml(invoice.view);
        endResponse(new Response(html, { headers: { ...HEADERS, "content-type": "text/html; charset=utf-8" } }));
        return;
      }
      const pdf = await storedInvoicePdf(prisma, invoice, deps.clock.now());
      const filename = `${invoice.view.title.replace(/[^A-Za-z0-9-]+/g, "-")}.pdf`;
      endResponse(
        new Response(Buffer.from(pdf), {
          headers: {
            ...HEADERS,
            "content-type": "application/pdf",
            "content-disposition": `inline; filename="${filename}"`,
          },
        }),
      );
    },
  };
}

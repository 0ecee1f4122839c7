// Where a finalized invoice's rendered documents are served (docs/concepts/invoices.md#the-rendered-invoice):
// paths under /invoices/view/ named by the invoice's document token, which is their only credential.

const PREFIX = "/invoices/view/";
const TOKEN = /^[0-9A-Za-z]{32,64}$/;

/** The hosted invoice page and PDF of an invoice with this token, on `origin` (e.g. https://billing.example.com). */
export function documentUrls(origin: string, token: string): { hostedInvoiceUrl: string; invoicePdf: string } {
  const page = `${origin.replace(/\/+$/, "")}${PREFIX}${token}`;
  return { hostedInvoiceUrl: page, invoicePdf: `${page}/pdf` };
}

/** The token and document a request path names, or null for any other path. */
export function parseDocumentPath(pathname: string): { token: string; format: "html" | "pdf" } | null {
  if (!pathname.startsWith(PREFIX)) return null;
  const [token, format, ...rest] = pathname.slice(PREFIX.length).split("/");
  if (rest.length > 0 || !token || !TOKEN.test(token)) return null;
  if (format === undefined) return { token, format: "html" };
  return format === "pdf" ? { token, format: "pdf" } : null;
}

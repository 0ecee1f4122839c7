-- Secrets that a request arrives with alone move from global unique indexes of tenant tables to a
-- lookup table keyed by their SHA-256 (docs/operations/scaling.md#past-one-postgresql): the
-- customer sessions' token hashes and the invoices' document tokens, hashed here as the server's
-- hashKey hashes them (hex of SHA-256 over the UTF-8 text). Not expand-only: older versions find
-- sessions and invoices by the dropped column and indexes (docs/operations/migrations.md).

CREATE TYPE "SecretKind" AS ENUM ('CUSTOMER_SESSION', 'INVOICE_DOCUMENT');

CREATE TABLE "SecretLookup" (
    "kind" "SecretKind" NOT NULL,
    "secretHash" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "mode" "Mode" NOT NULL,
    "customerSessionId" TEXT,
    "invoiceId" TEXT,

    CONSTRAINT "SecretLookup_pkey" PRIMARY KEY ("kind","secretHash"),
    -- Each row names the one object of its kind.
    CONSTRAINT "SecretLookup_target_check" CHECK (
      ("customerSessionId" IS NOT NULL) = ("kind" = 'CUSTOMER_SESSION')
      AND ("invoiceId" IS NOT NULL) = ("kind" = 'INVOICE_DOCUMENT'))
);

INSERT INTO "SecretLookup" ("kind", "secretHash", "accountId", "mode", "customerSessionId")
SELECT 'CUSTOMER_SESSION', "tokenHash", "accountId", "mode", "id" FROM "CustomerSession";

INSERT INTO "SecretLookup" ("kind", "secretHash", "accountId", "mode", "invoiceId")
SELECT 'INVOICE_DOCUMENT', encode(sha256(convert_to("documentToken", 'UTF8')), 'hex'), "accountId", "mode", "id"
FROM "Invoice" WHERE "documentToken" IS NOT NULL;

CREATE UNIQUE INDEX "SecretLookup_accountId_mode_customerSessionId_key" ON "SecretLookup"("accountId", "mode", "customerSessionId");

CREATE UNIQUE INDEX "SecretLookup_accountId_mode_invoiceId_key" ON "SecretLookup"("accountId", "mode", "invoiceId");

ALTER TABLE "SecretLookup" ADD CONSTRAINT "SecretLookup_accountId_mode_customerSessionId_fkey" FOREIGN KEY ("accountId", "mode", "customerSessionId") REFERENCES "CustomerSession"("accountId", "mode", "id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "SecretLookup" ADD CONSTRAINT "SecretLookup_accountId_mode_invoiceId_fkey" FOREIGN KEY ("accountId", "mode", "invoiceId") REFERENCES "Invoice"("accountId", "mode", "id") ON DELETE CASCADE ON UPDATE CASCADE;

DROP INDEX "CustomerSession_tokenHash_key";

ALTER TABLE "CustomerSession" DROP COLUMN "tokenHash";

DROP INDEX "Invoice_documentToken_key";

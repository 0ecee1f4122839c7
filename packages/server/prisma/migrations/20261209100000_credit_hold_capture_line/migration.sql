-- A captured credit hold is shown on the customer's next invoice (docs/concepts/credits.md#holds)
ALTER TYPE "InvoiceLineKind" ADD VALUE 'CREDIT_HOLD_CAPTURE';

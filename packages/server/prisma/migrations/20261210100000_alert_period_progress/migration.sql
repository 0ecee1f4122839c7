-- EVERY_PERIOD usage alerts keep a running aggregate too, of the billing period it counts (both null: a ONE_TIME alert's, which never ends).
ALTER TABLE "UsageAlertProgress" ADD COLUMN "periodStart" TIMESTAMPTZ(3),
ADD COLUMN "periodEnd" TIMESTAMPTZ(3);

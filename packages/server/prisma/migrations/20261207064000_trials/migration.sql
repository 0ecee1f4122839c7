-- AlterEnum
ALTER TYPE "SubscriptionStatus" ADD VALUE 'TRIALING';

-- AlterTable
ALTER TABLE "Subscription" ADD COLUMN     "trialEnd" TIMESTAMPTZ(3),
ADD COLUMN     "trialStart" TIMESTAMPTZ(3),
ADD COLUMN     "trialWillEndSentAt" TIMESTAMPTZ(3);


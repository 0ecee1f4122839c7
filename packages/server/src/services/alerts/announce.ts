// Publishing fired alerts to the usageAlertTriggered subscription. Called after the ingest
// transaction committed, so a trigger that rolled back is never announced.
import type { Scope } from "../../db/tenant-scope.js";
import type { AlertTrigger } from "../../generated/prisma/client.js";
import { tenantTopic, type TallyPubSub } from "../../pubsub.js";
import type { AlertsTriggeredListener } from "./evaluate.js";

export function announceTriggers(pubsub: TallyPubSub, scope: Scope): AlertsTriggeredListener {
  return (triggers: AlertTrigger[]) => {
    for (const trigger of triggers)
      pubsub.publish("usageAlertTriggered", tenantTopic(scope), { triggerId: trigger.id });
  };
}

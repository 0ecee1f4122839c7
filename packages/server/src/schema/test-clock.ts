// Test clocks: frozen time for test-mode customers (docs/concepts/time-and-test-clocks.md#test-clocks).
import { InvalidInputError, NotFoundError } from "../errors.js";
import { advanceTestClock, afterTestClockAdvance, createTestClock, deleteTestClock } from "../services/test-clocks.js";
import { announceTriggers } from "../services/alerts/announce.js";
import { builder } from "./builder.js";
import { entityNode, requireTenant } from "./tenant.js";
import { byId } from "../db/tenant-scope.js";

const TestClockStatus = builder.enumType("TestClockStatus", {
  description: "Advancing completes within the mutation, so a clock is always READY.",
  values: ["READY"] as const,
});

export const TestClockRef = builder.prismaNode("TestClock", {
  ...entityNode,
  fields: (t) => ({
    name: t.exposeString("name", { nullable: true }),
    frozenTime: t.expose("frozenTime", { type: "DateTime" }),
    status: t.field({ type: TestClockStatus, resolve: () => "READY" as const }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

builder.queryField("testClock", (t) =>
  t.prismaField({
    type: "TestClock",
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: (query, _root, { id }, ctx) =>
      requireTenant(ctx).prisma.testClock.findUnique({ ...query, where: byId(requireTenant(ctx).scope, id) }),
  }),
);

builder.queryField("testClocks", (t) =>
  t.prismaConnection(
    {
      type: "TestClock",
      cursor: "accountId_mode_id",
      description: "Newest first.",
      resolve: (query, _root, _args, ctx) =>
        requireTenant(ctx).prisma.testClock.findMany({ ...query, orderBy: [{ createdAt: "desc" }, { id: "desc" }] }),
    },
    { name: "TestClockConnection" },
    { name: "TestClockEdge" },
  ),
);

const DeletedTestClockRef = builder.objectRef<{ id: string }>("DeletedTestClock").implement({
  fields: (t) => ({
    id: t.exposeID("id"),
    deleted: t.boolean({ resolve: () => true }),
  }),
});

const TestClockIdInput = builder.inputType("TestClockIdInput", {
  fields: (t) => ({ id: t.id({ required: true }) }),
});

const CreateTestClockInput = builder.inputType("CreateTestClockInput", {
  fields: (t) => ({
    frozenTime: t.field({ type: "DateTime", required: true }),
    name: t.string(),
  }),
});

const AdvanceTestClockInput = builder.inputType("AdvanceTestClockInput", {
  fields: (t) => ({
    id: t.id({ required: true }),
    frozenTime: t.field({ type: "DateTime", required: true }),
  }),
});

builder.mutationField("createTestClock", (t) =>
  t.prismaField({
    type: "TestClock",
    errors: { types: [InvalidInputError] },
    args: { input: t.arg({ type: CreateTestClockInput, required: true }) },
    resolve: (_query, _root, { input }, ctx) => createTestClock(requireTenant(ctx), input),
  }),
);

builder.mutationField("advanceTestClock", (t) =>
  t.prismaField({
    type: "TestClock",
    description:
      "Moves the clock forward and returns once every period end it passes is invoiced. One advance moves at most two intervals of the shortest billing interval among the clock's active subscriptions (two years without one); further is TEST_CLOCK_ADVANCE_TOO_FAR.",
    errors: { types: [InvalidInputError, NotFoundError] },
    args: { input: t.arg({ type: AdvanceTestClockInput, required: true }) },
    resolve: async (_query, _root, { input }, ctx) => {
      const tenant = requireTenant(ctx);
      const clock = await advanceTestClock(tenant, { id: String(input.id), frozenTime: input.frozenTime });
      // Thresholds, balance alerts and recharges the new time reaches are the advance's.
      announceTriggers(ctx.pubsub, tenant.scope)(await afterTestClockAdvance(tenant, ctx.deps.clock, clock.id));
      return clock;
    },
  }),
);

builder.mutationField("deleteTestClock", (t) =>
  t.field({
    type: DeletedTestClockRef,
    description: "Deletes a clock that no customer uses (TEST_CLOCK_IN_USE otherwise).",
    errors: { types: [InvalidInputError, NotFoundError] },
    args: { input: t.arg({ type: TestClockIdInput, required: true }) },
    resolve: (_root, { input }, ctx) => deleteTestClock(requireTenant(ctx), String(input.id)),
  }),
);

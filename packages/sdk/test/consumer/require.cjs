// The CommonJS entry of the packed package: require() works and gets the same client and errors.
const { Tally, TallyNotFoundError } = require("@tally/sdk");

const tally = new Tally({ apiKey: process.env.TALLY_API_KEY, url: process.env.TALLY_URL });
tally.testClocks.create({ frozenTime: "2026-01-01T00:00:00Z", name: "from require" }).then(async (clock) => {
  const missing = await tally.customers.retrieve("cus_missing").catch((error) => error);
  console.log(JSON.stringify({ name: clock.name, notFound: missing instanceof TallyNotFoundError }));
});

// Prints the Pothos schema, sorted, to schema.graphql at the repository root.
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { printedSchema } from "../src/schema/printed.js";

const target = fileURLToPath(new URL("../../../schema.graphql", import.meta.url));
writeFileSync(target, printedSchema());
console.log(`schema.graphql written (${target})`);

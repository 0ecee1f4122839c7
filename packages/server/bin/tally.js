#!/usr/bin/env node
// The server runs its TypeScript sources through tsx: no build step between editing and running.
import { register } from "tsx/esm/api";

register();
await import("../src/cli.ts");

#!/usr/bin/env node
// The bin. It checks the Node version before loading anything that could fail on an old one
// (npm's `engines` only warns), then hands over to main.
import { isSupportedNode, MINIMUM_NODE } from "./node-version.js";

if (!isSupportedNode(process.versions.node)) {
  process.stderr.write(`mailtrap-accounts-mcp needs Node.js ${MINIMUM_NODE} or newer; this is ${process.version}.\n`);
  process.exit(1);
} else {
  const { main } = await import("./main.js");
  await main(process.argv.slice(2));
}

// The package version: inlined by the bundler (scripts/build.mjs); read from package.json when running
// from source (tests).
import { readFileSync } from "node:fs";

declare const __PACKAGE_VERSION__: string | undefined;

function readVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version?: unknown };
    return typeof pkg.version === "string" ? pkg.version : "0.0.0";
  } catch {
    return "0.0.0";
  }
}

export const VERSION = typeof __PACKAGE_VERSION__ === "string" ? __PACKAGE_VERSION__ : readVersion();
export const SERVER_NAME = "mailtrap-accounts-mcp";

// npm run bundle: the MCP Bundle (.mcpb) that Claude Desktop installs with one click. Only what runs goes in:
// the built dist/, manifest.json, the icon, README and LICENSE, and a package.json that makes dist/ load as ESM.
// The mcpb CLI's packer validates the manifest and writes the zip. Usage: node scripts/bundle.mjs [output.mcpb]
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { packExtension } from "@anthropic-ai/mcpb";

const root = fileURLToPath(new URL("..", import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const output = resolve(process.argv[2] ?? join(root, `${pkg.name}.mcpb`));

const stage = mkdtempSync(join(tmpdir(), "mailtrap-bundle-"));
try {
  for (const file of ["manifest.json", "icon.png", "README.md", "LICENSE"]) cpSync(join(root, file), join(stage, file));
  cpSync(join(root, "dist"), join(stage, "dist"), { recursive: true, filter: (source) => !source.endsWith(".map") });
  // Without "type": "module", Node before 20.19 / 22.7 would read the ESM bundle as CommonJS.
  const runtimePackage = { name: pkg.name, version: pkg.version, private: true, type: "module", license: pkg.license };
  writeFileSync(join(stage, "package.json"), `${JSON.stringify(runtimePackage, null, 2)}\n`);
  const packed = await packExtension({ extensionPath: stage, outputPath: output, silent: true });
  if (!packed) throw new Error("mcpb pack failed: run `npx mcpb validate manifest.json` for the reason");
  process.stderr.write(`wrote ${output}\n`);
} finally {
  rmSync(stage, { recursive: true, force: true });
}

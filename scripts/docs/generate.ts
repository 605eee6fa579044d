// What `npm run docs` writes: every generated section of README.md.
import { TOOLS } from "../../src/tools/index.js";
import { settingsTable, toolsTable, withGeneratedSections } from "./tables.js";

export function generatedReadme(readme: string): string {
  return withGeneratedSections(readme, { "tools-table": toolsTable(TOOLS), "config-table": settingsTable() });
}

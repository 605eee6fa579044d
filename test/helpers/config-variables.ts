// The variables a client or registry may set: every one the config reads, plus MAILTRAP_SHORT_NAMES, the decided
// name of the short-names option (issue 10) whose reader lands in config.ts separately; once it has, this adds nothing.
import { ENV_VARIABLES } from "../../src/config.js";

export const CONFIG_VARIABLES: ReadonlySet<string> = new Set([...ENV_VARIABLES, "MAILTRAP_SHORT_NAMES"]);

/** True once config.ts reads MAILTRAP_SHORT_NAMES: tests of its effect run from then on. */
export const SHORT_NAMES_IMPLEMENTED = ENV_VARIABLES.includes("MAILTRAP_SHORT_NAMES");

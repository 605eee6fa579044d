// The oldest Node.js this server runs on (package.json engines), checked at start.
export const MINIMUM_NODE = "20.18.1";

export function isSupportedNode(version: string, minimum: string = MINIMUM_NODE): boolean {
  const have = version.replace(/^v/, "").split(".").map(Number);
  const need = minimum.split(".").map(Number);
  for (let i = 0; i < need.length; i++) {
    if ((have[i] ?? 0) !== need[i]) return (have[i] ?? 0) > need[i]!;
  }
  return true;
}

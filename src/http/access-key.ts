// The access key for server-held-token mode: `Authorization: Bearer <key>`, compared in constant time.
import { createHash, timingSafeEqual } from "node:crypto";

const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();

/** Returns a checker for one configured key; the comparison takes the same time whatever is presented. */
export function accessKeyChecker(key: string): (authorization: string | undefined) => boolean {
  // Comparing digests makes both sides the same length, so length differences leak nothing either.
  const expected = digest(key);
  return (authorization) => {
    const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization ?? "");
    const presented = digest(match?.[1] ?? "");
    return timingSafeEqual(presented, expected) && match !== null;
  };
}

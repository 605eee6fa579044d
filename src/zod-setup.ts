// zod's default compiles a fast path with `new Function` on each schema's first parse: the SDK's and ours would
// all pay that compile before their first answer. Parsing without it costs nothing measurable per call, and it
// means no `eval` in the process. Imported first by app.ts, so it holds wherever the app is built.
import { config } from "zod";

config({ jitless: true });

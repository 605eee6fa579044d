// --demo: the in-repo Mailtrap API with sample data, started in-process on loopback. No token needed,
// nothing leaves the machine; writes persist for the life of the process.
import { type Sandbox, startSandbox } from "./sandbox/index.js";

export const DEMO_NOTICE =
  "DEMO MODE: the data is a built-in sample (accounts 1001 and 1002, organization 501), served on loopback; nothing reaches Mailtrap.";

export interface DemoApi {
  baseUrl: string;
  apiToken: string;
  organizationApiToken: string;
  close(): Promise<void>;
}

export async function startDemoApi(): Promise<DemoApi> {
  const sandbox: Sandbox = await startSandbox({ host: "127.0.0.1", port: 0 });
  return {
    baseUrl: sandbox.url,
    apiToken: sandbox.token,
    organizationApiToken: sandbox.organizationToken,
    close: () => sandbox.close(),
  };
}

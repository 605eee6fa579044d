// The HTTP mode's settings and the refusals that keep a listener beyond loopback from being open by mistake.
import { describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.js";

const KEY = "0123456789abcdef0123456789abcdef";

describe("HTTP settings", () => {
  it("flags win over their variables", () => {
    const env = { MAILTRAP_MCP_HOST: "0.0.0.0", MAILTRAP_MCP_PORT: "9000", MAILTRAP_MCP_PATH: "/x" };
    expect(loadConfig(["--http", "--host", "127.0.0.1", "--port=0", "--path=/mailtrap-accounts"], env).http).toMatchObject({
      enabled: true,
      host: "127.0.0.1",
      port: 0,
      path: "/mailtrap-accounts",
    });
    expect(loadConfig([], { ...env, MAILTRAP_MCP_HTTP: "true" }).http).toMatchObject({
      enabled: true,
      host: "0.0.0.0",
      port: 9000,
      path: "/x",
    });
  });

  it("reads the keys and the origin and host lists", () => {
    const config = loadConfig(["--http"], {
      MAILTRAP_MCP_HTTP_KEY: KEY,
      MAILTRAP_MCP_SIGNING_KEY: `${KEY}x`,
      MAILTRAP_MCP_ALLOWED_ORIGINS: "app.example.com, localhost",
      MAILTRAP_MCP_ALLOWED_HOSTS: "mcp.example.com",
    }).http;
    expect(config).toMatchObject({
      accessKey: KEY,
      signingKey: `${KEY}x`,
      allowedOrigins: ["app.example.com", "localhost"],
      allowedHosts: ["mcp.example.com"],
    });
  });

  it("checks Host against the loopback names on loopback, and not at all elsewhere unless listed", () => {
    expect(loadConfig(["--http", "--host=localhost"], {}).http.allowedHosts).toEqual(["localhost", "127.0.0.1", "[::1]"]);
    expect(loadConfig(["--http", "--host=0.0.0.0"], {}).http.allowedHosts).toBeUndefined();
  });

  it.each([
    [["--http", "--port=70000"], {}, /--port \/ MAILTRAP_MCP_PORT must be a port number/],
    [["--http", "--port=eighty"], {}, /MAILTRAP_MCP_PORT must be a port number/],
    [["--http", "--path=mcp"], {}, /--path \/ MAILTRAP_MCP_PATH must be a URL path/],
    [["--http", "--path=/healthz"], {}, /not \/healthz/],
    [["--http", "--path=/mcp?x=1"], {}, /no query/],
    [["--http"], { MAILTRAP_MCP_HTTP_KEY: "short" }, /MAILTRAP_MCP_HTTP_KEY must be at least 32 characters/],
    [["--http"], { MAILTRAP_MCP_SIGNING_KEY: "short" }, /MAILTRAP_MCP_SIGNING_KEY must be at least 32 characters/],
    [["--port=1"], {}, /--port applies to --http only/],
  ])("refuses %j %j", (argv, env, message) => {
    expect(() => loadConfig(argv, env)).toThrow(message);
  });

  it("refuses to serve the server's own token beyond loopback without an access key", () => {
    const env = { MAILTRAP_API_TOKEN: "server-token-value" };
    expect(() => loadConfig(["--http", "--host=0.0.0.0"], env)).toThrow(/set MAILTRAP_MCP_HTTP_KEY/);
    expect(loadConfig(["--http", "--host=0.0.0.0"], { ...env, MAILTRAP_MCP_HTTP_KEY: KEY }).http.accessKey).toBe(KEY);
    // On loopback the key is optional; with tokens per request it is too.
    expect(loadConfig(["--http"], env).http.enabled).toBe(true);
    expect(loadConfig(["--http", "--host=0.0.0.0"], {}).http.enabled).toBe(true);
  });

  it("refuses the demo beyond loopback without an access key: every request would get its sample token", () => {
    expect(() => loadConfig(["--http", "--demo", "--host=0.0.0.0"], {})).toThrow(/--demo on 0\.0\.0\.0 .*set MAILTRAP_MCP_HTTP_KEY/);
    expect(loadConfig(["--http", "--demo", "--host=0.0.0.0"], { MAILTRAP_MCP_HTTP_KEY: KEY }).mode).toBe("demo");
    expect(loadConfig(["--http", "--demo"], {}).http.host).toBe("127.0.0.1");
  });

  it("refuses confirm mode beyond loopback without a shared signing key", () => {
    const env = { MAILTRAP_CONFIRM_DESTRUCTIVE: "true" };
    expect(() => loadConfig(["--http", "--host=10.0.0.5"], env)).toThrow(/needs MAILTRAP_MCP_SIGNING_KEY/);
    expect(loadConfig(["--http", "--host=10.0.0.5"], { ...env, MAILTRAP_MCP_SIGNING_KEY: KEY }).http.signingKey).toBe(KEY);
    expect(loadConfig(["--http"], env).http.signingKey).toBeUndefined();
  });
});

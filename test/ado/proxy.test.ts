import { createServer, request as httpRequest, type Server } from "node:http";
import { connect, type AddressInfo, type Socket } from "node:net";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { AdoClient } from "../../src/ado/client.js";
import { credentialFromEnvironment } from "../../src/ado/credential-from-environment.js";
import { patCredential } from "../../src/ado/credentials.js";
import { proxySettings } from "../../src/ado/transport.js";
import { startEmulator, type EmulatorHandle } from "../../src/emulator/index.js";
import { openConnection } from "../../src/engine/connect.js";
import { sendJson, startServer } from "./helpers.js";

interface TestProxy {
  url: string;
  /** "CONNECT host:port" for tunnels, "GET http://…" for forwarded requests. */
  seen: string[];
  close(): Promise<void>;
}

/** An HTTP forward proxy on 127.0.0.1 that records what it is asked to reach (tunnels and plain requests). */
async function startProxy(): Promise<TestProxy> {
  const seen: string[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((incoming, response) => {
    seen.push(`${incoming.method} ${incoming.url}`);
    const forwarded = httpRequest(incoming.url ?? "", { method: incoming.method, headers: incoming.headers }, (upstream) => {
      response.writeHead(upstream.statusCode ?? 502, upstream.headers);
      upstream.pipe(response);
    });
    forwarded.on("error", () => response.destroy());
    incoming.pipe(forwarded);
  });
  server.on("connect", (incoming, client: Socket, head: Buffer) => {
    seen.push(`CONNECT ${incoming.url}`);
    const [host, port] = (incoming.url ?? "").split(":");
    const upstream = connect(Number(port), host ?? "127.0.0.1", () => {
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on("error", () => client.destroy());
    client.on("error", () => upstream.destroy());
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

let emulator: EmulatorHandle;
let proxy: TestProxy | undefined;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator.close();
});
afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
});

async function projectsThrough(proxyEnvironment: Record<string, string | undefined>): Promise<number> {
  const client = new AdoClient({ organization: emulator.url, credential: patCredential(emulator.token), proxyEnvironment });
  try {
    return (await client.listProjects()).length;
  } finally {
    await client.close();
  }
}

describe("proxies", () => {
  it("sends requests through HTTP_PROXY (the emulator is plain http on 127.0.0.1, which undici does not exempt)", async () => {
    const started = await startProxy();
    proxy = started;
    const emulatorHost = new URL(emulator.url).host;
    expect(await projectsThrough({ HTTP_PROXY: started.url })).toBeGreaterThan(0);
    expect(started.seen.length).toBeGreaterThan(0);
    expect(started.seen.every((line) => line === `CONNECT ${emulatorHost}` || line.startsWith(`GET http://${emulatorHost}/`))).toBe(true);
  });

  it("honours the lower-case form, and reaches NO_PROXY hosts directly", async () => {
    const started = await startProxy();
    proxy = started;
    expect(await projectsThrough({ http_proxy: started.url, NO_PROXY: "example.com" })).toBeGreaterThan(0);
    const viaProxy = started.seen.length;
    expect(viaProxy).toBeGreaterThan(0);
    expect(await projectsThrough({ HTTP_PROXY: started.url, HTTPS_PROXY: started.url, NO_PROXY: "example.com, 127.0.0.1" })).toBeGreaterThan(0);
    expect(await projectsThrough({ HTTP_PROXY: started.url, no_proxy: "*" })).toBeGreaterThan(0);
    expect(started.seen.length).toBe(viaProxy);
  });

  it("reads the proxy from the environment openConnection is given (the CLI's)", async () => {
    const started = await startProxy();
    proxy = started;
    const connection = await openConnection({ org: emulator.url, root: ".", env: { AZURE_DEVOPS_TOKEN: emulator.token, HTTP_PROXY: started.url } });
    try {
      expect((await connection.client.listProjects()).length).toBeGreaterThan(0);
    } finally {
      await connection.close();
    }
    expect(started.seen.length).toBeGreaterThan(0);
  });

  it("sends the workload identity token exchange through the proxy too", async () => {
    const started = await startProxy();
    proxy = started;
    const entra = await startServer((_request, response) => sendJson(response, 200, { access_token: "exchanged", expires_in: 3600 }));
    const dir = await mkdtemp(path.join(tmpdir(), "hookops-proxy-"));
    try {
      await writeFile(path.join(dir, "token"), "federated");
      const credential = credentialFromEnvironment({
        AZURE_CLIENT_ID: "c",
        AZURE_TENANT_ID: "t",
        AZURE_FEDERATED_TOKEN_FILE: path.join(dir, "token"),
        AZURE_AUTHORITY_HOST: entra.url,
        HTTP_PROXY: started.url,
      });
      expect(await credential?.authorization()).toBe("Bearer exchanged");
      expect(started.seen).toContain(`CONNECT ${new URL(entra.url).host}`);
    } finally {
      await entra.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("reads the variables as curl does: lower case first, HTTPS_PROXY falling back to HTTP_PROXY", () => {
    expect(proxySettings({})).toEqual({ httpProxy: "", httpsProxy: "", noProxy: "" });
    expect(proxySettings({ HTTP_PROXY: "http://upper:1", http_proxy: "http://lower:2", NO_PROXY: ".corp" })).toEqual({
      httpProxy: "http://lower:2",
      httpsProxy: "http://lower:2",
      noProxy: ".corp",
    });
    expect(proxySettings({ HTTPS_PROXY: "http://secure:3", no_proxy: "*" })).toEqual({ httpProxy: "", httpsProxy: "http://secure:3", noProxy: "*" });
  });
});

import { spawn } from "node:child_process";
import { beforeAll, expect, it } from "vitest";
import { childEnv, requireBuiltCli } from "./helpers.js";

beforeAll(requireBuiltCli);

it("npm run demo plans, applies and plans again examples/basic, ending in No changes.", async () => {
  const result = await new Promise<{ code: number; stdout: string }>((resolve, reject) => {
    const child = spawn(process.execPath, ["scripts/demo.mjs"], { env: childEnv(), stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout }));
  });
  expect(result.code).toBe(0);
  expect(result.stdout).toContain("demo values set for: STORAGE_ACCOUNT_KEY, WEBSITE_HOOK_PASSWORD");
  expect(result.stdout).toContain("Apply complete: 4 changed, 0 failed, 0 skipped.");
  expect(result.stdout).toContain("No changes. Live subscriptions match the configuration.\n\nhookops demo: planned, applied, and planned again");
});

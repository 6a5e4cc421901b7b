// The built bin (lib/cli/main.js) as a separate process; the other CLI tests run it in-process.
// The quick start (plan, apply, plan with --org emulator) runs as processes in test/e2e/demo.test.ts.
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { cli, runCliProcess } from "./helpers.js";
import { hookopsInProcess } from "./in-process.js";

beforeAll(() => {
  if (!existsSync(cli)) throw new Error("lib/cli/main.js is missing: run `npm run build` first (npm test does it)");
});

/** Node resolve hooks that append every module URL the process loads to $HOOKOPS_IMPORT_LOG. */
const LOG_IMPORTS = `data:text/javascript,${encodeURIComponent(`
import { register } from "node:module";
register(${JSON.stringify(
  `data:text/javascript,${encodeURIComponent(`
import { appendFileSync } from "node:fs";
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  appendFileSync(process.env.HOOKOPS_IMPORT_LOG, result.url + "\\n");
  return result;
}`)}`,
)});`)}`;

async function loadedPackages(args: string[]): Promise<{ code: number; stdout: string; packages: string[] }> {
  const dir = await mkdtemp(path.join(tmpdir(), "hookops-imports-"));
  try {
    const log = path.join(dir, "imports.txt");
    const run = await runCliProcess(args, { env: { HOOKOPS_IMPORT_LOG: log }, nodeOptions: ["--import", LOG_IMPORTS] });
    const urls = existsSync(log) ? (await readFile(log, "utf8")).split("\n") : [];
    const packages = [...new Set(urls.flatMap((url) => /\/node_modules\/([^/]+)\//.exec(url)?.[1] ?? []))].sort();
    return { code: run.code, stdout: run.stdout, packages };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe("the built bin", () => {
  it("answers --version from package.json and --help from the build loading no package, and plan --help loading only commander", async () => {
    const version = await loadedPackages(["--version"]);
    const manifest = JSON.parse(await readFile("package.json", "utf8")) as { version: string };
    expect(version).toEqual({ code: 0, stdout: `${manifest.version}\n`, packages: [] });
    const help = await loadedPackages(["--help"]);
    expect(help.code).toBe(0);
    // The build's copy of the help must say what commander says.
    const inProcess = await hookopsInProcess(["--help"], { cwd: process.cwd() });
    expect(inProcess.code).toBe(0);
    expect(help.stdout).toBe(inProcess.stdout);
    expect(help.stdout).toContain("Usage: hookops [options] [command]");
    expect(help.packages).toEqual([]);
    const planHelp = await loadedPackages(["plan", "--help"]);
    expect(planHelp.stdout).toContain("--detailed-exitcode");
    expect(planHelp.packages).toEqual(["commander"]);
  });

  it("validates examples/basic: warnings on stdout, exit 0", async () => {
    const run = await runCliProcess(["validate", "examples/basic"]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    expect(run.stdout).toMatchInlineSnapshot(`
      "examples/basic/hooks/mobile.yaml:14:19: warning unset-reference: consumerInputs.accountKey: environment variable STORAGE_ACCOUNT_KEY is not set; it is needed when the subscription is applied
      examples/basic/hooks/website.yaml:16:26: warning unset-reference: consumerInputs.basicAuthPassword: environment variable WEBSITE_HOOK_PASSWORD is not set; it is needed when the subscription is applied
      0 errors, 2 warnings in 4 files (4 subscriptions)
      "
    `);
  });
});

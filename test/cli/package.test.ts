// The npm package as a user gets it: `npm pack`, unpacked into an empty folder next to only the
// production dependencies, then its bin run there (validate, and plan + apply against the emulator).
import { execFile } from "node:child_process";
import { cp, mkdir, mkdtemp, readFile, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "./helpers.js";

const run = promisify(execFile);

interface PackedFile {
  path: string;
}

let app: string;
let bin: string;
let packed: string[];

beforeAll(async () => {
  app = await mkdtemp(path.join(tmpdir(), "hookops-package-"));
  // `npm publish` runs prepack (the build); `npm test` has built lib/ already.
  const { stdout } = await run("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", app], { cwd: repoRoot });
  const [info] = JSON.parse(stdout) as [{ filename: string; files: PackedFile[] }];
  packed = info.files.map((file) => file.path).sort();
  const installed = path.join(app, "node_modules", "hookops");
  await mkdir(installed, { recursive: true });
  await run("tar", ["-xzf", path.join(app, info.filename), "-C", installed, "--strip-components=1"]);
  const manifest = JSON.parse(await readFile(path.join(installed, "package.json"), "utf8")) as {
    dependencies: Record<string, string>;
    bin: Record<string, string>;
  };
  // Only what `dependencies` names: a runtime import of a devDependency fails here.
  for (const name of Object.keys(manifest.dependencies)) {
    await mkdir(path.dirname(path.join(app, "node_modules", name)), { recursive: true });
    await symlink(path.join(repoRoot, "node_modules", name), path.join(app, "node_modules", name), "dir");
  }
  bin = path.join(installed, manifest.bin.hookops ?? "missing");
  await cp(path.join(repoRoot, "examples", "basic"), path.join(app, "hooks-repo"), { recursive: true });
}, 60_000);

afterAll(async () => {
  await rm(app, { recursive: true, force: true });
});

function hookops(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      {
        cwd: app,
        env: {
          PATH: process.env.PATH ?? "",
          NO_COLOR: "1",
          STORAGE_ACCOUNT_KEY: Buffer.alloc(64, 7).toString("base64"),
          WEBSITE_HOOK_PASSWORD: "test-password",
        },
        timeout: 30_000,
      },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr });
      },
    );
  });
}

describe("the npm package", () => {
  it("holds the built CLI, its help, type declarations for code that imports it, the schemas, README and LICENSE, and no sources or tests", () => {
    expect(packed).toEqual(
      expect.arrayContaining([
        "LICENSE",
        "README.md",
        "package.json",
        "lib/cli/main.js",
        "lib/cli/help.txt",
        "lib/ado/index.d.ts",
        "lib/emulator/index.d.ts",
        "schemas/hookops.schema.json",
      ]),
    );
    expect(packed.filter((file) => /^(src|test|bench|dist|examples)\//.test(file) || (file.endsWith(".ts") && !file.endsWith(".d.ts")))).toEqual([]);
  });

  it("runs from an empty folder: --version, validate, then plan and apply against the emulator", async () => {
    const manifest = JSON.parse(await readFile(path.join(repoRoot, "package.json"), "utf8")) as { version: string };
    expect(await hookops(["--version"])).toEqual({ code: 0, stdout: `${manifest.version}\n`, stderr: "" });
    const validate = await hookops(["validate", "hooks-repo"]);
    expect(validate.stderr).toBe("");
    expect(validate.code).toBe(0);
    const apply = await hookops(["apply", "hooks-repo", "--org", "emulator", "--auto-approve"]);
    expect(apply.code, apply.stderr).toBe(0);
    expect(apply.stdout).toContain("Apply complete: 4 changed, 0 failed, 0 skipped.");
  });
});

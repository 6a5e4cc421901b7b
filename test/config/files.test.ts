import { execFileSync } from "node:child_process";
import type { PathLike } from "node:fs";
import { chmod, mkdir, symlink } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it, onTestFinished, vi } from "vitest";
import { MAX_FOLLOWED_FOLDER_LINKS } from "../../src/config/files.js";
import { hasErrors, loadRepository } from "../../src/config/index.js";
import { IncludePatterns } from "../../src/config/include.js";
import { CONFIG, line, makeRepo } from "./helpers.js";

/**
 * Paths whose reads fail with EACCES. Tests run as root in CI, where chmod 000 stops nothing, so
 * there the file system calls hookops makes are made to fail the way they fail for other users.
 */
const denied = vi.hoisted(() => new Set<string>());

function permissionDenied(target: PathLike): NodeJS.ErrnoException {
  return Object.assign(new Error(`EACCES: permission denied, open '${String(target)}'`), { code: "EACCES", errno: -13, path: String(target) });
}

vi.mock("node:fs/promises", async (importOriginal) => {
  const real = await importOriginal<typeof import("node:fs/promises")>();
  const readdir = (target: PathLike, ...rest: unknown[]): Promise<unknown> =>
    denied.has(String(target)) ? Promise.reject(permissionDenied(target)) : (real.readdir as (...args: unknown[]) => Promise<unknown>)(target, ...rest);
  return { ...real, readdir, default: { ...real, readdir } };
});

vi.mock("node:fs", async (importOriginal) => {
  const real = await importOriginal<typeof import("node:fs")>();
  const readFile = (target: PathLike, ...rest: unknown[]): void => {
    const callback = rest[rest.length - 1];
    if (denied.has(String(target)) && typeof callback === "function") {
      process.nextTick(() => (callback as (error: Error) => void)(permissionDenied(target)));
      return;
    }
    (real.readFile as (...args: unknown[]) => void)(target, ...rest);
  };
  return { ...real, readFile, default: { ...real, readFile } };
});

const isRoot = process.getuid?.() === 0;

/** Makes a file or folder unreadable: chmod 000 for a normal user, a denied read for root. */
async function makeUnreadable(target: string): Promise<void> {
  if (isRoot) {
    denied.add(target);
    onTestFinished(() => {
      denied.delete(target);
    });
    return;
  }
  await chmod(target, 0o000);
  onTestFinished(() => chmod(target, 0o755));
}

const hook = (name: string): string => `subscriptions:
  - name: ${name}
    project: WebSite
    eventType: build.complete
    consumerId: webHooks
    consumerActionId: httpRequest
    consumerInputs: { url: "https://hooks.example.com/${name}" }
`;

async function load(root: string) {
  const loaded = await loadRepository(".", { cwd: root, env: {} });
  return { loaded, lines: loaded.findings.map(line) };
}

describe("every included path is read or reported", () => {
  it("an unreadable folder is an error naming it; the rest is still read", async () => {
    const root = await makeRepo({ "hookops.yaml": CONFIG, "hooks/ok.yaml": hook("ok"), "hooks/team/secret.yaml": hook("secret") });
    await makeUnreadable(path.join(root, "hooks", "team"));
    const { loaded, lines } = await load(root);
    expect(lines).toEqual([
      'hooks/team:1:1: error unreadable-folder: "hooks/team" is a folder that cannot be read: permission denied; fix its permissions or exclude it ("!hooks/team/**")',
    ]);
    expect(hasErrors(loaded.findings)).toBe(true);
    expect(loaded.subscriptions.map((subscription) => subscription.name)).toEqual(["ok"]);
  });

  it('an unreadable include base is reported instead of "matches no files"', async () => {
    const root = await makeRepo({ "hookops.yaml": `${CONFIG}include: ["team/*.yaml"]\n`, "team/a.yaml": hook("a") });
    await makeUnreadable(path.join(root, "team"));
    const { lines } = await load(root);
    expect(lines).toEqual([
      'team:1:1: error unreadable-folder: "team" is a folder that cannot be read: permission denied; fix its permissions or exclude it ("!team/**")',
    ]);
  });

  it("an unreadable folder no pattern could take a file from is not reported", async () => {
    const root = await makeRepo({
      "hookops.yaml": `${CONFIG}include: ["hooks/*.yaml", "deep/**/*.yaml", "!deep/drafts/**"]\n`,
      "hooks/ok.yaml": hook("ok"),
      "hooks/sub/x.yaml": hook("x"),
      "deep/d.yaml": hook("d"),
      "deep/.cache/y.yaml": hook("y"),
      "deep/drafts/z.yaml": hook("z"),
    });
    for (const folder of ["hooks/sub", "deep/.cache", "deep/drafts"]) await makeUnreadable(path.join(root, folder));
    const { lines, loaded } = await load(root);
    expect(lines).toEqual([]);
    expect(loaded.files).toEqual(["hookops.yaml", "deep/d.yaml", "hooks/ok.yaml"]);
  });

  it("an included file that cannot be read is an error naming it", async () => {
    const root = await makeRepo({ "hookops.yaml": CONFIG, "hooks/ok.yaml": hook("ok"), "hooks/locked.yaml": hook("locked") });
    await makeUnreadable(path.join(root, "hooks", "locked.yaml"));
    const { lines } = await load(root);
    expect(lines).toEqual(['hooks/locked.yaml:1:1: error unreadable-file: "hooks/locked.yaml" cannot be read: permission denied']);
  });

  it("an included FIFO is an error and is never opened (reading it would hang)", async () => {
    const root = await makeRepo({ "hookops.yaml": CONFIG, "hooks/ok.yaml": hook("ok") });
    execFileSync("mkfifo", [path.join(root, "hooks", "pipe.yaml"), path.join(root, "hooks", "pipe.txt")]);
    const { lines } = await load(root);
    expect(lines).toEqual(['hooks/pipe.yaml:1:1: error unreadable-file: "hooks/pipe.yaml" cannot be read: it is a FIFO, not a regular file']);
  });

  it("a hookops.yaml that is not a regular file is not opened", async () => {
    const root = await makeRepo({ "hooks/ok.yaml": hook("ok") });
    execFileSync("mkfifo", [path.join(root, "hookops.yaml")]);
    const { lines } = await load(root);
    expect(lines).toEqual(["hookops.yaml:1:1: error config-not-found: hookops.yaml is not a regular file (it is a FIFO)"]);
  });

  it("broken symlinks that could be an included file or folder are errors", async () => {
    const root = await makeRepo({ "hookops.yaml": CONFIG, "hooks/ok.yaml": hook("ok") });
    await symlink(path.join(root, "gone.yaml"), path.join(root, "hooks", "gone.yaml"));
    await symlink(path.join(root, "gone-folder"), path.join(root, "hooks", "team"));
    await symlink("self", path.join(root, "hooks", "self"));
    // An editor's lock file (Emacs writes them as dangling links) is nothing a pattern includes.
    await symlink("user@host.1234:1700000000", path.join(root, "hooks", ".#ok.yaml"));
    const { lines } = await load(root);
    expect(lines).toEqual([
      'hooks/gone.yaml:1:1: error broken-symlink: "hooks/gone.yaml" is a broken symlink: its target does not exist; fix or remove the link',
      'hooks/self:1:1: error broken-symlink: "hooks/self" is a broken symlink: it leads back to itself; fix or remove the link',
      'hooks/team:1:1: error broken-symlink: "hooks/team" is a broken symlink: its target does not exist; fix or remove the link',
    ]);
  });

  it("a symlinked folder leading outside the root is an error", async () => {
    const outside = await makeRepo({ "hooks/x.yaml": hook("outside") });
    const root = await makeRepo({ "hookops.yaml": CONFIG, "hooks/ok.yaml": hook("ok") });
    await symlink(path.join(outside, "hooks"), path.join(root, "hooks", "linked"));
    const { lines, loaded } = await load(root);
    expect(lines).toEqual([
      'hooks/linked:1:1: error symlink-outside-root: "hooks/linked" is a symlink to a path outside the repository root; hookops reads only files inside the root',
    ]);
    expect(loaded.subscriptions.map((subscription) => subscription.name)).toEqual(["ok"]);
  });

  it('an include base that is a symlink outside the root is an error, not "matches no files"', async () => {
    const outside = await makeRepo({ "hooks/x.yaml": hook("outside") });
    const root = await makeRepo({ "hookops.yaml": CONFIG });
    await symlink(path.join(outside, "hooks"), path.join(root, "hooks"));
    const { lines, loaded } = await load(root);
    expect(lines).toEqual([
      'hooks:1:1: error symlink-outside-root: "hooks" is a symlink to a path outside the repository root; hookops reads only files inside the root',
    ]);
    expect(loaded.subscriptions).toEqual([]);
  });

  it("a base reached through a symlinked parent outside the root is an error too", async () => {
    const outside = await makeRepo({ "team/x.yaml": hook("outside") });
    const root = await makeRepo({ "hookops.yaml": `${CONFIG}include: ["hooks/team/*.yaml"]\n` });
    await symlink(outside, path.join(root, "hooks"));
    const { lines } = await load(root);
    expect(lines).toEqual([
      'hooks:1:1: error symlink-outside-root: "hooks" is a symlink to a path outside the repository root; hookops reads only files inside the root',
    ]);
  });

  it("a broken symlink as the include base is an error", async () => {
    const root = await makeRepo({ "hookops.yaml": CONFIG });
    await symlink(path.join(root, "nowhere"), path.join(root, "hooks"));
    const { lines } = await load(root);
    expect(lines).toEqual(['hooks:1:1: error broken-symlink: "hooks" is a broken symlink: its target does not exist; fix or remove the link']);
  });

  it("an include base symlinked inside the root is walked", async () => {
    const root = await makeRepo({ "hookops.yaml": CONFIG, "real/a.yaml": hook("a") });
    await symlink(path.join(root, "real"), path.join(root, "hooks"));
    const { lines, loaded } = await load(root);
    expect(lines).toEqual([]);
    expect(loaded.files).toEqual(["hookops.yaml", "hooks/a.yaml"]);
  });

  it("symlink loops, direct or through another link, are reported, not followed", async () => {
    const root = await makeRepo({ "hookops.yaml": CONFIG, "hooks/a.yaml": hook("a"), "hooks/team/b.yaml": hook("b"), "other/c.yaml": hook("c") });
    await symlink(path.join(root, "hooks"), path.join(root, "hooks", "team", "up"));
    await symlink(path.join(root, "hooks"), path.join(root, "other", "back"));
    await symlink(path.join(root, "other"), path.join(root, "hooks", "other"));
    const { lines, loaded } = await load(root);
    expect(lines).toEqual([
      'hooks/other/back:1:1: error symlink-loop: "hooks/other/back" is a symlink to a folder that contains it; hookops does not follow symlink loops — remove the link or exclude it',
      'hooks/team/up:1:1: error symlink-loop: "hooks/team/up" is a symlink to a folder that contains it; hookops does not follow symlink loops — remove the link or exclude it',
    ]);
    expect(loaded.files).toEqual(["hookops.yaml", "hooks/a.yaml", "hooks/other/c.yaml", "hooks/team/b.yaml"]);
  });

  it("follows at most MAX_FOLLOWED_FOLDER_LINKS symlinked folders and reports the next one", async () => {
    const root = await makeRepo({ "hookops.yaml": CONFIG, "hooks/a.yaml": hook("a"), "empty/readme.txt": "" });
    await mkdir(path.join(root, "hooks", "links"));
    await Promise.all(
      Array.from({ length: MAX_FOLLOWED_FOLDER_LINKS + 1 }, (_, index) => symlink(path.join(root, "empty"), path.join(root, "hooks", "links", `l${index}`))),
    );
    const { loaded } = await load(root);
    expect(loaded.findings.map((finding) => finding.rule)).toEqual(["symlink-limit"]);
    expect(loaded.findings[0]?.message).toMatch(
      /^"hooks\/links\/l\d+" is not followed: hookops follows at most 1000 symlinked folders; include the folders themselves instead$/,
    );
  });
});

describe("IncludePatterns.couldInclude", () => {
  it("says which folders a pattern could take a file from", () => {
    const include = new IncludePatterns(["hooks/**/*.{yaml,yml}", "teams/*/hooks.yaml", "!hooks/drafts/**"]);
    expect(include.couldInclude("")).toEqual([0, 1]);
    expect(include.couldInclude("hooks")).toEqual([0]);
    expect(include.couldInclude("hooks/a/b")).toEqual([0]);
    expect(include.couldInclude("hooks/.cache")).toEqual([]);
    expect(include.couldInclude("hooks/drafts/x")).toEqual([]);
    expect(include.couldInclude("teams/web")).toEqual([1]);
    expect(include.couldInclude("teams/web/deeper")).toEqual([]);
    expect(include.couldInclude("other")).toEqual([]);
  });

  it("answers yes when a pattern part holds a slash it cannot split", () => {
    expect(new IncludePatterns(["{a/b,c}/*.yaml"]).couldInclude("zzz")).toEqual([0]);
  });
});

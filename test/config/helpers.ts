import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { onTestFinished } from "vitest";
import { loadRepository, type LoadOptions, type RepositoryLoad } from "../../src/config/index.js";
import type { Finding } from "../../src/config/types.js";

/** Writes the files into a fresh temporary folder, removed when the test ends. */
export async function makeRepo(files: Record<string, string | Uint8Array>): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), "hookops-config-"));
  onTestFinished(() => rm(root, { recursive: true, force: true }));
  for (const [name, content] of Object.entries(files)) {
    const target = path.join(root, name);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, content);
  }
  return root;
}

/** A finding as the text output prints it. */
export function line(finding: Finding): string {
  return `${finding.file}:${finding.line}:${finding.column}: ${finding.severity} ${finding.rule}: ${finding.message}`;
}

export interface Checked {
  root: string;
  load: RepositoryLoad;
  /** Findings in text form, file paths relative to the repo root. */
  lines: string[];
}

/** Builds a repo and loads it, with paths shown relative to the repo root and an empty environment by default. */
export async function check(files: Record<string, string | Uint8Array>, options: LoadOptions = {}): Promise<Checked> {
  const root = await makeRepo(files);
  const load = await loadRepository(".", { env: {}, cwd: root, ...options });
  return { root, load, lines: load.findings.map(line) };
}

export const CONFIG = "organization: fabrikam\n";

/** A repo with the plain hookops.yaml and one subscription file. */
export function withHooks(hooks: string, config: string = CONFIG): Record<string, string> {
  return { "hookops.yaml": config, "hooks/hooks.yaml": hooks };
}

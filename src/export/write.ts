import { mkdir, rename, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { HookopsError } from "../errors.js";

export class ExistingFilesError extends HookopsError {}

/** One file export wants to write; `path` is relative to the output folder, with "/" separators. */
export interface PendingFile {
  path: string;
  content: string;
  /** hookops.yaml is only ever created: an existing one is the user's and is kept, even with --force. */
  createOnly: boolean;
}

export type WriteAction = "created" | "overwritten" | "kept";

export interface WrittenFile {
  path: string;
  action: WriteAction;
}

async function exists(target: string): Promise<boolean> {
  try {
    await stat(target);
    return true;
  } catch {
    return false;
  }
}

/** Temp file + rename: an interrupted export never leaves half a file behind. */
async function writeAtomically(target: string, content: string): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true });
  const temporary = `${target}.${process.pid}.tmp`;
  await writeFile(temporary, content, "utf8");
  await rename(temporary, target);
}

/**
 * Writes the export. Existing subscription files are refused as a whole (nothing is written)
 * unless `force`; an existing hookops.yaml is kept.
 */
export async function writeFiles(
  outDir: string,
  files: readonly PendingFile[],
  options: { force: boolean; shown: (absolute: string) => string },
): Promise<WrittenFile[]> {
  const present = await Promise.all(files.map((file) => exists(path.join(outDir, file.path))));
  const conflicts = files.filter((file, index) => present[index] === true && !file.createOnly);
  if (conflicts.length > 0 && !options.force) {
    const names = conflicts.map((file) => options.shown(path.join(outDir, file.path)));
    const which = names.length === 1 ? `${names[0]} already exists` : `these files already exist: ${names.join(", ")}`;
    throw new ExistingFilesError(`${which}; nothing was written. Pass --force to overwrite, or --out to export elsewhere.`);
  }
  const written: WrittenFile[] = [];
  for (const [index, file] of files.entries()) {
    const existed = present[index] === true;
    if (existed && file.createOnly) {
      written.push({ path: file.path, action: "kept" });
      continue;
    }
    await writeAtomically(path.join(outDir, file.path), file.content);
    written.push({ path: file.path, action: existed ? "overwritten" : "created" });
  }
  return written;
}

import { existsSync, mkdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { HookopsError } from "../../errors.js";
import type { NotificationRecord, SubscriptionDiagnostics, SubscriptionRecord } from "./records.js";

export interface PersistedState {
  formatVersion: 1;
  organization: string;
  subscriptions: SubscriptionRecord[];
  notifications: NotificationRecord[];
  nextNotificationId: number;
  diagnostics: Record<string, SubscriptionDiagnostics>;
}

export class EmulatorStateError extends HookopsError {}

/** Every save renames a new file into place, so the inode changes even when size and mtime do not. */
interface FileStamp {
  ino: number;
  mtimeMs: number;
  size: number;
}

let temporaryFileCounter = 0;

/** The folder hookops keeps its own local files in, under the repository root. */
export const HOOKOPS_FOLDER = ".hookops";

export const HOOKOPS_GITIGNORE = [
  "# Written by hookops. This folder holds the emulator's state, including the real secret values",
  "# of its subscriptions (as the service would keep them): it must never be committed.",
  "*",
  "",
].join("\n");

/**
 * Gives a `.hookops` folder its `.gitignore` when it has none. Only that folder: a state file
 * named with `--state` elsewhere is the user's to place, and hookops drops nothing beside it.
 * An existing `.gitignore` is left as it is.
 */
export function ensureHookopsGitignore(stateFilePath: string): void {
  const folder = dirname(stateFilePath);
  if (basename(folder) !== HOOKOPS_FOLDER) return;
  const gitignore = join(folder, ".gitignore");
  if (existsSync(gitignore)) return;
  try {
    writeFileSync(gitignore, HOOKOPS_GITIGNORE, { flag: "wx" });
  } catch (error) {
    // Another process may have written it in between.
    if (errorCode(error) !== "EEXIST") throw error;
  }
}

/**
 * The emulator's state file. Writes go to a temporary file in the same directory and are renamed over
 * the target, so a reader (another emulator process) never sees half a file.
 */
export class StateFile {
  private lastStamp: FileStamp | undefined;

  constructor(readonly path: string) {}

  load(): PersistedState | undefined {
    let text: string;
    try {
      text = readFileSync(this.path, "utf8");
    } catch (error) {
      if (isMissingFile(error)) {
        this.lastStamp = undefined;
        return undefined;
      }
      throw new EmulatorStateError(`cannot read the emulator state file ${this.path}`, { cause: error });
    }
    this.lastStamp = this.stamp();
    try {
      ensureHookopsGitignore(this.path);
    } catch {
      // Reading must not fail for it; the next save tries again, and fails loudly.
    }
    return parseState(text, this.path);
  }

  save(state: PersistedState): void {
    try {
      mkdirSync(dirname(this.path), { recursive: true });
      ensureHookopsGitignore(this.path);
    } catch (error) {
      throw new EmulatorStateError(`cannot prepare the folder of the emulator state file ${this.path}`, { cause: error });
    }
    temporaryFileCounter += 1;
    const temporary = `${this.path}.${process.pid}.${temporaryFileCounter}.tmp`;
    try {
      writeFileSync(temporary, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
      renameSync(temporary, this.path);
    } catch (error) {
      try {
        unlinkSync(temporary);
      } catch {
        // the temporary file may not exist; the original error is the one worth reporting
      }
      throw new EmulatorStateError(`cannot write the emulator state file ${this.path}`, { cause: error });
    }
    this.lastStamp = this.stamp();
  }

  /** Whether someone else (another emulator process) wrote the file since this one last read or wrote it. */
  changedOnDisk(): boolean {
    const current = this.stamp();
    if (!current) return this.lastStamp !== undefined;
    const last = this.lastStamp;
    return !last || current.ino !== last.ino || current.mtimeMs !== last.mtimeMs || current.size !== last.size;
  }

  private stamp(): FileStamp | undefined {
    try {
      const stats = statSync(this.path);
      return { ino: stats.ino, mtimeMs: stats.mtimeMs, size: stats.size };
    } catch {
      return undefined;
    }
  }
}

function errorCode(error: unknown): unknown {
  return typeof error === "object" && error !== null && "code" in error ? error.code : undefined;
}

function isMissingFile(error: unknown): boolean {
  return errorCode(error) === "ENOENT";
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function parseState(text: string, path: string): PersistedState {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new EmulatorStateError(`the emulator state file ${path} is not valid JSON; delete it to start afresh`, { cause: error });
  }
  if (!isObject(parsed) || parsed.formatVersion !== 1 || !Array.isArray(parsed.subscriptions)) {
    throw new EmulatorStateError(`the emulator state file ${path} has an unknown format; delete it to start afresh`);
  }
  return {
    formatVersion: 1,
    organization: typeof parsed.organization === "string" ? parsed.organization : "",
    subscriptions: parsed.subscriptions as SubscriptionRecord[],
    notifications: Array.isArray(parsed.notifications) ? (parsed.notifications as NotificationRecord[]) : [],
    nextNotificationId: typeof parsed.nextNotificationId === "number" ? parsed.nextNotificationId : 1,
    diagnostics: isObject(parsed.diagnostics) ? (parsed.diagnostics as Record<string, SubscriptionDiagnostics>) : {},
  };
}

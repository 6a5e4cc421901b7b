import path from "node:path";
import picomatch from "picomatch";
import type { LiveSubscription, TeamProjectReference } from "../ado/types.js";
import { loadRepository, resolveValue } from "../config/index.js";
import type { DesiredSubscription, HookopsConfig } from "../config/types.js";
import { toDesiredEntry } from "../reconcile/entries.js";
import { keyPartsOfBody, naturalKey } from "../compare/index.js";
import { ProjectIndex } from "../reconcile/ownership.js";
import { isFile } from "../util/paths.js";

/** The hooks repository an export lands in, when it already has a hookops.yaml. */
export interface ExistingRepository {
  config: HookopsConfig;
  /** Absolute path of its hookops.yaml. */
  configPath: string;
  /** Every subscription its files declare, with absolute source paths. */
  declared: DeclaredSubscription[];
  /** hookops.yaml itself has errors (export still uses what it could read). */
  configHasErrors: boolean;
}

export interface DeclaredSubscription {
  subscription: DesiredSubscription;
  /** Absolute path of the file declaring it. */
  file: string;
}

/** Reads the repository around `configPath`; undefined when there is no hookops.yaml there. */
export async function readExistingRepository(configPath: string, env: NodeJS.ProcessEnv, cwd: string): Promise<ExistingRepository | undefined> {
  if (!isFile(configPath)) return undefined;
  const load = await loadRepository(path.dirname(configPath), { configPath, env, cwd, references: "warn" });
  if (!load.config) return undefined;
  const configShown = load.config.configFile;
  return {
    config: load.config,
    configPath,
    declared: load.subscriptions.map((subscription) => ({ subscription, file: path.resolve(cwd, subscription.source.file) })),
    configHasErrors: load.findings.some((finding) => finding.severity === "error" && finding.file === configShown && finding.rule !== "include-no-match"),
  };
}

/** Whether `relative` (to the repository root, "/" separators) is read by the include patterns. */
export function isIncluded(relative: string, include: readonly string[]): boolean {
  const positive = include.filter((pattern) => !pattern.startsWith("!"));
  const negative = include.filter((pattern) => pattern.startsWith("!")).map((pattern) => pattern.slice(1));
  return positive.some((pattern) => picomatch(pattern)(relative)) && !negative.some((pattern) => picomatch(pattern)(relative));
}

/** Live subscriptions the repository already declares, by pinned id or natural key. */
export class ManagedIndex {
  private readonly byId = new Map<string, { name: string; file: string }>();
  private readonly byKey = new Map<string, { name: string; file: string }>();
  readonly names: string[] = [];

  constructor(
    declared: readonly DeclaredSubscription[],
    projects: readonly TeamProjectReference[],
    options: { root: string; env: NodeJS.ProcessEnv; shownFile: (absolute: string) => string },
  ) {
    const index = new ProjectIndex(projects);
    const resolve = (value: string): string | undefined => {
      try {
        return resolveValue(value, { root: options.root, env: options.env }).value;
      } catch {
        return undefined;
      }
    };
    for (const { subscription, file } of declared) {
      const owner = { name: subscription.name, file: options.shownFile(file) };
      this.names.push(subscription.name);
      if (subscription.id !== undefined) this.byId.set(subscription.id.toLowerCase(), owner);
      const project = index.resolve(subscription.project);
      if (!project) continue;
      const entry = toDesiredEntry(subscription, project, resolve);
      if (entry.unresolvedKeyInputs.length === 0) this.byKey.set(naturalKey(entry.key), owner);
    }
  }

  find(live: LiveSubscription): { name: string; file: string } | undefined {
    return this.byId.get(live.id.toLowerCase()) ?? this.byKey.get(naturalKey(keyPartsOfBody(live)));
  }
}

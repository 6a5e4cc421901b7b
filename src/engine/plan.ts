import { hasErrors, loadRepository, resolveValue, type RepositoryLoad } from "../config/index.js";
import type { HookopsConfig } from "../config/types.js";
import { buildPlan, type Plan } from "../reconcile/index.js";
import { openConnection, type ConnectOptions, type Connection } from "./connect.js";
import { readLiveState, type LiveState } from "./live.js";

export interface PlanOptions {
  /** The hooks repo folder. */
  dir: string;
  configPath?: string;
  org?: string;
  env: NodeJS.ProcessEnv;
  credential?: ConnectOptions["credential"];
  concurrency?: number;
  allowDeletes?: number;
  replaceSecrets?: boolean;
}

/** A plan together with everything it was computed from; the caller closes the connection. */
export interface PlanRun {
  load: RepositoryLoad & { config: HookopsConfig };
  connection: Connection;
  live: LiveState;
  plan: Plan;
}

/** The load failed validation: nothing was contacted. */
export interface InvalidRun {
  load: RepositoryLoad;
}

export async function loadForPlan(options: Pick<PlanOptions, "dir" | "configPath" | "env">): Promise<RepositoryLoad> {
  return loadRepository(options.dir, { configPath: options.configPath, env: options.env, references: "warn" });
}

/** Reads the repo, then the live state, and reconciles them. Invalid configuration contacts nothing. */
export async function planRepository(options: PlanOptions): Promise<PlanRun | InvalidRun> {
  const load = await loadForPlan(options);
  const config = load.config;
  if (config === undefined || hasErrors(load.findings)) return { load };
  const connection = await openConnection({
    org: options.org,
    config,
    root: config.root,
    env: options.env,
    credential: options.credential,
    concurrency: options.concurrency,
  });
  try {
    const live = await readLiveState(connection.client);
    const plan = computePlan({ ...load, config }, live, connection.organization, options);
    return { load: { ...load, config }, connection, live, plan };
  } catch (error) {
    await connection.close();
    throw error;
  }
}

export function computePlan(
  load: RepositoryLoad & { config: HookopsConfig },
  live: LiveState,
  organization: string,
  options: Pick<PlanOptions, "env" | "allowDeletes" | "replaceSecrets">,
): Plan {
  const root = load.config.root;
  return buildPlan({
    organization,
    desired: load.subscriptions,
    live: live.subscriptions,
    liveComplete: live.complete,
    projects: live.projects,
    selfId: live.self.id,
    prune: load.config.prune,
    protect: load.config.protect,
    allowDeletes: options.allowDeletes,
    replaceSecrets: options.replaceSecrets,
    resolveReference: (value) => resolveValue(value, { root, env: options.env }).value,
  });
}

export function isPlanRun(run: PlanRun | InvalidRun): run is PlanRun {
  return "plan" in run;
}

import { hasErrors, loadRepository, resolveValue, type RepositoryLoad } from "../config/index.js";
import type { HookopsConfig } from "../config/types.js";
import { buildPlan, type DeclarationMatch, type Plan } from "../reconcile/index.js";
import { openConnection, type ConnectOptions, type Connection } from "./connect.js";
import { HookopsError } from "../errors.js";
import { readOrganization, readSubscriptions, type LiveReadScope, type LiveState } from "./live.js";
import { organizationWideReadOf } from "./organization-wide.js";
import { expandProjects, withExpansions, type ProjectExpansionOutcome } from "./projects.js";
import { showResourceNames, withResolvedNames, type ResourceLists } from "./names/index.js";

export interface PlanOptions {
  /** The hooks repo folder. */
  dir: string;
  /** Base of `dir` and `configPath`, and of the file names in findings; default the process's. */
  cwd?: string;
  configPath?: string;
  org?: string;
  env: NodeJS.ProcessEnv;
  credential?: ConnectOptions["credential"];
  concurrency?: number;
  allowDeletes?: number;
  replaceSecrets?: boolean;
  transport?: ConnectOptions["transport"];
  /** --list-timeout, in ms: how long to wait for one subscription listing (else HOOKOPS_LIST_TIMEOUT, else 300 s). */
  listTimeoutMs?: number;
  /** Told about each subscription listing as it finishes (--verbose). */
  onListing?: LiveReadScope["onListing"];
}

export class InvalidListTimeoutError extends HookopsError {}

/** Milliseconds to wait for a listing: the flag, else HOOKOPS_LIST_TIMEOUT (seconds), else the default. */
export function listTimeoutMs(options: Pick<PlanOptions, "listTimeoutMs" | "env">): number | undefined {
  if (options.listTimeoutMs !== undefined) return options.listTimeoutMs;
  const fromEnv = options.env.HOOKOPS_LIST_TIMEOUT?.trim();
  if (fromEnv === undefined || fromEnv === "") return undefined;
  if (!/^\d+$/.test(fromEnv) || Number(fromEnv) < 1) {
    throw new InvalidListTimeoutError(`HOOKOPS_LIST_TIMEOUT is "${fromEnv}": expected a whole number of seconds (at least 1).`);
  }
  return Number(fromEnv) * 1000;
}

/** The projects a plan must read: those the files name and those prune manages; pinned ids besides. */
export function liveScopeOf(load: LoadedRepository): Pick<LiveReadScope, "projects" | "pinned" | "organizationWide"> {
  const projects = new Set<string>();
  for (const subscription of load.subscriptions) if (subscription.organizationWide !== true) projects.add(subscription.project);
  for (const project of load.config.prune.scope.projects ?? []) projects.add(project);
  const pinned = load.subscriptions.flatMap((subscription) =>
    subscription.id === undefined ? [] : [{ id: subscription.id, project: subscription.project, publisherId: subscription.publisherId }],
  );
  return { projects: [...projects], pinned, ...organizationWideReadOf(load.subscriptions, load.config.prune) };
}

/** A plan together with everything it was computed from; the caller closes the connection. */
export interface PlanRun extends ReadRun {
  plan: Plan;
}

/** The load failed validation: nothing was contacted. */
export interface InvalidRun {
  load: RepositoryLoad;
}

export async function loadForPlan(options: Pick<PlanOptions, "dir" | "cwd" | "configPath" | "env">): Promise<RepositoryLoad> {
  return loadRepository(options.dir, { configPath: options.configPath, cwd: options.cwd, env: options.env, references: "warn" });
}

/** `resourceNames`: what the names in filters were looked up in (set once they are replaced by ids). */
export type LoadedRepository = RepositoryLoad & { config: HookopsConfig; resourceNames?: ResourceLists; expansion?: ProjectExpansionOutcome };

/** A valid repo and the organization's live state; the caller closes the connection. */
export interface ReadRun {
  load: LoadedRepository;
  connection: Connection;
  live: LiveState;
}

/**
 * What plan and apply both start with: read the repo and, only when it is valid, connect and
 * read the live state. Invalid configuration contacts nothing; `onLoad` sees the load either way.
 */
export async function readRepositoryAndLive(options: PlanOptions, onLoad?: (load: RepositoryLoad) => void): Promise<ReadRun | InvalidRun> {
  const loaded = await loadForPlan(options);
  onLoad?.(loaded);
  const config = loaded.config;
  if (config === undefined || hasErrors(loaded.findings)) return { load: loaded };
  const load: LoadedRepository = { ...loaded, config };
  const connection = await openConnection({
    org: options.org,
    config,
    root: config.root,
    env: options.env,
    credential: options.credential,
    concurrency: options.concurrency,
    transport: options.transport,
  });
  try {
    // Projects first: patterns are expanded against them, and the expanded projects are listed.
    const organization = await readOrganization(connection.client);
    const expanded = expandProjects(load, organization.projects);
    const scope = { ...liveScopeOf(expanded), listTimeoutMs: listTimeoutMs(options), onListing: options.onListing };
    const live = await readSubscriptions(connection.client, organization, scope);
    return await withResolvedNames({ load: expanded, connection, live }, options.env, onLoad);
  } catch (error) {
    await connection.close();
    throw error;
  }
}

/** Reads the repo, then the live state, and reconciles them. Invalid configuration contacts nothing. */
export async function planRepository(options: PlanOptions): Promise<PlanRun | InvalidRun> {
  const read = await readRepositoryAndLive(options);
  if (!("connection" in read)) return read;
  const plan = computePlan(read.load, read.live, read.connection.organization, options);
  return { ...read, plan };
}

export function computePlan(
  load: LoadedRepository,
  live: LiveState,
  organization: string,
  options: Pick<PlanOptions, "env" | "allowDeletes" | "replaceSecrets"> & { onMatch?: (matches: DeclarationMatch[]) => void },
): Plan {
  const root = load.config.root;
  const plan = buildPlan({
    organization,
    desired: load.subscriptions,
    live: live.subscriptions,
    unread: live.unread,
    projects: live.projects,
    selfId: live.self.id,
    prune: load.config.prune,
    protect: load.config.protect,
    allowDeletes: options.allowDeletes,
    replaceSecrets: options.replaceSecrets,
    resolveReference: (value) => resolveValue(value, { root, env: options.env }).value,
    onMatch: options.onMatch,
  });
  return withExpansions(showResourceNames(plan, load.resourceNames), load.expansion);
}

export function isPlanRun(run: PlanRun | InvalidRun): run is PlanRun {
  return "plan" in run;
}

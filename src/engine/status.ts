import { hostOf, type HostedSubscription, type LiveSubscription, type SubscriptionHost, type TeamProjectReference } from "../ado/index.js";
import { labelOf, normalizeProjectId, normalizeStatus } from "../compare/index.js";
import type { DesiredSubscription, RepositoryLoad } from "../config/index.js";
import type { DeclarationMatch, Plan, UnreadScope } from "../reconcile/index.js";
import type { StatusProblem, StatusReport, StatusRow, StatusUnread } from "../report/status-model.js";
import { readRepositoryAndLive, type PlanOptions, type ReadRun } from "./plan.js";
import { readDeliveries, type DeliveryRead } from "./status/deliveries.js";
import { fillBodies, matchDeclarations } from "./status/declared.js";
import { makeRedact } from "./status/facts.js";

export interface StatusOptions extends PlanOptions {
  /** Also the live subscriptions of the managed projects that no file declares. */
  all?: boolean;
  /** How far back deliveries are counted, and how the user wrote it ("24h"). */
  window: { ms: number; text: string };
  /** Percentage of failed deliveries above which a subscription is unhealthy; 0: any failure. */
  maxFailureRate: number;
  /** The clock (tests fix it). */
  now?: () => number;
  onLoad?: (load: RepositoryLoad) => void;
}

export type StatusRun =
  | { kind: "invalid"; load: RepositoryLoad }
  | {
      kind: "read";
      report: StatusReport;
      read: Omit<ReadRun, "connection">;
      deliveryRequests: number;
      /** What apply would change: drift. */
      plan: Plan;
    };

/** As for plan and apply: requests in flight at once when --concurrency is not given. */
const DEFAULT_CONCURRENCY = 8;
const HEALTHY_STATES = new Set(["enabled", "disabledByUser"]);
/** The service's "never": `lastProbationRetryDate` of a subscription that was never on probation (REAL-SERVICE, cosmetic). */
const NEVER = /^0001-01-01/;

function projectName(projectId: string | undefined, projects: readonly TeamProjectReference[]): string | undefined {
  if (projectId === undefined || projectId === "") return undefined;
  return projects.find((project) => normalizeProjectId(project.id) === normalizeProjectId(projectId))?.name ?? projectId;
}

function inUnread(host: SubscriptionHost, projectId: string | undefined, unread: readonly UnreadScope[]): UnreadScope | undefined {
  const wanted = normalizeProjectId(projectId ?? "");
  return unread.find((scope) => {
    if (scope.host !== host) return false;
    // A failed organization-wide listing hides only the subscriptions without a project.
    if (scope.organizationWide) return wanted === "";
    return scope.projectId === undefined || normalizeProjectId(scope.projectId) === wanted;
  });
}

function liveFields(live: LiveSubscription): Pick<StatusRow, "id" | "state" | "probationRetries" | "lastProbationRetryDate"> {
  const state = normalizeStatus(live.status);
  const retried = live.lastProbationRetryDate !== undefined && !NEVER.test(live.lastProbationRetryDate);
  return {
    id: live.id,
    state,
    ...(state === "onProbation" && live.probationRetries !== undefined ? { probationRetries: live.probationRetries } : {}),
    ...(state === "onProbation" && retried ? { lastProbationRetryDate: live.lastProbationRetryDate } : {}),
  };
}

function emptyRow(name: string, declared: boolean, body: Pick<LiveSubscription, "eventType" | "consumerId" | "consumerActionId">, host: SubscriptionHost) {
  return {
    name,
    declared,
    host,
    eventType: body.eventType,
    consumerId: body.consumerId,
    consumerActionId: body.consumerActionId,
    healthy: true,
    problems: [],
    notes: [],
  };
}

/** Why the planner could not place a declaration, from its refusals (they quote the name). */
function refusalAbout(name: string, plan: Plan): string | undefined {
  return plan.refusals.find((refusal) => refusal.includes(`"${name}"`));
}

function declaredRow(desired: DesiredSubscription, match: DeclarationMatch | undefined, read: ReadRun, plan: Plan): StatusRow {
  const { live } = read;
  const host = match?.host ?? hostOf(desired);
  const row: StatusRow = { ...emptyRow(desired.name, true, desired, host), project: match?.project.name ?? desired.project, state: "unknown" };
  if (match === undefined || match.outcome === "ambiguous") {
    row.notes.push(refusalAbout(desired.name, plan) ?? "the planner could not match it to a live subscription");
    return row;
  }
  const subscription = match.liveId === undefined ? undefined : live.subscriptions.find((candidate) => candidate.id === match.liveId);
  if (subscription !== undefined) {
    Object.assign(row, liveFields(subscription));
    if (desired.enabled && row.state === "disabledByUser") row.notes.push("declared enabled but disabled by a user: hookops apply enables it");
    if (!desired.enabled && row.state === "enabled") row.notes.push("declared disabled (enabled: false) but enabled: hookops apply disables it");
    return row;
  }
  const unread = inUnread(host, match.project.id, live.unread);
  if (unread !== undefined) row.notes.push(`its project's subscriptions could not be listed: ${unread.reason}`);
  else row.state = "notCreated";
  return row;
}

function undeclaredRow(subscription: HostedSubscription, projects: readonly TeamProjectReference[], plan: Plan): StatusRow {
  const project = projectName(subscription.publisherInputs.projectId, projects);
  const deletion = plan.changes.find((change) => change.action === "delete" && change.liveId === subscription.id);
  return {
    ...emptyRow(labelOf(subscription), false, subscription, subscription.host),
    ...(project === undefined ? {} : { project }),
    ...liveFields(subscription),
    notes: deletion === undefined ? [] : [`hookops apply deletes it (${deletion.reasons.join("; ")})`],
  };
}

function judge(row: StatusRow, deliveries: DeliveryRead, maxFailureRate: number): StatusRow {
  const key = row.id?.toLowerCase();
  const counts = key === undefined ? undefined : deliveries.counts.get(key);
  const failure = key === undefined ? undefined : deliveries.failures.get(key);
  const problems: StatusProblem[] = [];
  if (row.state === "notCreated") problems.push("notCreated");
  else if (row.state === "unknown") problems.push("unknown");
  else if (!HEALTHY_STATES.has(row.state)) problems.push("status");
  if (counts?.failureRate !== undefined && counts.failureRate !== null && counts.failureRate > maxFailureRate) problems.push("failureRate");
  // Built key by key: `status --json` keeps this order (identity, state, verdict, deliveries, notes).
  const optional = <K extends keyof StatusRow>(key: K, value: StatusRow[K] | undefined) => (value === undefined ? {} : { [key]: value });
  return {
    name: row.name,
    declared: row.declared,
    ...optional("project", row.project),
    host: row.host,
    ...optional("id", row.id),
    eventType: row.eventType,
    consumerId: row.consumerId,
    consumerActionId: row.consumerActionId,
    state: row.state,
    ...optional("probationRetries", row.probationRetries),
    ...optional("lastProbationRetryDate", row.lastProbationRetryDate),
    healthy: problems.length === 0,
    problems,
    ...optional("deliveries", counts),
    ...optional("deliveriesError", failure),
    notes: row.notes,
  };
}

function unreadOf(read: ReadRun): StatusUnread[] {
  return read.live.unread.map((scope) => {
    const project = projectName(scope.projectId, read.live.projects);
    return { host: scope.host, ...(project === undefined ? {} : { project }), where: scope.where, reason: scope.reason };
  });
}

function byName(a: StatusRow, b: StatusRow): number {
  return a.name.localeCompare(b.name, "en") || (a.id ?? "").localeCompare(b.id ?? "", "en");
}

/**
 * Reads the repository and the managed projects' live subscriptions exactly as plan does, takes
 * the planner's match of declarations to live subscriptions, then reads their recent deliveries
 * (notificationsquery, one per host and 50 subscriptions). Changes nothing. Listings that failed
 * are reported, and the subscriptions they hide show as unknown rather than "not created".
 */
export async function readStatus(options: StatusOptions): Promise<StatusRun> {
  const read = await readRepositoryAndLive(options, options.onLoad);
  if (!("connection" in read)) return { kind: "invalid", load: read.load };
  const { connection, live, load } = read;
  try {
    const now = (options.now ?? Date.now)();
    const { plan, matches } = matchDeclarations(read, options);
    const declared = [...load.subscriptions].map((desired) => declaredRow(desired, matches.get(desired.name), read, plan)).sort(byName);
    const claimed = new Set([...matches.values()].flatMap((match) => (match.liveId === undefined ? [] : [match.liveId.toLowerCase()])));
    const seen = new Set<string>();
    const undeclared = options.all
      ? live.subscriptions
          .filter((subscription) => {
            const id = subscription.id.toLowerCase();
            if (claimed.has(id) || seen.has(id)) return false;
            seen.add(id);
            return true;
          })
          .map((subscription) => undeclaredRow(subscription, live.projects, plan))
          .sort(byName)
      : [];
    const rows = [...declared, ...undeclared];
    // Secrets are resolved only to mask them in what the service recorded; one that is not set here is simply not masked by value.
    const { redactor } = fillBodies([...matches.values()], read, options.env);
    const targets = rows.flatMap((row) => (row.id === undefined ? [] : [{ id: row.id, host: row.host }]));
    const since = new Date(now - options.window.ms).toISOString();
    const deliveries = await readDeliveries(connection.client, targets, {
      since,
      concurrency: options.concurrency ?? DEFAULT_CONCURRENCY,
      redact: makeRedact((text) => redactor.redact(text)),
    });
    const judged = rows.map((row) => judge(row, deliveries, options.maxFailureRate));
    const unhealthy = judged.filter((row) => !row.healthy).length;
    const report: StatusReport = {
      formatVersion: 1,
      organization: connection.organization,
      generatedAt: new Date(now).toISOString(),
      window: { since, until: new Date(now).toISOString(), text: options.window.text },
      maxFailureRate: options.maxFailureRate,
      all: options.all === true,
      subscriptions: judged,
      unread: unreadOf(read),
      errors: [...new Set(deliveries.failures.values())].map((reason) => `the delivery history (notificationsquery): ${reason}`),
      summary: { total: judged.length, healthy: judged.length - unhealthy, unhealthy },
    };
    return { kind: "read", report, read: { load, live }, deliveryRequests: deliveries.requests, plan };
  } finally {
    await connection.close();
  }
}

/** 1 when something could not be read; with --detailed-exitcode 2 when something is unhealthy; else 0. */
export function statusExitCode(report: StatusReport, detailed: boolean): number {
  if (report.unread.length > 0 || report.errors.length > 0) return 1;
  return detailed && report.summary.unhealthy > 0 ? 2 : 0;
}

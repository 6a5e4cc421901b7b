import type { LiveSubscription, SubscriptionBody, SubscriptionHost, SubscriptionStatus, TeamProjectReference } from "../ado/types.js";
import type { DesiredSubscription, ProjectExpansion, PruneSettings, SubscriptionSelector } from "../config/types.js";

/** Everything the reconciler needs; it performs no I/O itself. */
export interface ReconcileInput {
  /** Shown in the plan header. */
  organization: string;
  /** After config loading; `${env:…}` / `${file:…}` references are still raw. */
  desired: DesiredSubscription[];
  /** Subscriptions of both hosts (default and release). */
  live: LiveSubscription[];
  /** Hosts (or projects on a host) whose listing did not complete: nothing there is created, replaced or deleted. */
  unread: UnreadScope[];
  /** Resolves a desired `project` (name or id) to its id, and live project ids to names. */
  projects: TeamProjectReference[];
  /** Id of the authenticated identity (`createdBy: self`). */
  selfId: string;
  prune: PruneSettings;
  protect: SubscriptionSelector[];
  /** `--allow-deletes N`: replaces maxDeletes for this run. */
  allowDeletes?: number;
  /** `--replace-secrets`: re-send every matched subscription that carries secret inputs. */
  replaceSecrets?: boolean;
  /** Resolves the references in a non-confidential input value; undefined when not available here. */
  resolveReference: (value: string) => string | undefined;
  /** Timestamp written into the plan; defaults to now. */
  createdAt?: string;
  /** Told how each declaration was matched (status and test work from this, not from a second matcher). */
  onMatch?: (matches: DeclarationMatch[]) => void;
}

/** One declaration as the planner matched it, whether or not the plan changes it. */
export interface DeclarationMatch {
  name: string;
  project: TeamProjectReference;
  host: Host;
  /** "ambiguous": several live subscriptions could be the one it means; the plan refuses and says why. */
  outcome: "matched" | "unmatched" | "ambiguous";
  /** The live subscription it manages, when matched. */
  liveId?: string;
  /** What apply sends for it, without the inputs in secretInputs. */
  body: SubscriptionBody;
  secretInputs: string[];
}

export type Host = SubscriptionHost;

/** A part of the organization whose subscriptions could not be listed, and why. */
export interface UnreadScope {
  host: Host;
  /** Set when only this project's listing failed; absent: the whole host. */
  projectId?: string;
  /** Only the organization-wide subscriptions (no project) of the host could not be listed. */
  organizationWide?: true;
  /** Where the listing went, for messages (a URL without credentials). */
  where: string;
  /** The error, free of credentials. */
  reason: string;
}

export type ChangeAction = "create" | "update" | "replace" | "delete" | "repair";

/** One field that differs. Sensitive fields never carry values. */
export interface FieldChange {
  /** Dotted path, e.g. "consumerInputs.url", "publisherInputs.buildStatus", "status", "project". */
  field: string;
  before?: string;
  after?: string;
  sensitive?: boolean;
  /** A secret sent again without being compared (--replace-secrets). */
  resent?: boolean;
  /** A change of this field forces a replace. */
  forcesReplacement?: boolean;
}

export interface PlannedChange {
  action: ChangeAction;
  /** Desired name; for a delete, a label derived from the live subscription. */
  name: string;
  /** Project name when known, else the project id. */
  project?: string;
  projectId?: string;
  /** The subscription has no project (then project and projectId are absent). */
  organizationWide?: true;
  host: Host;
  /** The live subscription this change updates, replaces, repairs or deletes. */
  liveId?: string;
  publisherId: string;
  eventType: string;
  consumerId: string;
  consumerActionId: string;
  /** Why the change exists beyond its fields, e.g. "secrets re-sent", "repair: onProbation -> enabled". */
  reasons: string[];
  fields: FieldChange[];
  /** What create/update/replace/repair send, without the inputs listed in secretInputs. */
  body?: SubscriptionBody;
  /** Consumer input ids apply must resolve from the configuration and add to body. */
  secretInputs?: string[];
  /**
   * Repairs only: whether apply may recreate the subscription (create, then delete the old one)
   * when an update leaves it unhealthy. False when the delete rule forbids deleting it.
   */
  mayRecreate?: boolean;
  /** Live status before the change (updates, repairs, replaces, deletes). */
  liveStatus?: SubscriptionStatus;
  probationRetries?: number;
}

/** A live subscription the plan mentions without changing it. */
export interface LiveEntry {
  id: string;
  /** Desired name when the configuration manages it, else a derived label. */
  name: string;
  project?: string;
  projectId?: string;
  organizationWide?: true;
  host: Host;
  status: SubscriptionStatus;
  createdBy?: string;
  /** Matches a protect selector. */
  protected?: boolean;
}

export interface UnhealthyEntry extends LiveEntry {
  /** Whether the configuration manages it (then the plan repairs it when it wants it enabled). */
  managed: boolean;
  probationRetries?: number;
  lastProbationRetryDate?: string;
}

export interface FingerprintEntry {
  id: string;
  modifiedDate?: string;
}

/** The result of a reconciliation: plain JSON data, saved by `plan --out` and read by `apply`. */
export interface Plan {
  formatVersion: 1;
  organization: string;
  createdAt: string;
  /** What each declaration with project patterns expanded to (absent without patterns). */
  expansions?: ProjectExpansion[];
  changes: PlannedChange[];
  /** Desired subscriptions that already match live. */
  noop: number;
  /** Live subscriptions inside the ownership scope that the configuration neither keeps nor deletes. */
  unmanaged: LiveEntry[];
  unhealthy: UnhealthyEntry[];
  warnings: string[];
  /** Reasons apply must refuse this plan. */
  refusals: string[];
  /** id + modifiedDate of every live subscription the plan made a decision about, sorted by id. */
  fingerprint: FingerprintEntry[];
}

export interface PlanSummary {
  create: number;
  update: number;
  replace: number;
  delete: number;
  repair: number;
}

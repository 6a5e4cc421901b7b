import type { SubscriptionHost, SubscriptionStatus } from "../ado/types.js";

/** A live status, or what stands in for one: declared but absent, or not knowable from what was read. */
export type StatusState = SubscriptionStatus | "notCreated" | "unknown";

/** Why a subscription counts as unhealthy (`status --json`, `problems`). */
export type StatusProblem = "status" | "notCreated" | "unknown" | "failureRate";

/** The newest failed delivery in the window. Texts are already free of secrets (masked, webhook URLs cut to their host). */
export interface DeliveryFailure {
  /** When it completed (else when it was last modified or created), ISO 8601. */
  at: string;
  notificationId: number;
  /** The consumer's HTTP status; absent when it never answered (refused, timed out, TLS). */
  httpStatus?: number;
  error?: string;
}

export interface DeliverySuccess {
  at: string;
  notificationId: number;
}

/** Deliveries created inside the window. */
export interface DeliveryCounts {
  succeeded: number;
  failed: number;
  /** Queued or in progress. */
  pending: number;
  /** failed / (succeeded + failed) as a percentage with one decimal; null without completed deliveries. */
  failureRate: number | null;
  lastFailure?: DeliveryFailure;
  lastSuccess?: DeliverySuccess;
}

export interface StatusRow {
  /** The declaration's name, or for an undeclared subscription (--all) a label from its event and target. */
  name: string;
  declared: boolean;
  project?: string;
  host: SubscriptionHost;
  /** The live subscription's id; absent when none was found. */
  id?: string;
  eventType: string;
  consumerId: string;
  consumerActionId: string;
  state: StatusState;
  probationRetries?: number;
  lastProbationRetryDate?: string;
  /** Absent when there is no live subscription, or its history could not be read (deliveriesError says why). */
  deliveries?: DeliveryCounts;
  deliveriesError?: string;
  healthy: boolean;
  problems: StatusProblem[];
  /** Facts that change nothing about health (why the state is unknown, a declared/live status disagreement). */
  notes: string[];
}

/** A part of the organization whose subscriptions could not be listed. */
export interface StatusUnread {
  host: SubscriptionHost;
  project?: string;
  where: string;
  reason: string;
}

/** What `hookops status` found; `status --json` prints it as is (formatVersion 1). */
export interface StatusReport {
  formatVersion: 1;
  organization: string;
  /** When the report was made: the end of the window. */
  generatedAt: string;
  window: { since: string; until: string; text: string };
  /** Percentage of failed deliveries above which a subscription is unhealthy (0: any failure). */
  maxFailureRate: number;
  /** Whether the live subscriptions of the managed projects that no file declares are included (--all). */
  all: boolean;
  subscriptions: StatusRow[];
  unread: StatusUnread[];
  /** What could not be read besides listings (delivery history); each makes the run exit 1. */
  errors: string[];
  summary: { total: number; healthy: number; unhealthy: number };
}

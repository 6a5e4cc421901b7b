/** What the emulator stores (in memory and in the state file). Secrets are kept as sent. */
import type { IdentityRef, SubscriptionStatus } from "../../ado/types.js";
import type { HostKind } from "../types.js";

export interface SubscriptionRecord {
  id: string;
  host: HostKind;
  status: SubscriptionStatus;
  publisherId: string;
  eventType: string;
  resourceVersion: string | null;
  eventDescription: string;
  consumerId: string;
  consumerActionId: string;
  actionDescription: string;
  /** Only while onProbation. */
  probationRetries?: number;
  /** Kept once set: the service shows the last retry even after probation ended. */
  lastProbationRetryDate?: string;
  createdBy: IdentityRef;
  /** The creator is a service principal: reads answer createdBy null. */
  createdByServicePrincipal?: boolean;
  createdDate: string;
  modifiedBy: IdentityRef;
  modifiedDate: string;
  publisherInputs: Record<string, string>;
  consumerInputs: Record<string, string>;
}

export type NotificationStatus = "queued" | "processing" | "requestInProgress" | "completed";
export type NotificationResult = "pending" | "succeeded" | "failed" | "filtered";

export interface NotificationDetails {
  publisherId: string;
  eventType: string;
  publisherInputs: Record<string, string>;
  consumerId: string;
  consumerActionId: string;
  consumerInputs: Record<string, string>;
  event: Record<string, unknown>;
  request?: string;
  response?: string;
  errorMessage?: string;
  errorDetail?: string;
  requestAttempts: number;
  requestDuration?: number;
  queuedDate: string;
  dequeuedDate?: string;
  processedDate?: string;
  completedDate?: string;
}

export interface NotificationRecord {
  id: number;
  subscriptionId: string;
  subscriberId: string;
  eventId: string;
  createdDate: string;
  modifiedDate: string;
  status: NotificationStatus;
  result: NotificationResult;
  details: NotificationDetails;
  /** Internal, never served: the one failed notification of a subscription on probation that the probation schedule retries. */
  awaitingProbationRetry?: boolean;
}

export interface SubscriptionTracing {
  enabled: boolean;
  startDate: string;
  endDate: string;
  maxTracedEntries: number;
}

export type DiagnosticsKind = "deliveryResults" | "deliveryTracing" | "evaluationTracing";
export const DIAGNOSTICS_KINDS: readonly DiagnosticsKind[] = ["deliveryResults", "deliveryTracing", "evaluationTracing"];
export type SubscriptionDiagnostics = Partial<Record<DiagnosticsKind, SubscriptionTracing>>;

/** The all-zero id test notifications carry when they do not belong to a saved subscription. */
export const NO_SUBSCRIPTION_ID = "00000000-0000-0000-0000-000000000000";

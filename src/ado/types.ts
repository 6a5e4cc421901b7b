/** Wire types of the Azure DevOps service hooks REST API (api-version 7.1), as hookops uses them. */

export type SubscriptionStatus =
  | "enabled"
  | "onProbation"
  | "disabledByUser"
  | "disabledBySystem"
  | "disabledByInactiveIdentity";

export const SUBSCRIPTION_STATUSES: readonly SubscriptionStatus[] = [
  "enabled",
  "onProbation",
  "disabledByUser",
  "disabledBySystem",
  "disabledByInactiveIdentity",
];

/** The confidential input value every read returns in place of the real one. */
export const MASKED_VALUE = "********";

export interface IdentityRef {
  id: string;
  displayName?: string;
  uniqueName?: string;
}

/** The writable part of a subscription: what POST and PUT send. */
export interface SubscriptionBody {
  publisherId: string;
  eventType: string;
  /** null or absent means "latest released". */
  resourceVersion?: string | null;
  consumerId: string;
  consumerActionId: string;
  publisherInputs: Record<string, string>;
  consumerInputs: Record<string, string>;
  status?: SubscriptionStatus;
}

/** A subscription as the service returns it (GET, list, create and replace responses). */
export interface LiveSubscription extends SubscriptionBody {
  id: string;
  url?: string;
  /** Absent on old servers for enabled subscriptions. */
  status?: SubscriptionStatus;
  eventDescription?: string;
  actionDescription?: string;
  createdBy?: IdentityRef;
  createdDate?: string;
  modifiedBy?: IdentityRef;
  modifiedDate?: string;
  subscriber?: IdentityRef;
  probationRetries?: number;
  lastProbationRetryDate?: string;
  _links?: Record<string, { href: string }>;
}

/** `{ count, value }`: how the service wraps every list. */
export interface ListResponse<T> {
  count: number;
  value: T[];
}

export interface InputFilterCondition {
  inputId: string;
  inputValue: string;
  operator: "equals" | "notEquals";
  caseSensitive?: boolean;
}

export interface InputFilter {
  conditions: InputFilterCondition[];
}

export interface SubscriptionsQuery {
  publisherId?: string | null;
  eventType?: string | null;
  consumerId?: string | null;
  consumerActionId?: string | null;
  subscriberId?: string | null;
  publisherInputFilters?: InputFilter[];
  consumerInputFilters?: InputFilter[];
  results?: LiveSubscription[];
}

export interface TeamProjectReference {
  id: string;
  name: string;
  description?: string;
  url?: string;
  state?: string;
  revision?: number;
  visibility?: "private" | "public";
  lastUpdateTime?: string;
}

export interface ConnectionData {
  authenticatedUser: IdentityRef & { providerDisplayName?: string };
  authorizedUser: IdentityRef & { providerDisplayName?: string };
  instanceId: string;
  deploymentId?: string;
  deploymentType?: string;
}

/** The error body every non-2xx JSON answer carries. */
export interface ServiceErrorBody {
  $id?: string;
  innerException?: ServiceErrorBody | null;
  message: string;
  typeName?: string;
  typeKey?: string;
  errorCode?: number;
  eventId?: number;
}

/** Wire types of the Azure DevOps service hooks REST API (api-version 7.1), as hookops uses them. */

export type SubscriptionStatus = "enabled" | "onProbation" | "disabledByUser" | "disabledBySystem" | "disabledByInactiveIdentity";

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
  /** connectionData's authenticatedUser names itself here (it has no displayName). */
  providerDisplayName?: string;
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
  /** null when a service principal, managed identity or the build service created it (R2). */
  createdBy?: IdentityRef | null;
  createdDate?: string;
  modifiedBy?: IdentityRef | null;
  modifiedDate?: string;
  subscriber?: IdentityRef | null;
  probationRetries?: number;
  lastProbationRetryDate?: string;
  _links?: Record<string, { href: string }>;
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

/** Which Azure DevOps host serves a subscription: the organization's, or release management's (vsrm). */
export type SubscriptionHost = "default" | "release";

/** A listed subscription together with the host it was listed from. */
export interface HostedSubscription extends LiveSubscription {
  host: SubscriptionHost;
}

/** The four exact-match filters of `GET _apis/hooks/subscriptions`. */
export interface SubscriptionFilters {
  publisherId?: string;
  eventType?: string;
  consumerId?: string;
  consumerActionId?: string;
}

/** An input descriptor as the service describes it (publishers, event types, consumers, actions). */
export interface InputDescriptor {
  id: string;
  name?: string;
  description?: string;
  inputMode?: string;
  isConfidential?: boolean;
  validation?: Record<string, unknown>;
  values?: Record<string, unknown>;
  dependencyInputIds?: string[];
  hasDynamicValueInformation?: boolean;
}

export interface EventTypeDescriptor {
  id: string;
  publisherId?: string;
  name?: string;
  description?: string;
  url?: string;
  supportedResourceVersions?: string[];
  inputDescriptors?: InputDescriptor[];
}

export interface Publisher {
  id: string;
  name?: string;
  description?: string;
  url?: string;
  serviceInstanceType?: string;
  inputDescriptors?: InputDescriptor[];
  supportedEvents?: EventTypeDescriptor[];
}

export interface ConsumerAction {
  id: string;
  consumerId?: string;
  name?: string;
  description?: string;
  url?: string;
  supportedEventTypes?: string[];
  supportedResourceVersions?: Record<string, string[]>;
  allowResourceVersionOverride?: boolean;
  inputDescriptors?: InputDescriptor[];
}

export interface Consumer {
  id: string;
  name?: string;
  description?: string;
  url?: string;
  authenticationType?: "none" | "oAuth" | "external";
  externalConfiguration?: Record<string, unknown> | null;
  inputDescriptors?: InputDescriptor[];
  actions?: ConsumerAction[];
}

export type NotificationStatus = "queued" | "processing" | "requestInProgress" | "completed";
export type NotificationResult = "pending" | "succeeded" | "failed" | "filtered";

export interface NotificationDetails {
  publisherId?: string;
  eventType?: string;
  publisherInputs?: Record<string, string>;
  consumerId?: string;
  consumerActionId?: string;
  consumerInputs?: Record<string, string>;
  event?: Record<string, unknown>;
  request?: string;
  response?: string;
  errorMessage?: string;
  errorDetail?: string;
  requestAttempts?: number;
  requestDuration?: number;
  queuedDate?: string;
  dequeuedDate?: string;
  processedDate?: string;
  completedDate?: string;
}

/** One delivery (or test delivery) of an event to a subscription. */
export interface Notification {
  id: number;
  subscriptionId?: string;
  subscriberId?: string;
  eventId?: string;
  createdDate?: string;
  modifiedDate?: string;
  status?: NotificationStatus;
  result?: NotificationResult;
  details?: NotificationDetails;
}

/** Body of `POST _apis/hooks/testnotifications`: what to send, described like a subscription. */
export interface TestNotificationRequest {
  subscriptionId?: string;
  details: Pick<NotificationDetails, "publisherId" | "eventType" | "consumerId" | "consumerActionId" | "publisherInputs" | "consumerInputs">;
}

/** The delivery history of several subscriptions in one request: `POST _apis/hooks/notificationsquery` (HOOKS-API 3.6). */
export interface NotificationsQuery {
  subscriptionIds?: string[];
  publisherId?: string;
  minCreatedDate?: string;
  maxCreatedDate?: string;
  status?: NotificationStatus;
  resultType?: NotificationResult;
  maxResults?: number;
  /** Only with subscriptionIds. */
  maxResultsPerSubscription?: number;
  /** False: the summary only, no notifications. */
  includeDetails?: boolean;
  /** Answer only: the newest notifications, within maxResults and maxResultsPerSubscription. */
  results?: Notification[];
  /** Answer only: per subscription, how many notifications the filters keep, by result (not cut by maxResults). */
  summary?: NotificationSummary[];
}

export interface NotificationSummary {
  subscriptionId: string;
  results?: { result: NotificationResult; notificationCount: number }[];
}

/** `GET {project}/_apis/git/repositories`: one Git repository (the fields hookops reads, and the common ones). */
export interface GitRepository {
  id: string;
  name: string;
  url?: string;
  project?: TeamProjectReference;
  defaultBranch?: string;
  isDisabled?: boolean;
}

/** `GET {project}/_apis/build/definitions`: a build definition, which is also a YAML pipeline (pipelineId). */
export interface BuildDefinitionReference {
  id: number;
  name: string;
  /** The folder, `\` for the root. */
  path?: string;
  url?: string;
  project?: TeamProjectReference;
  type?: string;
  queueStatus?: string;
  revision?: number;
}

/** A stage of a classic release pipeline: `releaseEnvironmentId` filters on its id. */
export interface ReleaseDefinitionEnvironment {
  id: number;
  name: string;
  rank?: number;
}

/** `GET {project}/_apis/release/definitions` on the release host (`environments` only with `$expand=environments`). */
export interface ReleaseDefinition {
  id: number;
  name: string;
  path?: string;
  url?: string;
  revision?: number;
  environments?: ReleaseDefinitionEnvironment[];
}

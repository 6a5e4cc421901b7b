import { HookopsError } from "../errors.js";
import { OutcomeUnknownError } from "./errors.js";
import { isRecord } from "../util/records.js";
import type { AdoCredential } from "./credentials.js";
import { listAllSubscriptions, type AllSubscriptions, type ListingScope } from "./list-all.js";
import { resolveOrganization, type ResolvedOrganization } from "./organization.js";
import { discoverReleaseUrl, hostOf } from "./release-host.js";
import { listBuildDefinitions, listReleaseDefinitions, listRepositories } from "./resources.js";
import { checkApiVersion, DEFAULT_API_VERSION, expectList, expectObject, previewVersion, route } from "./routes.js";
import { AdoTransport, type TransportOptions, type TransportRequest } from "./transport.js";
import type {
  BuildDefinitionReference,
  ConnectionData,
  Consumer,
  ConsumerAction,
  EventTypeDescriptor,
  GitRepository,
  LiveSubscription,
  Notification,
  NotificationResult,
  NotificationStatus,
  NotificationsQuery,
  Publisher,
  ReleaseDefinition,
  SubscriptionBody,
  SubscriptionFilters,
  SubscriptionHost,
  SubscriptionsQuery,
  TeamProjectReference,
  TestNotificationRequest,
} from "./types.js";

export interface AdoClientOptions extends Omit<TransportOptions, "credential"> {
  /** A name (fabrikam), an organization URL, or an Azure DevOps Server collection URL. */
  organization: string | ResolvedOrganization;
  credential: AdoCredential;
  /** Default "7.1"; Azure DevOps Server wants its own (2019: "5.0", 2020: "6.0", 2022: "7.0"). */
  apiVersion?: string;
}

export interface HostOption {
  /** Which host serves the call; release management subscriptions live on the release host. */
  host?: SubscriptionHost;
}

export interface ListOptions extends HostOption {
  /** How long to wait for the answer's headers; the service sends none until the whole list is built. */
  headersTimeoutMs?: number;
}

export interface ProjectListOptions {
  /** Projects per page ($top). Default 100. */
  pageSize?: number;
  /** Stop with an error rather than follow more continuation tokens than this. Default 100. */
  maxPages?: number;
}

export interface NotificationListOptions extends HostOption {
  maxResults?: number;
  status?: NotificationStatus;
  result?: NotificationResult;
}

/** Azure DevOps service hooks (and the few core routes hookops needs), over one AdoTransport. */
export class AdoClient {
  readonly organization: ResolvedOrganization;
  /** The api-version of every call: hookops.yaml's `apiVersion`, else DEFAULT_API_VERSION. */
  readonly apiVersion: string;
  /** The same version for the routes that exist only as previews (connectionData, resourceAreas). */
  readonly previewApiVersion: string;
  readonly transport: AdoTransport;
  private releaseUrlPromise: Promise<string> | undefined;

  constructor(options: AdoClientOptions) {
    this.organization = typeof options.organization === "string" ? resolveOrganization(options.organization) : options.organization;
    this.apiVersion = checkApiVersion(options.apiVersion ?? DEFAULT_API_VERSION);
    this.previewApiVersion = previewVersion(this.apiVersion);
    this.transport = new AdoTransport(options);
  }

  get credential(): AdoCredential {
    return this.transport.credential;
  }

  /**
   * The release-management host. Known from the URL for dev.azure.com and *.visualstudio.com;
   * otherwise asked once from the service (resourceAreas), falling back to the organization URL.
   */
  releaseUrl(): Promise<string> {
    if (this.organization.releaseUrl !== undefined) return Promise.resolve(this.organization.releaseUrl);
    this.releaseUrlPromise ??= discoverReleaseUrl(this.transport, this.organization.url, this.previewApiVersion).catch((error: unknown) => {
      this.releaseUrlPromise = undefined; // a failed lookup is tried again next time
      throw error;
    });
    return this.releaseUrlPromise;
  }

  async baseUrl(host: SubscriptionHost = "default"): Promise<string> {
    return host === "release" ? this.releaseUrl() : this.organization.url;
  }

  // --- subscriptions -------------------------------------------------------------------------

  /** Every subscription the caller may see on one host, optionally filtered (the list is not paged). */
  async listSubscriptions(filters: SubscriptionFilters = {}, options: ListOptions = {}): Promise<LiveSubscription[]> {
    const url = route(await this.baseUrl(options.host), ["hooks", "subscriptions"], this.apiVersion, { ...filters });
    return expectList<LiveSubscription>(await this.body({ method: "GET", url, headersTimeoutMs: options.headersTimeoutMs }), "subscription list");
  }

  /** `subscriptionsquery`: the server-side way to filter on inputs such as projectId. */
  async querySubscriptions(query: SubscriptionsQuery, options: ListOptions = {}): Promise<LiveSubscription[]> {
    const url = route(await this.baseUrl(options.host), ["hooks", "subscriptionsquery"], this.apiVersion);
    const request = { method: "POST", url, body: query, idempotent: true, headersTimeoutMs: options.headersTimeoutMs } as const;
    const answer = expectObject<SubscriptionsQuery>(await this.body(request), "subscriptions query");
    return answer.results ?? [];
  }

  /** The subscriptions whose publisherInputs.projectId is this project. */
  listProjectSubscriptions(projectId: string, filters: SubscriptionFilters = {}, options: ListOptions = {}): Promise<LiveSubscription[]> {
    return this.querySubscriptions(
      { ...filters, publisherInputFilters: [{ conditions: [{ inputId: "projectId", operator: "equals", inputValue: projectId }] }] },
      options,
    );
  }

  /**
   * Lists the organization host and the release host (when it is a different one), whole or by
   * project, and tags each subscription with its host. Never throws for a failed listing:
   * `complete` is false and `failures` says why, so a planner can refuse to act there.
   */
  listAllSubscriptions(scope: ListingScope = {}): Promise<AllSubscriptions> {
    return listAllSubscriptions(this, scope);
  }

  /** One subscription, or undefined when the service does not know the id (404). */
  async getSubscription(id: string, options: HostOption = {}): Promise<LiveSubscription | undefined> {
    const url = route(await this.baseUrl(options.host), ["hooks", "subscriptions", id], this.apiVersion);
    const response = await this.transport.send({ method: "GET", url, acceptStatuses: [404] });
    return response.status === 404 ? undefined : expectObject<LiveSubscription>(response.body, "subscription");
  }

  /**
   * Creates a subscription. Never retried once the request may have reached the service:
   * an OutcomeUnknownError then means "list again and look for it". The host follows from
   * the publisher unless given.
   */
  async createSubscription(body: SubscriptionBody, options: HostOption = {}): Promise<LiveSubscription> {
    const url = route(await this.baseUrl(options.host ?? hostOf(body)), ["hooks", "subscriptions"], this.apiVersion);
    const answer = await this.body({ method: "POST", url, body });
    // A success without a subscription in it: the service may well have made one.
    if (!isRecord(answer) || typeof answer.id !== "string" || answer.id === "") {
      throw new OutcomeUnknownError(
        `POST ${url}: the service answered without the subscription it created, so it is unknown whether it made one. It was not sent again; listing shows.`,
        { request: { method: "POST", url, headers: {} } },
      );
    }
    return answer as unknown as LiveSubscription;
  }

  /** Replaces a subscription (PUT is a full replace: send every input, secrets included). */
  async replaceSubscription(id: string, body: SubscriptionBody, options: HostOption = {}): Promise<LiveSubscription> {
    const url = route(await this.baseUrl(options.host ?? hostOf(body)), ["hooks", "subscriptions", id], this.apiVersion);
    return expectObject<LiveSubscription>(await this.body({ method: "PUT", url, body: { ...body, id } }), "replace subscription");
  }

  /** Deletes a subscription. Returns false when it was already gone (404), which is not an error. */
  async deleteSubscription(id: string, options: HostOption = {}): Promise<boolean> {
    const url = route(await this.baseUrl(options.host), ["hooks", "subscriptions", id], this.apiVersion);
    const response = await this.transport.send({ method: "DELETE", url, acceptStatuses: [404] });
    return response.status !== 404;
  }

  // --- publishers, event types, consumers, actions --------------------------------------------

  async listPublishers(options: HostOption = {}): Promise<Publisher[]> {
    return expectList<Publisher>(await this.get(options.host, ["hooks", "publishers"]), "publisher list");
  }

  getPublisher(publisherId: string, options: HostOption = {}): Promise<Publisher | undefined> {
    return this.lookup<Publisher>(options.host, ["hooks", "publishers", publisherId], {}, "publisher");
  }

  async listEventTypes(publisherId: string, options: HostOption = {}): Promise<EventTypeDescriptor[]> {
    return expectList<EventTypeDescriptor>(await this.get(options.host, ["hooks", "publishers", publisherId, "eventtypes"]), "event type list");
  }

  getEventType(publisherId: string, eventTypeId: string, options: HostOption = {}): Promise<EventTypeDescriptor | undefined> {
    return this.lookup<EventTypeDescriptor>(options.host, ["hooks", "publishers", publisherId, "eventtypes", eventTypeId], {}, "event type");
  }

  /** Consumers; with publisherId, only those supporting at least one of its events. */
  async listConsumers(options: HostOption & { publisherId?: string } = {}): Promise<Consumer[]> {
    const body = await this.get(options.host, ["hooks", "consumers"], { publisherId: options.publisherId });
    return expectList<Consumer>(body, "consumer list");
  }

  getConsumer(consumerId: string, options: HostOption & { publisherId?: string } = {}): Promise<Consumer | undefined> {
    return this.lookup<Consumer>(options.host, ["hooks", "consumers", consumerId], { publisherId: options.publisherId }, "consumer");
  }

  async listConsumerActions(consumerId: string, options: HostOption & { publisherId?: string } = {}): Promise<ConsumerAction[]> {
    const body = await this.get(options.host, ["hooks", "consumers", consumerId, "actions"], { publisherId: options.publisherId });
    return expectList<ConsumerAction>(body, "consumer action list");
  }

  getConsumerAction(consumerId: string, actionId: string, options: HostOption & { publisherId?: string } = {}): Promise<ConsumerAction | undefined> {
    const segments = ["hooks", "consumers", consumerId, "actions", actionId];
    return this.lookup<ConsumerAction>(options.host, segments, { publisherId: options.publisherId }, "consumer action");
  }

  // --- notifications -----------------------------------------------------------------------------

  /** Queues a test delivery. Not repeated on a lost response (it would send a second test). */
  async sendTestNotification(request: TestNotificationRequest, options: HostOption & { useRealData?: boolean } = {}): Promise<Notification> {
    const publisherId = request.details.publisherId;
    const host = options.host ?? (publisherId !== undefined ? hostOf({ publisherId }) : "default");
    const url = route(await this.baseUrl(host), ["hooks", "testnotifications"], this.apiVersion, { useRealData: options.useRealData });
    return expectObject<Notification>(await this.body({ method: "POST", url, body: request }), "test notification");
  }

  /** Delivery history of a subscription, newest first as the service orders it. */
  async listNotifications(subscriptionId: string, options: NotificationListOptions = {}): Promise<Notification[]> {
    const query = { maxResults: options.maxResults, status: options.status, result: options.result };
    const body = await this.get(options.host, ["hooks", "subscriptions", subscriptionId, "notifications"], query);
    return expectList<Notification>(body, "notification list");
  }

  /** `notificationsquery`: the history of many subscriptions of one host in one request; a query, so retrying it is harmless. */
  async queryNotifications(query: NotificationsQuery, options: HostOption = {}): Promise<NotificationsQuery> {
    const url = route(await this.baseUrl(options.host), ["hooks", "notificationsquery"], this.apiVersion);
    return expectObject<NotificationsQuery>(await this.body({ method: "POST", url, body: query, idempotent: true }), "notifications query");
  }

  getNotification(subscriptionId: string, notificationId: number, options: HostOption = {}): Promise<Notification | undefined> {
    const segments = ["hooks", "subscriptions", subscriptionId, "notifications", String(notificationId)];
    return this.lookup<Notification>(options.host, segments, {}, "notification");
  }

  // --- core: projects and identity ---------------------------------------------------------------

  /** All projects, following continuation tokens; bounded by maxPages. */
  async listProjects(options: ProjectListOptions = {}): Promise<TeamProjectReference[]> {
    const pageSize = options.pageSize ?? 100;
    const maxPages = options.maxPages ?? 100;
    const projects: TeamProjectReference[] = [];
    const seenTokens = new Set<string>();
    let continuationToken: string | undefined;
    for (let page = 1; page <= maxPages; page++) {
      const url = route(this.organization.url, ["projects"], this.apiVersion, { $top: pageSize, continuationToken });
      const response = await this.transport.send({ method: "GET", url });
      projects.push(...expectList<TeamProjectReference>(response.body, "project list"));
      continuationToken = response.headers["x-ms-continuationtoken"] || undefined;
      if (continuationToken === undefined) return projects;
      if (seenTokens.has(continuationToken)) throw new HookopsError(`Listing projects looped: the continuation token "${continuationToken}" came back twice.`);
      seenTokens.add(continuationToken);
    }
    throw new HookopsError(`Listing projects stopped after ${maxPages} pages of ${pageSize}; there are more.`);
  }

  /** A project by id or name, or undefined (404). */
  getProject(projectIdOrName: string): Promise<TeamProjectReference | undefined> {
    return this.lookup<TeamProjectReference>("default", ["projects", projectIdOrName], {}, "project");
  }

  // --- project resources that filters name: repositories, pipelines, release pipelines -------------

  /** The project's Git repositories (by project id). */
  listRepositories(projectId: string): Promise<GitRepository[]> {
    return listRepositories(this, projectId);
  }

  /** The project's build definitions: classic builds and YAML pipelines (pipelineId is a definition id). */
  listBuildDefinitions(projectId: string): Promise<BuildDefinitionReference[]> {
    return listBuildDefinitions(this, projectId);
  }

  /** The project's release pipelines with their stages, from the release host. */
  listReleaseDefinitions(projectId: string): Promise<ReleaseDefinition[]> {
    return listReleaseDefinitions(this, projectId);
  }

  /** Who the credential authenticates as (the identity that becomes createdBy). */
  async connectionData(): Promise<ConnectionData> {
    const url = route(this.organization.url, ["connectionData"], this.previewApiVersion);
    return expectObject<ConnectionData>(await this.body({ method: "GET", url }), "connection data");
  }

  /** Closes the connections of the client's HTTP agent. */
  close(): Promise<void> {
    return this.transport.close();
  }

  private async body(request: TransportRequest): Promise<unknown> {
    return (await this.transport.send(request)).body;
  }

  private async get(host: SubscriptionHost | undefined, segments: string[], query: Record<string, string | number | undefined> = {}): Promise<unknown> {
    return this.body({ method: "GET", url: route(await this.baseUrl(host), segments, this.apiVersion, query) });
  }

  private async lookup<T>(
    host: SubscriptionHost | undefined,
    segments: string[],
    query: Record<string, string | undefined>,
    what: string,
  ): Promise<T | undefined> {
    const url = route(await this.baseUrl(host), segments, this.apiVersion, query);
    const response = await this.transport.send({ method: "GET", url, acceptStatuses: [404] });
    return response.status === 404 ? undefined : expectObject<T>(response.body, what);
  }
}

/** The history filters: the notifications list's query parameters and POST notificationsquery (HOOKS-API 2.3, 3.6). */
import { errors } from "../errors.js";
import type { NotificationRecord, NotificationResult, NotificationStatus, SubscriptionRecord } from "../state/records.js";
import { isObject } from "../subscriptions/validate.js";
import { newestFirst } from "./view.js";

const STATUSES: readonly NotificationStatus[] = ["queued", "processing", "requestInProgress", "completed"];
/** Also the order of a summary's results. */
const RESULTS: readonly NotificationResult[] = ["pending", "succeeded", "failed", "filtered"];

export const DEFAULT_MAX_RESULTS = 100;

/** Enum values bind ignoring case, as the service's model binding does; anything else is a 400. */
function enumValue<T extends string>(value: unknown, allowed: readonly T[], name: string): T | undefined {
  if (value === undefined || value === null) return undefined;
  const found = typeof value === "string" ? allowed.find((candidate) => candidate.toLowerCase() === value.toLowerCase()) : undefined;
  if (!found) throw errors.argument(`${name} must be one of ${allowed.join(", ")}.`);
  return found;
}

function count(value: unknown, name: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  const parsed = typeof value === "string" && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
  if (typeof parsed !== "number" || !Number.isInteger(parsed) || parsed < 0 || parsed > 2 ** 31 - 1)
    throw errors.argument(`${name} must be a whole number from 0 to 2147483647.`);
  return parsed;
}

export interface ListFilters {
  maxResults: number;
  status?: NotificationStatus;
  result?: NotificationResult;
}

export function parseListFilters(values: { maxResults: string | undefined; status: string | undefined; result: string | undefined }): ListFilters {
  const filters: ListFilters = { maxResults: count(values.maxResults, "maxResults") ?? DEFAULT_MAX_RESULTS };
  const status = enumValue(values.status, STATUSES, "status");
  const result = enumValue(values.result, RESULTS, "result");
  if (status) filters.status = status;
  if (result) filters.result = result;
  return filters;
}

export function listHistory(records: readonly NotificationRecord[], filters: ListFilters): NotificationRecord[] {
  return newestFirst(records)
    .filter(
      (record) => (filters.status === undefined || record.status === filters.status) && (filters.result === undefined || record.result === filters.result),
    )
    .slice(0, filters.maxResults);
}

/** The query as understood; echoed back with the answer (absent fields as null, as subscriptionsquery does). */
export interface NotificationsQuery {
  subscriptionIds: string[] | null;
  publisherId: string | null;
  minCreatedDate: string | null;
  maxCreatedDate: string | null;
  status: NotificationStatus | null;
  resultType: NotificationResult | null;
  maxResults: number | null;
  maxResultsPerSubscription: number | null;
  includeDetails: boolean;
}

function optionalString(value: unknown, name: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== "string") throw errors.argument(`${name} must be a string.`);
  return value;
}

function optionalDate(value: unknown, name: string): string | null {
  const text = optionalString(value, name);
  if (text !== null && Number.isNaN(Date.parse(text))) throw errors.argument(`${name} must be a date and time (ISO 8601).`);
  return text;
}

export function parseNotificationsQuery(body: unknown): NotificationsQuery {
  if (!isObject(body)) throw errors.nullBody("query");
  let subscriptionIds: string[] | null = null;
  if (body.subscriptionIds !== undefined && body.subscriptionIds !== null) {
    const ids = body.subscriptionIds;
    if (!Array.isArray(ids) || !ids.every((id): id is string => typeof id === "string")) throw errors.argument("subscriptionIds must be an array of strings.");
    subscriptionIds = ids;
  }
  if (body.includeDetails !== undefined && body.includeDetails !== null && typeof body.includeDetails !== "boolean")
    throw errors.argument("includeDetails must be true or false.");
  return {
    subscriptionIds,
    publisherId: optionalString(body.publisherId, "publisherId"),
    minCreatedDate: optionalDate(body.minCreatedDate, "minCreatedDate"),
    maxCreatedDate: optionalDate(body.maxCreatedDate, "maxCreatedDate"),
    status: enumValue(body.status, STATUSES, "status") ?? null,
    resultType: enumValue(body.resultType, RESULTS, "resultType") ?? null,
    maxResults: count(body.maxResults, "maxResults") ?? null,
    maxResultsPerSubscription: count(body.maxResultsPerSubscription, "maxResultsPerSubscription") ?? null,
    includeDetails: body.includeDetails === true,
  };
}

export interface NotificationSummary {
  subscriptionId: string;
  results: { result: NotificationResult; notificationCount: number }[];
}

export interface QueryOutcome {
  /** Empty unless includeDetails. */
  results: NotificationRecord[];
  /** Over every notification the filters keep, before maxResults and maxResultsPerSubscription. */
  summary: NotificationSummary[];
  /** The subscriptions of the returned notifications; without includeDetails, those the summary counts. */
  associatedSubscriptions: SubscriptionRecord[];
}

function inRange(record: NotificationRecord, query: NotificationsQuery): boolean {
  const created = Date.parse(record.createdDate);
  if (query.minCreatedDate !== null && created < Date.parse(query.minCreatedDate)) return false;
  if (query.maxCreatedDate !== null && created > Date.parse(query.maxCreatedDate)) return false;
  return true;
}

/**
 * Runs the query over the history of `subscriptions` (the saved subscriptions the caller may see,
 * in creation order). maxResults defaults to 100, like the list's.
 */
export function runNotificationsQuery(
  query: NotificationsQuery,
  subscriptions: readonly SubscriptionRecord[],
  historyOf: (subscriptionId: string) => NotificationRecord[],
): QueryOutcome {
  const wanted = query.subscriptionIds === null ? undefined : new Set(query.subscriptionIds.map((id) => id.toLowerCase()));
  const outcome: QueryOutcome = { results: [], summary: [], associatedSubscriptions: [] };
  const kept: NotificationRecord[] = [];
  for (const subscription of subscriptions) {
    if (wanted && !wanted.has(subscription.id.toLowerCase())) continue;
    const history = newestFirst(historyOf(subscription.id)).filter(
      (record) =>
        (query.publisherId === null || record.details.publisherId.toLowerCase() === query.publisherId.toLowerCase()) &&
        (query.status === null || record.status === query.status) &&
        (query.resultType === null || record.result === query.resultType) &&
        inRange(record, query),
    );
    if (history.length === 0) continue;
    outcome.associatedSubscriptions.push(subscription);
    outcome.summary.push({
      subscriptionId: subscription.id,
      results: RESULTS.map((result) => ({ result, notificationCount: history.filter((record) => record.result === result).length })).filter(
        (entry) => entry.notificationCount > 0,
      ),
    });
    const perSubscription = wanted && query.maxResultsPerSubscription !== null ? query.maxResultsPerSubscription : history.length;
    kept.push(...history.slice(0, perSubscription));
  }
  if (!query.includeDetails) return outcome;
  outcome.results = newestFirst(kept).slice(0, query.maxResults ?? DEFAULT_MAX_RESULTS);
  const returned = new Set(outcome.results.map((record) => record.subscriptionId.toLowerCase()));
  outcome.associatedSubscriptions = outcome.associatedSubscriptions.filter((subscription) => returned.has(subscription.id.toLowerCase()));
  return outcome;
}

/** Subscription filtering: the list route's id filters and subscriptionsquery's InputFilter semantics. */
import type { InputFilter, InputFilterCondition } from "../../ado/types.js";
import { catalog } from "../../catalog/index.js";
import { errors } from "../errors.js";
import type { SubscriptionRecord } from "../state/records.js";
import { isObject } from "./validate.js";
import { maskConsumerInputs } from "./view.js";

export interface IdFilters {
  publisherId?: string | null;
  eventType?: string | null;
  consumerId?: string | null;
  consumerActionId?: string | null;
  subscriberId?: string | null;
}

export interface ParsedQuery extends IdFilters {
  publisherInputFilters: InputFilter[];
  consumerInputFilters: InputFilter[];
}

function sameId(wanted: string | null | undefined, actual: string): boolean {
  return wanted === undefined || wanted === null || wanted === "" || wanted.toLowerCase() === actual.toLowerCase();
}

export function matchesIds(record: SubscriptionRecord, filters: IdFilters): boolean {
  return (
    sameId(filters.publisherId, record.publisherId) &&
    sameId(filters.eventType, record.eventType) &&
    sameId(filters.consumerId, record.consumerId) &&
    sameId(filters.consumerActionId, record.consumerActionId) &&
    sameId(filters.subscriberId, record.createdBy.id)
  );
}

/** List and query leave out event types the service never lists (R4), unless the emulator is told to list them. */
export function isListed(record: SubscriptionRecord, listUnlistedEvents: boolean): boolean {
  return listUnlistedEvents || catalog.eventType(record.eventType)?.eventType.unlisted !== true;
}

function conditionHolds(condition: InputFilterCondition, inputs: Record<string, string>): boolean {
  const actual = inputs[condition.inputId] ?? "";
  const expected = condition.inputValue ?? "";
  const equal = condition.caseSensitive ? actual === expected : actual.toLowerCase() === expected.toLowerCase();
  return condition.operator === "notEquals" ? !equal : equal;
}

/** Filters are OR-ed (any one may match), the conditions inside one filter are AND-ed; no filters match all. */
export function matchesInputFilters(filters: readonly InputFilter[], inputs: Record<string, string>): boolean {
  if (filters.length === 0) return true;
  return filters.some((filter) => filter.conditions.every((condition) => conditionHolds(condition, inputs)));
}

/** Consumer filters see the masked values, so a query cannot be used to guess a stored secret. */
export function matchesQuery(record: SubscriptionRecord, query: ParsedQuery): boolean {
  if (!matchesIds(record, query)) return false;
  if (!matchesInputFilters(query.publisherInputFilters, record.publisherInputs)) return false;
  const consumerInputs = maskConsumerInputs(record.consumerId, record.consumerActionId, record.consumerInputs);
  return matchesInputFilters(query.consumerInputFilters, consumerInputs);
}

function optionalId(value: unknown, name: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== "string") throw errors.argument(`${name} must be a string.`);
  return value;
}

function parseCondition(value: unknown): InputFilterCondition {
  if (!isObject(value) || typeof value.inputId !== "string") throw errors.argument("Each input filter condition needs an inputId.");
  const operator = value.operator === undefined || value.operator === null ? "equals" : value.operator;
  if (operator !== "equals" && operator !== "notEquals")
    throw errors.argument(`'${String(operator)}' is not an input filter operator; use equals or notEquals.`);
  const inputValue = value.inputValue === undefined || value.inputValue === null ? "" : value.inputValue;
  if (typeof inputValue !== "string") throw errors.argument("inputValue must be a string.");
  return { inputId: value.inputId, inputValue, operator, caseSensitive: value.caseSensitive === true };
}

function parseFilters(value: unknown, name: string): InputFilter[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw errors.argument(`${name} must be an array of input filters.`);
  return value.map((filter) => {
    if (!isObject(filter)) throw errors.argument(`${name} must be an array of input filters.`);
    const conditions = filter.conditions ?? [];
    if (!Array.isArray(conditions)) throw errors.argument("conditions must be an array.");
    return { conditions: conditions.map(parseCondition) };
  });
}

export function parseSubscriptionsQuery(body: unknown): ParsedQuery {
  if (!isObject(body)) throw errors.nullBody("query");
  return {
    publisherId: optionalId(body.publisherId, "publisherId"),
    eventType: optionalId(body.eventType, "eventType"),
    consumerId: optionalId(body.consumerId, "consumerId"),
    consumerActionId: optionalId(body.consumerActionId, "consumerActionId"),
    subscriberId: optionalId(body.subscriberId, "subscriberId"),
    publisherInputFilters: parseFilters(body.publisherInputFilters, "publisherInputFilters"),
    consumerInputFilters: parseFilters(body.consumerInputFilters, "consumerInputFilters"),
  };
}

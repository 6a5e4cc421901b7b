import { isApiVersion } from "../ado/routes.js";
import { isContainedPattern } from "./files.js";
import { presentInputs, readWrittenFields, stringList, type WrittenFields } from "./fields.js";
import type { FindingSink } from "./findings.js";
import { checkSchema } from "./schema.js";
import type { CreatedByScope, HookopsConfig, PruneSettings, SubscriptionDefaults, SubscriptionSelector } from "./types.js";
import { locateNearest, type YamlFile, type YamlRef } from "./yaml-location.js";
import { isRecord } from "../util/records.js";

export const DEFAULT_INCLUDE: readonly string[] = ["hooks/**/*.{yaml,yml}"];
export const DEFAULT_MAX_DELETES = 10;

export interface LoadedConfig {
  config: HookopsConfig;
  /** Defaults as written, for merging under entries. */
  defaults: WrittenFields;
  /** The `defaults` map in hookops.yaml, for pointing findings at inherited values. */
  defaultsRef?: YamlRef;
  /** The hookops.yaml document, for pointing at include patterns. */
  documentRef?: YamlRef;
  /** For each pattern in config.include, its index in the written `include` list (empty: the default applies). */
  includeIndexes: number[];
}

function readPrune(raw: unknown): PruneSettings {
  const prune: PruneSettings = { enabled: false, scope: { createdBy: "self" }, maxDeletes: DEFAULT_MAX_DELETES };
  if (!isRecord(raw)) return prune;
  if (typeof raw.enabled === "boolean") prune.enabled = raw.enabled;
  if (typeof raw.maxDeletes === "number" && Number.isInteger(raw.maxDeletes) && raw.maxDeletes >= 0) prune.maxDeletes = raw.maxDeletes;
  if (isRecord(raw.scope)) {
    const projects = stringList(raw.scope.projects);
    if (projects) prune.scope.projects = projects;
    const createdBy = raw.scope.createdBy;
    const identities = stringList(createdBy);
    const scope: CreatedByScope | undefined = createdBy === "self" || createdBy === "any" ? createdBy : identities;
    if (scope) prune.scope.createdBy = scope;
    if (raw.scope.organizationWide === true) prune.scope.organizationWide = true;
  }
  return prune;
}

const SELECTOR_KEYS = ["id", "project", "publisherId", "eventType", "consumerId", "consumerActionId", "url"] as const;

function readProtect(raw: unknown): SubscriptionSelector[] {
  if (!Array.isArray(raw)) return [];
  const selectors: SubscriptionSelector[] = [];
  for (const item of raw) {
    if (!isRecord(item)) continue;
    const selector: SubscriptionSelector = {};
    for (const key of SELECTOR_KEYS) {
      const value = item[key];
      if (typeof value === "string" && value !== "") selector[key] = value;
    }
    if (Object.keys(selector).length > 0) selectors.push(selector);
  }
  return selectors;
}

function toDefaults(fields: WrittenFields): SubscriptionDefaults {
  const {
    publisherInputs,
    consumerInputs,
    name: _name,
    id: _id,
    allowInsecureUrl: _allow,
    allowUnlistedEvent: _unlisted,
    organizationWide: _wide,
    ...rest
  } = fields;
  const defaults: SubscriptionDefaults = { ...rest };
  if (publisherInputs) defaults.publisherInputs = presentInputs(publisherInputs);
  if (consumerInputs) defaults.consumerInputs = presentInputs(consumerInputs);
  return defaults;
}

function normalizePattern(pattern: string): string {
  return pattern.replace(/^(!?)\.\//, "$1");
}

/** hookops.yaml → HookopsConfig; every problem is a finding, and whatever is valid is still used. */
export function buildConfig(file: YamlFile | undefined, root: string, configFile: string, sink: FindingSink): LoadedConfig {
  const config: HookopsConfig = {
    root,
    configFile,
    include: [...DEFAULT_INCLUDE],
    prune: readPrune(undefined),
    protect: [],
    defaults: {},
  };
  const loaded: LoadedConfig = { config, defaults: {}, includeIndexes: [] };
  const first = file?.documents[0];
  if (!file || !first) return loaded;
  const documentRef: YamlRef = { file, document: first.document, path: [] };
  loaded.documentRef = documentRef;
  const second = file.documents[1];
  if (second) {
    sink.error(
      "multiple-documents",
      "hookops.yaml must hold a single YAML document",
      locateNearest({ file, document: second.document, path: [] }, [], "value"),
    );
  }
  checkSchema("hookops", first.data, documentRef, sink);
  const data = first.data;
  if (!isRecord(data)) return loaded;

  if (typeof data.organization === "string" && data.organization.trim() !== "") config.organization = data.organization.trim();
  // A malformed value is reported by the schema; only a well-formed one reaches the client.
  if (typeof data.apiVersion === "string" && isApiVersion(data.apiVersion)) config.apiVersion = data.apiVersion;
  const written: unknown[] = Array.isArray(data.include) ? data.include : [];
  const include = written.flatMap((pattern, index) => (typeof pattern === "string" && pattern !== "" ? [{ pattern, index }] : []));
  if (include.length > 0) {
    config.include = include.map(({ pattern }) => normalizePattern(pattern));
    loaded.includeIndexes = include.map(({ index }) => index);
    for (const { pattern, index } of include) {
      if (!isContainedPattern(normalizePattern(pattern))) {
        sink.error(
          "invalid-value",
          `include pattern "${pattern}" leaves the repository root; patterns are relative to the folder of hookops.yaml`,
          locateNearest(documentRef, ["include", index], "value"),
        );
      }
    }
  }
  config.prune = readPrune(data.prune);
  config.protect = readProtect(data.protect);
  if (isRecord(data.defaults)) {
    const defaultsRef: YamlRef = { file, document: first.document, path: ["defaults"] };
    loaded.defaultsRef = defaultsRef;
    loaded.defaults = readWrittenFields(data.defaults, defaultsRef);
    // name, id, allowInsecureUrl, allowUnlistedEvent and organizationWide belong to one subscription; the schema rejects them here.
    delete loaded.defaults.name;
    delete loaded.defaults.id;
    delete loaded.defaults.allowInsecureUrl;
    delete loaded.defaults.allowUnlistedEvent;
    delete loaded.defaults.organizationWide;
    config.defaults = toDefaults(loaded.defaults);
  }
  return loaded;
}

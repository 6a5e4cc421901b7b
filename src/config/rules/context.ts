import type { Catalog, EventTypeEntry } from "../../catalog/index.js";
import type { ConsumerActionSpec, ConsumerSpec } from "../../catalog/types.js";
import { locateField, type Entry } from "../entries.js";
import type { FindingSink } from "../findings.js";
import type { Severity } from "../types.js";
import type { NodePart, YamlPath } from "../yaml-location.js";
import type { CatalogSource } from "./source.js";

/** How unavailable `${env:}` / `${file:}` values are reported: validate and plan warn, apply requires them. */
export type ReferencePolicy = "warn" | "require";

export interface RuleContext {
  sink: FindingSink;
  /** Absolute repo root, for `${file:}` checks. */
  root: string;
  env: NodeJS.ProcessEnv;
  references: ReferencePolicy;
  source: CatalogSource;
}

/** What the source says about one entry, looked up once for all rules. */
export interface EntryFacts {
  entry: Entry;
  /** The source's catalog for the host the entry's events come from. */
  view: Catalog;
  /** How messages name that host: "" for the shipped catalog, " in <organization>" online. */
  where: string;
  event?: EventTypeEntry;
  consumer?: ConsumerSpec;
  action?: ConsumerActionSpec;
  /** publisherInputs after defaults, removed (null) values dropped. */
  filters: Record<string, string>;
  /** consumerInputs after defaults, removed (null) values dropped. */
  inputs: Record<string, string>;
}

export type EntryRule = (facts: EntryFacts, context: RuleContext) => void;

export function report(context: RuleContext, entry: Entry, severity: Severity, rule: string, message: string, path: YamlPath, part: NodePart = "value"): void {
  context.sink.add(severity, rule, message, locateField(entry, path, part));
}

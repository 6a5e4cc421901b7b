import type { LiveSubscription, SubscriptionHost, TeamProjectReference } from "../ado/types.js";
import type { WrittenFile } from "./write.js";

/** The name to write for a filter that holds an id (a repository, a pipeline, ...), or undefined to keep the id. */
export type ExportFilterNamer = (live: LiveSubscription, inputId: string, value: string) => string | undefined;

/** An input value as written: a string, or null to cancel a value inherited from `defaults`. */
export type ExportedInputs = Record<string, string | null>;

/** One subscription as it will be written, in the repository format (field names of the REST API). */
export interface ExportedSubscription {
  name: string;
  /** Pins the entry to the live subscription it came from. */
  id: string;
  /** The project's name; empty for an organization-wide subscription. */
  project: string;
  /** No project: written as `organizationWide: true`. */
  organizationWide?: true;
  /** Only when the catalog cannot infer it from eventType (or defaults set another one). */
  publisherId?: string;
  eventType: string;
  resourceVersion?: string;
  publisherInputs: ExportedInputs;
  consumerId: string;
  consumerActionId: string;
  consumerInputs: ExportedInputs;
  /** Omitted for an enabled subscription. */
  enabled?: boolean;
  allowInsecureUrl?: boolean;
  /** Comment lines written above the entry. */
  notes: string[];
  /** Comment written above `enabled`. */
  statusNote?: string;
  host: SubscriptionHost;
}

/** An environment variable a placeholder refers to; its value is never known to export. */
export interface SecretVariable {
  name: string;
  subscription: string;
  /** The consumer input holding the placeholder. */
  input: string;
  /** Path of the file, relative to the output folder, with "/" separators. */
  file: string;
}

export interface ExportFile {
  project: TeamProjectReference;
  /** Relative to the output folder, with "/" separators: `hooks/<project-slug>.yaml`. */
  path: string;
  subscriptions: ExportedSubscription[];
  variables: SecretVariable[];
}

/** A live subscription export leaves out, and why. */
export interface SkippedSubscription {
  id: string;
  /** e.g. `build.complete -> webHooks (hooks.example.com)`. */
  label: string;
  project?: string;
  reason: string;
}

/** Everything export decided, before anything is written. */
export interface ExportModel {
  files: ExportFile[];
  skipped: SkippedSubscription[];
  /** Sorted by name. */
  variables: SecretVariable[];
  warnings: string[];
}

/** What an export did: the model it wrote and each file's fate. */
export interface ExportOutcome {
  /** As written to hookops.yaml: what the user named (or "emulator"). */
  organization: string;
  outDir: string;
  /** Live subscriptions read, before any was left out. */
  liveCount: number;
  model: ExportModel;
  written: WrittenFile[];
  warnings: string[];
}

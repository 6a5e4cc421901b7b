/** Resources a filter may name instead of giving their id: Git repositories, pipelines (build definitions), release pipelines and their stages. */
export type NamedResourceKind = "repository" | "buildDefinition" | "releaseDefinition" | "releaseEnvironment";

/** One input of a publisher, event type (a filter), consumer or action. All values are strings on the wire. */
export interface InputSpec {
  readonly id: string;
  readonly required?: boolean;
  /** The service never returns the value; it reads back as "********". */
  readonly confidential?: boolean;
  readonly dataType?: "string" | "number" | "boolean" | "guid" | "uri";
  readonly pattern?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minValue?: number;
  readonly maxValue?: number;
  readonly default?: string;
  /** Allowed values; "" means "any" for filters and "all" for the *ToSend options. */
  readonly values?: readonly string[];
  readonly dependsOn?: readonly string[];
  /** Possible values depend on the organization (definitions, repositories, ...). */
  readonly dynamic?: boolean;
  /** The service wants the id of this kind of resource; hookops also takes its name and looks the id up when planning. */
  readonly names?: NamedResourceKind;
  /** Not confirmed by an official descriptor: findings about it are warnings, not errors. */
  readonly uncertain?: boolean;
  /** A required input that is not required when one of these inputs has a value (another way to authenticate). */
  readonly requiredUnless?: readonly string[];
}

export interface EventTypeSpec {
  readonly id: string;
  readonly name: string;
  readonly resourceVersions: readonly string[];
  readonly filters: readonly InputSpec[];
  readonly uncertain?: boolean;
  readonly deprecated?: boolean;
  /**
   * The service creates subscriptions to this event but never returns them from list or query
   * (REAL-SERVICE.md R4), so a tool could never see them again.
   */
  readonly unlisted?: boolean;
  /** Ids the catalog once used for this event that the service never knew; validate points from them to `id`. */
  readonly formerIds?: readonly string[];
}

export interface PublisherSpec {
  readonly id: string;
  readonly name: string;
  /** "release" publishers are served by the release host (vsrm.dev.azure.com/{org}). */
  readonly host: "default" | "release";
  readonly inputs: readonly InputSpec[];
  /** Inputs the service adds to publisherInputs on create (never part of a desired state). */
  readonly serverAddedInputs: readonly string[];
  readonly eventTypes: readonly EventTypeSpec[];
  readonly uncertain?: boolean;
}

export interface ConsumerActionSpec {
  readonly id: string;
  readonly name: string;
  /** Event type ids, or "*" for every event. */
  readonly supportedEventTypes: readonly string[];
  /** The inputs that say where events go; part of a subscription's natural key. */
  readonly keyInputs: readonly string[];
  readonly inputs: readonly InputSpec[];
  /** Whether a subscription may choose its resourceVersion; for other actions the service answers 400 to any. */
  readonly allowResourceVersionOverride?: boolean;
  /** Versions this action takes per event type beyond the event's own (only live descriptors give them). */
  readonly resourceVersions?: Readonly<Record<string, readonly string[]>>;
  readonly uncertain?: boolean;
}

export interface ConsumerSpec {
  readonly id: string;
  readonly name: string;
  readonly authenticationType?: "none" | "oAuth" | "external";
  /** Subscriptions are created from the third party's side (e.g. Zapier). */
  readonly managedExternally?: boolean;
  /** The service behind it was retired; kept so old live subscriptions can be read. */
  readonly retired?: boolean;
  readonly uncertain?: boolean;
  /** Consumer-level inputs (credentials); sent in consumerInputs together with the action's. */
  readonly inputs: readonly InputSpec[];
  readonly actions: readonly ConsumerActionSpec[];
}

/**
 * Where a YAML node starts: 1-based line and column. `file` is the path as shown to the user:
 * relative to the current directory (so GitHub annotations resolve from the workspace root).
 */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

export type Severity = "error" | "warning";

/** One problem found in the configuration. Rules push findings; they never throw. */
export interface Finding extends SourceLocation {
  severity: Severity;
  /** Stable id of the rule that found it, e.g. "unknown-event-type". */
  rule: string;
  message: string;
}

export type CreatedByScope = "self" | "any" | string[];

/** A selector of live subscriptions (used by protect). Every field given must match. */
export interface SubscriptionSelector {
  id?: string;
  project?: string;
  publisherId?: string;
  eventType?: string;
  consumerId?: string;
  consumerActionId?: string;
  /** Matched against consumerInputs.url; "*" wildcards allowed. */
  url?: string;
}

export interface PruneSettings {
  enabled: boolean;
  scope: {
    /** Project names or ids; undefined means "the projects the subscriptions name" (patterns included, once expanded). */
    projects?: string[];
    createdBy: CreatedByScope;
    /** Organization-wide live subscriptions (no project) may be deleted only when this is true. */
    organizationWide?: boolean;
  };
  maxDeletes: number;
}

/** hookops.yaml after loading and applying defaults. */
export interface HookopsConfig {
  /** Absolute path of the repo root (the folder holding hookops.yaml). */
  root: string;
  /** Path of hookops.yaml relative to the current directory, for messages. */
  configFile: string;
  organization?: string;
  /** `apiVersion` in hookops.yaml: the REST api-version of every call (Azure DevOps Server wants its own). */
  apiVersion?: string;
  include: string[];
  prune: PruneSettings;
  protect: SubscriptionSelector[];
  /** Fields merged under every subscription (`defaults` in hookops.yaml), as written. */
  defaults?: SubscriptionDefaults;
}

/**
 * What `defaults` may carry: any subscription field except name, id, allowInsecureUrl and
 * allowUnlistedEvent. A default resourceVersion reaches only subscriptions whose action may set one.
 */
export interface SubscriptionDefaults {
  project?: string;
  /** `"*"` is read as `["*"]`. */
  projects?: string[];
  excludeProjects?: string[];
  publisherId?: string;
  eventType?: string;
  resourceVersion?: string;
  publisherInputs?: Record<string, string>;
  consumerId?: string;
  consumerActionId?: string;
  consumerInputs?: Record<string, string>;
  enabled?: boolean;
}

/**
 * One subscription as the repo declares it, after defaults and fan-out, before secret resolution.
 * Input values keep their `${env:…}` / `${file:…}` references; resolve them only where the value
 * must be sent (see config/interpolate).
 */
export interface DesiredSubscription {
  /** Unique in the repo; `<name>@<project>` after fan-out. */
  name: string;
  /** Project name or GUID, as written; empty for an organization-wide subscription. */
  project: string;
  /** `organizationWide: true`: no project (no publisherInputs.projectId); `project` is empty. */
  organizationWide?: true;
  publisherId: string;
  eventType: string;
  /** Never "latest" (that is the same as none); only where the action may set one. */
  resourceVersion?: string;
  /** Event filters; never projectId (that comes from `project`). */
  publisherInputs: Record<string, string>;
  consumerId: string;
  consumerActionId: string;
  /** Never blank: the service refuses empty consumer inputs, so they are left out. */
  consumerInputs: Record<string, string>;
  enabled: boolean;
  /** Pin to a live subscription id. */
  id?: string;
  allowInsecureUrl?: boolean;
  /**
   * The event is one the service never lists (catalog `unlisted`), and the repo accepts that:
   * hookops cannot find the live subscription by listing, only by a pinned `id`.
   */
  allowUnlistedEvent?: boolean;
  source: SourceLocation;
  /** Where the filters that may name a resource instead of giving its id are written, for messages about those names. */
  inputSources?: Record<string, SourceLocation>;
  /** Where its project is written (`project`, or its item of `projects`), for messages about the project. */
  projectSource?: SourceLocation;
}

/** One item of `projects` or `excludeProjects` as written: a name, a GUID or a pattern. */
export interface ProjectSelector {
  text: string;
  /** Holds `*` or `?`. */
  pattern: boolean;
  source: SourceLocation;
}

/**
 * A declaration whose projects are known only online (`projects` holds a pattern, or
 * `excludeProjects` is set). Plan expands it once it has read the organization's projects.
 */
export interface PatternedSubscription {
  /** Every field of the copies but the project: `name` is the name as written, `project` empty. */
  template: DesiredSubscription;
  include: ProjectSelector[];
  exclude: ProjectSelector[];
}

/** What one patterned declaration expanded to, for the plan. */
export interface ProjectExpansion {
  name: string;
  source: SourceLocation;
  /** `projects` and `excludeProjects` as written. */
  include: string[];
  exclude: string[];
  /** The projects it expanded to, in the order of the copies. */
  projects: string[];
}

/** Public types of the service hooks emulator (see docs/emulator.md). */
import type { IdentityRef, LiveSubscription, SubscriptionBody, SubscriptionStatus, TeamProjectReference } from "../ado/types.js";

export type HostKind = "default" | "release";

export interface EmulatorUser {
  /** The accepted credential. */
  token: string;
  /** "pat": Basic auth, any user name, the token as password. "bearer": Authorization: Bearer <token>. */
  kind: "pat" | "bearer";
  /** Identity id (GUID): createdBy/modifiedBy and connectionData.authenticatedUser. */
  id: string;
  displayName: string;
  uniqueName: string;
  /**
   * A service principal (or managed identity, or the build service): subscriptions it creates read
   * back with `createdBy: null` on GET, list and query (REAL-SERVICE.md R2).
   */
  servicePrincipal?: boolean;
}

/** How slowly the subscription list and subscriptionsquery answer (REAL-SERVICE.md R1); the delay holds back the headers. */
export interface ListDelayOptions {
  /** Milliseconds per subscription in the answer (after filtering). */
  msPerItem?: number;
  /** Milliseconds per KiB of the answer's body. */
  msPerKiB?: number;
  /** Upper bound of one answer's delay; default 600000. */
  maxMs?: number;
}

export interface RateLimitOptions {
  /** Requests each identity may make per window. */
  requests: number;
  windowMs: number;
  /** Retry-After on a 429; default: seconds left in the window (at least 1). */
  retryAfterSeconds?: number;
}

/** How a failNext rule answers: a service error, the sign-in page, a 200 that is not JSON, no answer, or a late one. */
export type FaultAnswer = "status" | "signInPage" | "notJson" | "reset" | "late";

export interface FailNextRule {
  /** HTTP status to answer with (answer "status"); 0 destroys the connection instead. */
  status: number;
  count: number;
  retryAfterSeconds?: number;
  /** A route key ("POST /_apis/hooks/subscriptions") or a route path without method; case-insensitive. */
  route?: string;
  /** Default "status". "late": the real answer, after delayMs. */
  answer?: FaultAnswer;
  /** For answer "late": how long to hold the answer back. */
  delayMs?: number;
  /** Carry the request out first (a create is committed), then answer with the fault. */
  afterCommit?: boolean;
}

export interface FaultOptions {
  /** Added to every response. */
  latencyMs?: number;
  /** +- uniform jitter on top of latencyMs. */
  jitterMs?: number;
  /** 0..1 chance of a 500 or 503 answer instead of handling the request. */
  errorRate?: number;
  rateLimit?: RateLimitOptions;
  /** 0..1 chance the socket is destroyed before any response. */
  resetRate?: number;
  /** 0..1 chance a subscription create is committed, then the socket destroyed without a response. */
  dropPostResponseRate?: number;
  /** Deterministic: the next `count` requests (matching `route`, if given) answer `status`. */
  failNext?: FailNextRule[];
  /** Lists and queries answer in time proportional to their size. */
  listDelay?: ListDelayOptions;
}

/** Switches between the real service's behaviour (the defaults) and the alternatives REAL-SERVICE.md leaves open. */
export interface BehaviourOptions {
  /**
   * A PUT carrying "********" for a confidential input: "keep" (default) keeps the stored secret while
   * the inputs it depends on are unchanged and answers 400 otherwise; "reject" always answers 400.
   */
  maskedEchoMode?: "keep" | "reject";
  /** A PUT with status enabled also ends probation. Default false: onProbation survives the PUT (R6). */
  putClearsProbation?: boolean;
  /** List and query also return subscriptions to event types the service never lists. Default false (R4). */
  listUnlistedEvents?: boolean;
}

export interface EmulatorOptions extends BehaviourOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: any free port. */
  port?: number;
  /** Default "fabrikam". */
  organization?: string;
  /** Generated projects (Project-001, …) besides WebSite, Mobile and Platform; for modelling large organizations. */
  extraProjects?: number;
  /** Default: one PAT user with token "emulator". */
  users?: EmulatorUser[];
  /**
   * "servicePrincipal": the main identity (the first user, with every user sharing its id; by default
   * DEFAULT_SERVICE_PRINCIPAL with token "emulator") is a service principal. Default "user".
   */
  identity?: "user" | "servicePrincipal";
  /** Tokens whose users are service principals. */
  servicePrincipalTokens?: readonly string[];
  /** Load state from this JSON file at start and save it after each mutation (temp file + rename). */
  statePath?: string;
  /** Seeds every random choice: faults and generated ids. */
  seed?: number;
  faults?: FaultOptions;
  /** Clock, for tests. */
  now?: () => Date;
  /** Receives one line per request (method, path without query, status, duration); never bodies or headers. */
  log?: (line: string) => void;
}

/**
 * A subscription as the service answers it. Unlike the client's LiveSubscription, `createdBy` is null
 * when a service principal created it, and `subscriber` is always present (usually null).
 */
export interface WireSubscription extends Omit<LiveSubscription, "createdBy" | "subscriber"> {
  createdBy: IdentityRef | null;
  subscriber: IdentityRef | null;
}

/** A subscription as the emulator keeps it: confidential inputs unmasked, the real creator, the host that owns it. */
export interface StoredSubscription extends LiveSubscription {
  host: HostKind;
  /** Set when the creator is a service principal (reads over HTTP show createdBy null). */
  createdByServicePrincipal?: boolean;
}

export type IdentityRefOrUser = EmulatorUser | IdentityRef;

export interface InsertOptions {
  /** An EmulatorUser marked servicePrincipal records a service principal creator. */
  createdBy?: EmulatorUser | IdentityRef;
  /** Records the creator as a service principal whatever createdBy says. */
  servicePrincipal?: boolean;
  host?: HostKind;
}

export interface EmulatorState {
  /** Seeded: WebSite, Mobile, Platform (fixed GUIDs). */
  projects(): TeamProjectReference[];
  /** Every subscription with real secret values (test use only). */
  subscriptions(): StoredSubscription[];
  get(id: string): StoredSubscription | undefined;
  /** Seeds a "hand-made" subscription without going through HTTP or validation; returns its masked wire form as GET shows it. */
  insert(body: SubscriptionBody, options?: InsertOptions): WireSubscription;
  /** Moves a subscription to any status, as the service does after delivery failures. */
  setStatus(id: string, status: SubscriptionStatus, options?: { probationRetries?: number }): void;
  remove(id: string): void;
}

export interface EmulatorHandle {
  /** Organization base URL, e.g. http://127.0.0.1:PORT/fabrikam */
  url: string;
  /** Release-management host base URL, e.g. http://127.0.0.1:PORT/vsrm/fabrikam */
  releaseUrl: string;
  /** The first user's token. */
  token: string;
  state: EmulatorState;
  /** Replaces the fault options (listDelay included). */
  setFaults(faults: FaultOptions): void;
  /** Changes the given behaviour options; the others keep their values. */
  setBehaviour(options: BehaviourOptions): void;
  /** Adds an identity (or, for a token already known, replaces it): e.g. a service principal's token. */
  addUser(user: EmulatorUser): void;
  /** Requests per route, e.g. {"GET /_apis/hooks/subscriptions": 3}. */
  counters(): Record<string, number>;
  resetCounters(): void;
  /** Resolves once no request is being handled (a late answer or a request whose client gave up included). */
  whenIdle(): Promise<void>;
  close(): Promise<void>;
}

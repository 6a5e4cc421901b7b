/** Everything one running emulator shares between its server, its routes and its `state` handle. */
import type { IdentityRef } from "../ado/types.js";
import { Authenticator } from "./auth.js";
import { FaultInjector } from "./faults.js";
import { DeliveryQueue } from "./notifications/deliver.js";
import { guidFromName, newGuid, SeededRandom } from "./random.js";
import { RateLimiter } from "./rate-limit.js";
import { RouteCounters } from "./router.js";
import { StateFile } from "./state/persistence.js";
import { organizationProjects, type SeededProject } from "./state/projects.js";
import { EmulatorStore } from "./state/store.js";
import type { WriteContext } from "./subscriptions/build.js";
import type { HostUrls } from "./subscriptions/view.js";
import type { BehaviourOptions, EmulatorOptions, EmulatorUser } from "./types.js";

export const DEFAULT_USER: EmulatorUser = {
  token: "emulator",
  kind: "pat",
  id: "6f1b8a3c-2d4e-4f5a-9b6c-7d8e9f0a1b2c",
  displayName: "Emulator User",
  uniqueName: "emulator.user@fabrikam.example",
};

/** The main identity of `startEmulator({ identity: "servicePrincipal" })`: an app registration, no user name. */
export const DEFAULT_SERVICE_PRINCIPAL: EmulatorUser = {
  token: "emulator",
  kind: "pat",
  id: "3c9e2f4a-8b1d-4e6f-a2c5-9d7b0e1f3a64",
  displayName: "hookops-ci (service principal)",
  uniqueName: "5e0f7a2b-9c3d-4b8e-8f1a-6d2c4e7b9a05",
  servicePrincipal: true,
};

function resolveUsers(options: EmulatorOptions): EmulatorUser[] {
  const mainIsServicePrincipal = options.identity === "servicePrincipal";
  const given = options.users && options.users.length > 0 ? options.users : [mainIsServicePrincipal ? DEFAULT_SERVICE_PRINCIPAL : DEFAULT_USER];
  const mainId = given[0]?.id;
  const servicePrincipalTokens = new Set(options.servicePrincipalTokens ?? []);
  return given.map((user) =>
    (mainIsServicePrincipal && user.id === mainId) || servicePrincipalTokens.has(user.token) ? { ...user, servicePrincipal: true } : user,
  );
}

export function identityOf(user: EmulatorUser | IdentityRef): IdentityRef {
  const identity: IdentityRef = { id: user.id };
  if (user.displayName !== undefined) identity.displayName = user.displayName;
  if (user.uniqueName !== undefined) identity.uniqueName = user.uniqueName;
  return identity;
}

/** Counts requests being handled, so tests can wait for late answers to land. */
export class InFlight {
  private count = 0;
  private waiters: (() => void)[] = [];

  enter(): void {
    this.count += 1;
  }

  leave(): void {
    this.count = Math.max(0, this.count - 1);
    if (this.count > 0) return;
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }

  whenIdle(): Promise<void> {
    if (this.count === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }
}

export class EmulatorRuntime {
  readonly organization: string;
  /** The organization's instance id (stable across processes): connectionData.instanceId and tfs `hostId`. */
  readonly hostId: string;
  readonly deploymentId: string;
  readonly users: EmulatorUser[];
  /** The seeded projects plus `extraProjects` generated ones. */
  readonly projects: SeededProject[];
  readonly authenticator: Authenticator;
  readonly behaviour: Required<BehaviourOptions>;
  readonly store: EmulatorStore;
  readonly faults: FaultInjector;
  readonly rateLimiter = new RateLimiter();
  readonly counters = new RouteCounters();
  readonly inFlight = new InFlight();
  readonly deliveries: DeliveryQueue;
  urls: HostUrls = { url: "", releaseUrl: "" };
  private readonly clock: () => Date;
  /** How far POST /_emulator/clock moved emulator time ahead of `clock`. */
  private clockOffsetMs = 0;
  private readonly idRandom: SeededRandom | undefined;
  private readonly logLine: ((line: string) => void) | undefined;

  constructor(options: EmulatorOptions) {
    this.organization = options.organization ?? "fabrikam";
    this.hostId = guidFromName(`hookops-emulator/organization/${this.organization.toLowerCase()}`);
    this.deploymentId = guidFromName(`hookops-emulator/deployment/${this.organization.toLowerCase()}`);
    this.users = resolveUsers(options);
    this.projects = organizationProjects(options.extraProjects);
    this.authenticator = new Authenticator(this.users);
    this.behaviour = {
      maskedEchoMode: options.maskedEchoMode ?? "keep",
      putClearsProbation: options.putClearsProbation ?? false,
      listUnlistedEvents: options.listUnlistedEvents ?? false,
    };
    this.clock = options.now ?? (() => new Date());
    this.logLine = options.log;
    const seed = options.seed ?? Math.floor(Math.random() * 2 ** 32);
    this.faults = new FaultInjector(new SeededRandom(seed), options.faults);
    // Ids get their own stream so that turning ids on or off never shifts the fault sequence.
    this.idRandom = options.seed === undefined ? undefined : new SeededRandom(options.seed ^ 0x5bd1e995);
    this.store = new EmulatorStore(this.organization, options.statePath ? new StateFile(options.statePath) : undefined);
    this.deliveries = new DeliveryQueue(this);
  }

  addUser(user: EmulatorUser): void {
    const index = this.users.findIndex((candidate) => candidate.kind === user.kind && candidate.token === user.token);
    if (index >= 0) this.users[index] = user;
    else this.users.push(user);
    this.authenticator.add(user);
  }

  setBehaviour(options: BehaviourOptions): void {
    if (options.maskedEchoMode !== undefined) this.behaviour.maskedEchoMode = options.maskedEchoMode;
    if (options.putClearsProbation !== undefined) this.behaviour.putClearsProbation = options.putClearsProbation;
    if (options.listUnlistedEvents !== undefined) this.behaviour.listUnlistedEvents = options.listUnlistedEvents;
  }

  now(): Date {
    return new Date(this.clock().getTime() + this.clockOffsetMs);
  }

  /** Moves emulator time forward (never back); the probation schedule runs on this time. */
  advanceClock(ms: number): void {
    if (Number.isFinite(ms) && ms > 0) this.clockOffsetMs += ms;
  }

  get clockOffset(): number {
    return this.clockOffsetMs;
  }

  /** A fresh GUID; with a seed, the same sequence every run (skipping ids a state file already holds). */
  newId(): string {
    for (;;) {
      const id = newGuid(this.idRandom);
      if (!this.store.hasSubscription(id)) return id;
    }
  }

  writeContext(identity: IdentityRef, servicePrincipal = false): WriteContext {
    return { now: this.now(), identity, servicePrincipal, newId: () => this.newId() };
  }

  log(line: string): void {
    this.logLine?.(line);
  }
}

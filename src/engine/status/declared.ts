import { prepareChanges, type SecretRedactor } from "../../apply/index.js";
import type { SubscriptionBody } from "../../ado/index.js";
import { resolveValue } from "../../config/index.js";
import type { DeclarationMatch, Plan, PlannedChange } from "../../reconcile/index.js";
import { computePlan, type PlanOptions, type ReadRun } from "../plan.js";

/** The plan of a read run, and how it matched each declaration: status and test use the planner's match, never one of their own. */
export interface MatchedRun {
  plan: Plan;
  /** By declaration name. */
  matches: Map<string, DeclarationMatch>;
}

export function matchDeclarations(read: ReadRun, options: Pick<PlanOptions, "env">): MatchedRun {
  let matches: DeclarationMatch[] = [];
  const plan = computePlan(read.load, read.live, read.connection.organization, {
    env: options.env,
    onMatch: (found) => {
      matches = found;
    },
  });
  return { plan, matches: new Map(matches.map((match) => [match.name, match])) };
}

export interface FilledBodies {
  /** By declaration name: the body apply would send, secrets included. Held in memory only. */
  bodies: Map<string, SubscriptionBody>;
  /** One line per reference that cannot be resolved, never a value. */
  problems: string[];
  /** Masks every resolved value in a text. */
  redactor: SecretRedactor;
}

/** The bodies of these declarations with their secrets resolved exactly as apply resolves them (src/apply/secrets.ts). */
export function fillBodies(matches: readonly DeclarationMatch[], read: ReadRun, env: NodeJS.ProcessEnv): FilledBodies {
  const changes = matches.map(
    (match): PlannedChange => ({
      action: "create",
      name: match.name,
      project: match.project.name,
      projectId: match.project.id,
      host: match.host,
      publisherId: match.body.publisherId,
      eventType: match.body.eventType,
      consumerId: match.body.consumerId,
      consumerActionId: match.body.consumerActionId,
      reasons: [],
      fields: [],
      body: match.body,
      secretInputs: match.secretInputs,
    }),
  );
  const root = read.load.config.root;
  const preparation = prepareChanges(changes, read.load.subscriptions, (value) => resolveValue(value, { root, env }));
  const bodies = new Map<string, SubscriptionBody>();
  for (const [change, body] of preparation.bodies) bodies.set(change.name, body);
  return { bodies, problems: preparation.problems, redactor: preparation.redactor };
}

import { MASKED_VALUE, type SubscriptionBody } from "../ado/types.js";
import type { DesiredSubscription } from "../config/types.js";
import type { PlannedChange } from "../reconcile/index.js";
import { hasReference } from "../reconcile/index.js";
import type { ResolveReference } from "./types.js";

/**
 * Replaces every secret value in a text with the mask. Error messages pass through it before they
 * are shown: a service may echo part of a request back.
 */
export class SecretRedactor {
  private readonly secrets = new Set<string>();

  add(value: string): void {
    if (value !== "" && value !== MASKED_VALUE) this.secrets.add(value);
  }

  redact(text: string): string {
    let result = text;
    // Longest first, so a secret containing another is masked whole.
    for (const secret of [...this.secrets].sort((a, b) => b.length - a.length)) result = result.split(secret).join(MASKED_VALUE);
    return result;
  }
}

/** The bodies to send, with secrets filled in, and what could not be filled. */
export interface Preparation {
  /** Full bodies for creates, updates, replaces and repairs. Held in memory only. */
  bodies: Map<PlannedChange, SubscriptionBody>;
  /** One line per reference that cannot be resolved, naming the change, the input and the reference; never a value. */
  problems: string[];
  redactor: SecretRedactor;
}

function describeFailure(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Fills the inputs a planned body leaves out (confidential inputs, references) from the desired
 * subscription of the same name, and resolves references left in publisher inputs. Nothing is
 * sent here: a problem with any change is known before the first request.
 */
export function prepareChanges(changes: readonly PlannedChange[], desired: readonly DesiredSubscription[], resolve: ResolveReference): Preparation {
  const byName = new Map(desired.map((subscription) => [subscription.name, subscription]));
  const bodies = new Map<PlannedChange, SubscriptionBody>();
  const problems: string[] = [];
  const redactor = new SecretRedactor();

  const fill = (change: PlannedChange, field: string, raw: string): string | undefined => {
    let resolved: { value?: string; missing: string[] };
    try {
      resolved = resolve(raw);
    } catch (error) {
      problems.push(`"${change.name}": ${field}: ${describeFailure(error)}`);
      return undefined;
    }
    for (const missing of resolved.missing) problems.push(`"${change.name}": ${field} needs ${missing}, which is not available`);
    if (resolved.value === undefined) return undefined;
    if (resolved.value === MASKED_VALUE) {
      problems.push(`"${change.name}": ${field} resolves to the mask "${MASKED_VALUE}", not to a real value`);
      return undefined;
    }
    redactor.add(resolved.value);
    return resolved.value;
  };

  for (const change of changes) {
    if (change.body === undefined) continue;
    const body: SubscriptionBody = {
      ...change.body,
      publisherInputs: { ...change.body.publisherInputs },
      consumerInputs: { ...change.body.consumerInputs },
    };
    for (const [inputId, value] of Object.entries(body.publisherInputs)) {
      if (!hasReference(value)) continue;
      const filled = fill(change, `publisherInputs.${inputId}`, value);
      if (filled !== undefined) body.publisherInputs[inputId] = filled;
    }
    const secretInputs = change.secretInputs ?? [];
    const source = byName.get(change.name);
    if (secretInputs.length > 0 && source === undefined) {
      problems.push(`"${change.name}": not in the configuration any more, so its secret inputs (${secretInputs.join(", ")}) cannot be filled`);
      continue;
    }
    for (const inputId of secretInputs) {
      const raw = source?.consumerInputs[inputId];
      if (raw === undefined) {
        problems.push(`"${change.name}": consumerInputs.${inputId} is no longer in the configuration`);
        continue;
      }
      const filled = fill(change, `consumerInputs.${inputId}`, raw);
      // The service refuses a blank consumer input (R5); an empty secret is a setup mistake, not "no password".
      if (filled !== undefined && filled.trim() === "")
        problems.push(`"${change.name}": consumerInputs.${inputId} resolves to an empty value, which the service refuses; set it, or remove the input`);
      else if (filled !== undefined) body.consumerInputs[inputId] = filled;
    }
    bodies.set(change, body);
  }
  return { bodies, problems, redactor };
}

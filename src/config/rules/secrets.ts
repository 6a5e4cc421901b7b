import { isCredentialHeaderName, isUrlSecretByNature } from "../../catalog/sensitive.js";
import { checkFilePath, describeReference, envValue, findReferences, isReference, referenceProblems } from "../interpolate.js";
import { report, type EntryFacts, type RuleContext } from "./context.js";
import { actionSpecs } from "./specs.js";

/** Input ids that look like secrets when the catalog cannot say (unknown consumer, action or input). */
const SECRET_LOOKING = /(password|secret|token|apikey|accountkey|connectionstring)$/i;

function suggestedVariable(inputId: string): string {
  return inputId.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase();
}

/** An example of the header written with a reference: "Authorization: Bearer ${env:HOOK_TOKEN}", "Cookie: ${env:HOOK_COOKIE}". */
function headerExample(name: string): string {
  return /^(proxy-)?authorization$/i.test(name)
    ? `${name}: Bearer \${env:HOOK_TOKEN}`
    : `${name}: \${env:HOOK_${name.replace(/[^A-Za-z0-9]+/g, "_").toUpperCase()}}`;
}

/** Confidential inputs are references; no password in a URL or a credential header written as a literal. */
export function checkSecrets({ entry, consumer, action, inputs }: EntryFacts, context: RuleContext): void {
  const specs = consumer && action ? actionSpecs(consumer, action) : undefined;
  const confidential: ReadonlySet<string> = specs?.confidential ?? new Set<string>();
  const knownIds: ReadonlyMap<string, unknown> = specs?.byId ?? new Map<string, unknown>();
  const consumerId = entry.fields.consumerId ?? "";
  /** Webhook URLs already reported: a password in one needs no second finding. */
  const reported = new Set<string>();
  for (const [key, value] of Object.entries(inputs)) {
    if (value.trim() === "" || isReference(value)) continue;
    if (confidential.has(key)) {
      report(
        context,
        entry,
        "error",
        "secret-literal",
        `consumer input "${key}" is confidential and must not be written in the repo; use a reference such as \${env:${suggestedVariable(key)}} or \${file:path}`,
        ["consumerInputs", key],
      );
    } else if (findReferences(value).length === 0 && isUrlSecretByNature(consumerId, key, value)) {
      reported.add(key);
      report(
        context,
        entry,
        "error",
        "secret-literal",
        `consumer input "${key}" is an incoming-webhook URL, which carries its secret in its path: anyone who reads it can post as this hook; use a reference such as \${env:${suggestedVariable(consumerId)}_${suggestedVariable(key)}}`,
        ["consumerInputs", key],
      );
    } else if (!knownIds.has(key) && SECRET_LOOKING.test(key)) {
      report(
        context,
        entry,
        "warning",
        "secret-literal",
        `consumer input "${key}" looks like a secret; use a reference such as \${env:${suggestedVariable(key)}} instead of a literal`,
        ["consumerInputs", key],
      );
    }
  }
  for (const [key, value] of Object.entries(inputs)) {
    if (reported.has(key) || findReferences(value).length > 0 || !/^https?:\/\//i.test(value)) continue;
    try {
      if (new URL(value).password !== "") {
        report(
          context,
          entry,
          "error",
          "secret-literal",
          `consumer input "${key}" carries a password in the URL; use basic authentication inputs with a reference instead`,
          ["consumerInputs", key],
        );
      }
    } catch {
      // valueProblem reports unparsable URLs.
    }
  }
  const headers = inputs.httpHeaders;
  if (headers !== undefined) {
    for (const line of headers.split(/\r?\n/)) {
      const colon = line.indexOf(":");
      if (colon < 0) continue;
      const name = line.slice(0, colon).trim();
      const headerValue = line.slice(colon + 1).trim();
      if (isCredentialHeaderName(name) && headerValue !== "" && findReferences(headerValue).length === 0) {
        report(
          context,
          entry,
          "error",
          "secret-literal",
          `httpHeaders sets "${name}" to a literal value; write the credential as a reference, e.g. "${headerExample(name)}"`,
          ["consumerInputs", "httpHeaders"],
        );
      }
    }
  }
}

/** URL inputs use https unless the subscription sets allowInsecureUrl: true. */
export function checkUrls({ entry, consumer, action, inputs }: EntryFacts, context: RuleContext): void {
  if (!consumer || !action || entry.fields.allowInsecureUrl === true) return;
  for (const spec of actionSpecs(consumer, action).list) {
    const value = inputs[spec.id];
    if (spec.dataType !== "uri" || value === undefined || !/^http:\/\//i.test(value)) continue;
    report(
      context,
      entry,
      "error",
      "insecure-url",
      `consumer input "${spec.id}" uses http://, so events (and any credentials) travel unencrypted; use https:// or set "allowInsecureUrl: true" on this subscription`,
      ["consumerInputs", spec.id],
    );
  }
}

/** `${…}` syntax, `${file:}` paths inside the root, and whether each referenced value is available now. */
export function checkReferences({ entry, filters, inputs }: EntryFacts, context: RuleContext): void {
  const maps = [
    ["publisherInputs", filters],
    ["consumerInputs", inputs],
  ] as const;
  for (const [mapKey, inputs] of maps) {
    for (const [key, value] of Object.entries(inputs)) {
      for (const problem of referenceProblems(value)) {
        report(context, entry, "error", "invalid-reference", `${mapKey}.${key}: ${problem.message}`, [mapKey, key]);
      }
      for (const reference of findReferences(value)) {
        if (reference.kind === "file") {
          const check = checkFilePath(reference.target, context.root);
          if (!check.ok) {
            report(context, entry, "error", "reference-outside-root", `${mapKey}.${key}: \${file:} path ${check.reason}`, [mapKey, key]);
            continue;
          }
          if (check.exists) continue;
        } else {
          const variable = envValue(context.env, reference.target);
          if (variable !== undefined && variable !== "") continue;
        }
        const what = describeReference(reference);
        const state = reference.kind === "env" ? "is not set" : "does not exist";
        const severity = context.references === "require" ? "error" : "warning";
        const tail = severity === "warning" ? "; it is needed when the subscription is applied" : "";
        report(context, entry, severity, "unset-reference", `${mapKey}.${key}: ${what} ${state}${tail}`, [mapKey, key]);
      }
    }
  }
}

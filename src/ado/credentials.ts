import { CredentialError } from "./errors.js";

export type CredentialKind = "pat" | "bearer" | "workloadIdentity" | "entra";

/**
 * Something that can authorize requests to Azure DevOps. The secret stays inside a closure:
 * JSON.stringify and util.inspect of a credential show only its kind and description.
 */
export interface AdoCredential {
  readonly kind: CredentialKind;
  /** Where the credential came from, safe to print: "personal access token from AZURE_DEVOPS_TOKEN". */
  readonly description: string;
  /** The Authorization header value (may fetch or refresh a token). */
  authorization(): Promise<string>;
}

/** A personal access token, sent as Basic auth with an empty user name. */
export function patCredential(token: string, description = "personal access token"): AdoCredential {
  const header = `Basic ${Buffer.from(`:${checkedToken(token, description)}`).toString("base64")}`;
  return makeCredential("pat", description, async () => header);
}

/** An OAuth / Entra ID / Azure Pipelines job token, sent as a Bearer token. */
export function bearerCredential(token: string, description = "bearer token"): AdoCredential {
  const header = `Bearer ${checkedToken(token, description)}`;
  return makeCredential("bearer", description, async () => header);
}

export function makeCredential(kind: CredentialKind, description: string, authorization: () => Promise<string>): AdoCredential {
  return Object.freeze({
    kind,
    description,
    authorization,
    toJSON: () => ({ kind, description }),
  });
}

function checkedToken(token: string, description: string): string {
  const trimmed = token.trim();
  if (trimmed === "") throw new CredentialError(`The ${description} is empty.`);
  if (/[\r\n]/.test(trimmed)) throw new CredentialError(`The ${description} contains a line break; copy it again.`);
  return trimmed;
}

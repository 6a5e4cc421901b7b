/** Request bodies of the control routes that change identities and behaviour options. */
import { errors } from "../errors.js";
import { guidFromName } from "../random.js";
import { isObject } from "../subscriptions/validate.js";
import type { BehaviourOptions, EmulatorUser } from "../types.js";

function optionalString(value: unknown, name: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string" || value.trim() === "") throw errors.argument(`${name} must be a non-empty string.`);
  return value;
}

function optionalBoolean(value: unknown, name: string): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "boolean") throw errors.argument(`${name} must be true or false.`);
  return value;
}

/**
 * `{token, kind?, servicePrincipal?, id?, displayName?, uniqueName?}`. A known token keeps its identity
 * and takes the given changes (e.g. becomes a service principal); a new one gets a fresh identity,
 * accepted as PAT and as bearer unless `kind` says which.
 */
export function parseIdentity(body: unknown, users: readonly EmulatorUser[]): EmulatorUser[] {
  if (!isObject(body)) throw errors.nullBody("identity");
  const token = optionalString(body.token, "token");
  if (token === undefined) throw errors.argument("token is required.");
  const kind = body.kind === undefined || body.kind === null ? undefined : body.kind;
  if (kind !== undefined && kind !== "pat" && kind !== "bearer") throw errors.argument("kind must be pat or bearer.");
  const servicePrincipal = optionalBoolean(body.servicePrincipal, "servicePrincipal");
  const changes: Partial<EmulatorUser> = {};
  const id = optionalString(body.id, "id");
  const displayName = optionalString(body.displayName, "displayName");
  const uniqueName = optionalString(body.uniqueName, "uniqueName");
  if (id !== undefined) changes.id = id;
  if (displayName !== undefined) changes.displayName = displayName;
  if (uniqueName !== undefined) changes.uniqueName = uniqueName;
  if (servicePrincipal !== undefined) changes.servicePrincipal = servicePrincipal;

  const known = users.filter((user) => user.token === token && (kind === undefined || user.kind === kind));
  if (known.length > 0) return known.map((user) => ({ ...user, ...changes }));
  const fresh: EmulatorUser = {
    token,
    kind: "pat",
    id: guidFromName(`hookops-emulator/identity/${token}`),
    displayName: servicePrincipal ? "Emulator service principal" : "Emulator identity",
    uniqueName: servicePrincipal ? guidFromName(`hookops-emulator/application/${token}`) : "identity@fabrikam.example",
    ...changes,
  };
  return kind === undefined ? [fresh, { ...fresh, kind: "bearer" }] : [{ ...fresh, kind }];
}

export function parseBehaviour(body: unknown): BehaviourOptions {
  if (!isObject(body)) throw errors.nullBody("behaviour");
  const options: BehaviourOptions = {};
  const mode = body.maskedEchoMode;
  if (mode !== undefined && mode !== null) {
    if (mode !== "keep" && mode !== "reject") throw errors.argument("maskedEchoMode must be keep or reject.");
    options.maskedEchoMode = mode;
  }
  const putClearsProbation = optionalBoolean(body.putClearsProbation, "putClearsProbation");
  const listUnlistedEvents = optionalBoolean(body.listUnlistedEvents, "listUnlistedEvents");
  if (putClearsProbation !== undefined) options.putClearsProbation = putClearsProbation;
  if (listUnlistedEvents !== undefined) options.listUnlistedEvents = listUnlistedEvents;
  return options;
}

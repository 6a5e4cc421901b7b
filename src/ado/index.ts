export { AdoClient } from "./client.js";
export type { ListingFailure, ListingRecord } from "./list-all.js";
export { hostOf } from "./release-host.js";
export { resolveOrganization } from "./organization.js";
export { patCredential, type AdoCredential } from "./credentials.js";
export { credentialFromEnvironment, resolveCredentialFromEnvironment } from "./credential-from-environment.js";
export {
  AdoAuthError,
  CredentialError,
  OutcomeUnknownError,
} from "./errors.js";
export { PERMISSION_HINT } from "./failures.js";
export type { TransportOptions } from "./transport.js";
export * from "./types.js";

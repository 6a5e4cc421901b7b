export { AdoClient, type AdoClientOptions, type HostOption, type ListOptions, type NotificationListOptions, type ProjectListOptions } from "./client.js";
export type { AllSubscriptions, ListingFailure, ListingRecord, ListingScope } from "./list-all.js";
export { hostOf, discoverReleaseUrl } from "./release-host.js";
export { resolveOrganization, RELEASE_AREA_ID, type ResolvedOrganization } from "./organization.js";
export { bearerCredential, patCredential, makeCredential, type AdoCredential, type CredentialKind } from "./credentials.js";
export { credentialFromEnvironment, requireCredentialFromEnvironment, type EnvironmentCredentialOptions } from "./credential-from-environment.js";
export {
  AZURE_DEVOPS_SCOPE,
  DEFAULT_AUTHORITY_HOST,
  federatedTokenFileSource,
  githubOidcTokenSource,
  workloadIdentityCredential,
  type FederatedTokenSource,
  type WorkloadIdentityOptions,
} from "./workload-identity.js";
export {
  AdoAuthError,
  AdoRequestError,
  ApiVersionOutOfRangeError,
  CredentialError,
  InvalidOrganizationError,
  OutcomeUnknownError,
  REDACTED,
  ThrottledError,
  type RequestSummary,
  type ResponseSummary,
} from "./errors.js";
export { PERMISSION_HINT } from "./failures.js";
export { AdoTransport, type RateLimitEvent, type TransportOptions, type TransportRequest, type TransportResponse } from "./transport.js";
export { DEFAULT_RETRY, type RetryOptions } from "./backoff.js";
export { checkApiVersion, DEFAULT_API_VERSION, InvalidApiVersionError, isApiVersion, UnexpectedResponseError } from "./routes.js";
export * from "./types.js";

import type { ServiceErrorBody } from "../ado/types.js";

const HOOKS_ASSEMBLY = "Microsoft.VisualStudio.Services.ServiceHooks.WebApi";
const WEBAPI_ASSEMBLY = "Microsoft.VisualStudio.Services.WebApi";
const FRAMEWORK_ASSEMBLY = "Microsoft.TeamFoundation.Framework.Server";
const COMMON_ASSEMBLY = "Microsoft.VisualStudio.Services.Common";

const GENERAL_EVENT_ID = 3000;
/** The event id the service hooks server logs (and answers) its own exceptions with. */
export const SERVICE_HOOKS_EVENT_ID = 4501;

/** An answer in the service's error envelope; thrown by handlers and turned into a response by the server. */
export class ServiceError extends Error {
  constructor(
    readonly status: number,
    readonly typeKey: string,
    readonly typeName: string,
    message: string,
    readonly headers: Record<string, string> = {},
    readonly eventId = GENERAL_EVENT_ID,
  ) {
    super(message);
    this.name = "ServiceError";
  }

  body(): ServiceErrorBody {
    return {
      $id: "1",
      innerException: null,
      message: this.message,
      typeName: this.typeName,
      typeKey: this.typeKey,
      errorCode: 0,
      eventId: this.eventId,
    };
  }
}

function inAssembly(namespace: string, assembly: string, typeKey: string): string {
  return `${namespace}.${typeKey}, ${assembly}`;
}

function hooksError(status: number, typeKey: string, message: string): ServiceError {
  return new ServiceError(status, typeKey, inAssembly(HOOKS_ASSEMBLY, HOOKS_ASSEMBLY, typeKey), message, {}, SERVICE_HOOKS_EVENT_ID);
}

function commonError(status: number, typeKey: string, message: string, headers: Record<string, string> = {}): ServiceError {
  return new ServiceError(status, typeKey, inAssembly(COMMON_ASSEMBLY, COMMON_ASSEMBLY, typeKey), message, headers);
}

function versionError(typeKey: string, message: string): ServiceError {
  return new ServiceError(400, typeKey, inAssembly(WEBAPI_ASSEMBLY, WEBAPI_ASSEMBLY, typeKey), message);
}

export const errors = {
  publisherNotFound: (id: string) => hooksError(404, "PublisherNotFoundException", `No publisher could be found with id "${id}".`),
  /** The metadata route for one event type; a subscription naming an unknown event type gets `invalidEventType`. */
  eventTypeNotFound: (eventType: string, publisherId: string) =>
    hooksError(404, "PublisherEventTypeNotFoundException", `No publisher event type could be found with id "${eventType}" for publisher "${publisherId}".`),
  invalidEventType: (eventType: string, publisherId: string) =>
    hooksError(400, "PublisherEventTypeNotFoundException", `"${eventType}" is not a valid event type for publisher "${publisherId}"`),
  consumerNotFound: (id: string) => hooksError(404, "ConsumerNotFoundException", `No consumer could be found with id "${id}".`),
  actionNotFound: (actionId: string, consumerId: string) =>
    hooksError(404, "ConsumerActionNotFoundException", `No consumer action could be found with id "${actionId}" for consumer "${consumerId}".`),
  subscriptionNotFound: (id: string) => hooksError(404, "SubscriptionNotFoundException", `No subscription could be found with id ${id}.`),
  notificationNotFound: (id: string) => hooksError(404, "NotificationNotFoundException", `Could not find notification with id "${id}".`),
  subscriptionInput: (message: string) => hooksError(400, "SubscriptionInputException", message),
  serviceHook: (message: string) => hooksError(400, "ServiceHookException", message),
  noRegisteredHandler: (eventType: string) =>
    hooksError(400, "ServiceHookException", `There is no registered handler for the service hooks event type ${eventType}.`),
  resourceVersionNotAllowed: (version: string) => hooksError(400, "ServiceHookException", `Resource version '${version}' cannot be set for this action.`),
  resourceVersionNotSupported: (version: string, eventType: string, supported: readonly string[]) =>
    hooksError(
      400,
      "ServiceHookException",
      `Resource version '${version}' is not supported for event type '${eventType}'. Supported versions: ${[...supported, "latest"].join(", ")}.`,
    ),

  nullBody: (parameter: string) =>
    new ServiceError(400, "ArgumentNullException", "System.ArgumentNullException, mscorlib", `Value cannot be null.\r\nParameter name: ${parameter}`),
  argument: (message: string) => new ServiceError(400, "ArgumentException", "System.ArgumentException, mscorlib", message),

  projectNotFound: (idOrName: string, status: number) =>
    new ServiceError(
      status,
      "ProjectDoesNotExistException",
      "Microsoft.TeamFoundation.Core.WebApi.ProjectDoesNotExistException, Microsoft.TeamFoundation.Core.WebApi",
      `TF200016: The following project does not exist: ${idOrName}. Check the project name and that the project exists in this organization.`,
    ),

  anonymous: () =>
    new ServiceError(
      401,
      "UnauthorizedRequestException",
      inAssembly(FRAMEWORK_ASSEMBLY, FRAMEWORK_ASSEMBLY, "UnauthorizedRequestException"),
      "TF400813: Resource not available for anonymous access. Client authentication required.",
    ),

  versionNotSpecified: (method: string) =>
    versionError(
      "VssVersionNotSpecifiedException",
      `No api-version was supplied for the "${method}" request. Supply it in the Accept header (application/json;api-version=7.1) or as a query parameter (?api-version=7.1).`,
    ),
  invalidVersion: (text: string) =>
    versionError("VssInvalidApiResourceVersionException", `The resource version "${text}" is not valid. Use the form 7.1, 7.1-preview or 7.1-preview.1.`),
  versionOutOfRange: (requested: string, max: string) =>
    versionError(
      "VssVersionOutOfRangeException",
      `The requested REST API version of ${requested} is out of range for this server. The latest REST API version this server supports is ${max}.`,
    ),
  versionNotSupported: (requested: string, min: string) =>
    versionError(
      "VssVersionNotSupportedException",
      `The requested REST API version of ${requested} is below the minimum version ${min} this resource supports.`,
    ),
  previewRequired: (requested: string) =>
    versionError(
      "VssInvalidPreviewVersionException",
      `The requested version "${requested}" of the resource is under preview. The -preview flag must be supplied in the api-version for such requests. For example: "${requested}-preview"`,
    ),

  routeNotFound: (path: string) =>
    new ServiceError(
      404,
      "VssResourceNotFoundException",
      inAssembly(WEBAPI_ASSEMBLY, WEBAPI_ASSEMBLY, "VssResourceNotFoundException"),
      `No API resource is registered at ${path}.`,
    ),
  methodNotAllowed: (method: string) =>
    new ServiceError(
      405,
      "HttpMethodNotAllowedException",
      "System.Web.Http.HttpMethodNotAllowedException, System.Web.Http",
      `The requested resource does not support http method '${method}'.`,
    ),
  bodyTooLarge: () => errors.argument("The request body is larger than the 4 MB this emulator accepts."),

  internal: (activityId: string) => commonError(500, "VssServiceException", `TF400898: An Internal Error Occurred. Activity Id: ${activityId}.`),
  unavailable: () => commonError(503, "VssServiceUnavailableException", "The service is temporarily unavailable. Try again later."),
  throttled: (retryAfterSeconds: number) =>
    new ServiceError(
      429,
      "RequestBlockedException",
      inAssembly(FRAMEWORK_ASSEMBLY, FRAMEWORK_ASSEMBLY, "RequestBlockedException"),
      "Request was blocked due to exceeding usage of resource 'ServiceHooks' in namespace 'User'.",
      { "Retry-After": String(retryAfterSeconds) },
    ),
  /** Any other status a test asks for through failNext. */
  injected: (status: number, retryAfterSeconds?: number) =>
    commonError(
      status,
      "VssServiceException",
      `The emulator was told to answer ${status} to this request.`,
      retryAfterSeconds === undefined ? {} : { "Retry-After": String(retryAfterSeconds) },
    ),
};

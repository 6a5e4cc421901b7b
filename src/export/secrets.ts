import { MASKED_VALUE } from "../ado/types.js";
import { isCredentialHeaderName } from "../catalog/sensitive.js";
import { variableName } from "./naming.js";

/** A value as written into the file, and the environment variables its placeholders need. */
export interface ExportedValue {
  value: string;
  variables: string[];
}

/** Query parameters that usually carry a credential, e.g. Azure Functions' `?code=`. */
const SECRET_QUERY_PARAMETER = /^(code|sig|signature|auth|pwd)$|token|secret|passw|key/i;

export function placeholder(variable: string): string {
  return `\${env:${variable}}`;
}

/** A literal `${` would read back as a reference; `$${` is how the format writes it. */
export function escapeLiteral(value: string): string {
  // A function replacer: in a replacement string "$$" would collapse to "$".
  return value.replaceAll("${", () => "$${");
}

/** The whole value becomes one placeholder (confidential, masked and secret-by-nature inputs). */
export function secretValue(subscriptionName: string, inputId: string): ExportedValue {
  const variable = variableName(subscriptionName, inputId);
  return { value: placeholder(variable), variables: [variable] };
}

/** `Name: value` lines: a credential header keeps its name and gets a placeholder for its value. */
export function exportHeaders(subscriptionName: string, inputId: string, headers: string): ExportedValue {
  const variables: string[] = [];
  const lines = headers.split(/\r?\n/).map((line) => {
    const colon = line.indexOf(":");
    if (colon < 0) return escapeLiteral(line);
    const name = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    if (value === "" || (!isCredentialHeaderName(name) && !value.includes(MASKED_VALUE))) return escapeLiteral(line);
    let variable = variableName(subscriptionName, inputId, name);
    for (let suffix = 2; variables.includes(variable); suffix += 1) variable = variableName(subscriptionName, inputId, name, String(suffix));
    variables.push(variable);
    return `${escapeLiteral(name)}: ${placeholder(variable)}`;
  });
  return { value: lines.join("\n"), variables };
}

interface UrlParts {
  /** Everything up to and including "://". */
  scheme: string;
  userInfo?: string;
  /** Host, port, path, query and fragment. */
  rest: string;
}

function splitUrl(value: string): UrlParts | undefined {
  const match = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)(.*)$/is.exec(value);
  if (!match) return undefined;
  const [, scheme = "", authority = "", tail = ""] = match;
  const at = authority.lastIndexOf("@");
  if (at < 0) return { scheme, rest: authority + tail };
  return { scheme, userInfo: authority.slice(0, at), rest: authority.slice(at + 1) + tail };
}

/**
 * A URL keeps everything but its credentials: a password in the user info and the values of
 * credential-like query parameters become placeholders, so a webhook key never lands in Git.
 */
export function exportUrl(subscriptionName: string, inputId: string, url: string): ExportedValue {
  const parts = splitUrl(url);
  if (!parts) return { value: escapeLiteral(url), variables: [] };
  const variables: string[] = [];
  let userInfo = "";
  if (parts.userInfo !== undefined) {
    const colon = parts.userInfo.indexOf(":");
    if (colon < 0) userInfo = `${escapeLiteral(parts.userInfo)}@`;
    else {
      const variable = variableName(subscriptionName, inputId, "password");
      variables.push(variable);
      userInfo = `${escapeLiteral(parts.userInfo.slice(0, colon))}:${placeholder(variable)}@`;
    }
  }
  const hashAt = parts.rest.indexOf("#");
  const withoutHash = hashAt < 0 ? parts.rest : parts.rest.slice(0, hashAt);
  const hash = hashAt < 0 ? "" : parts.rest.slice(hashAt);
  const queryAt = withoutHash.indexOf("?");
  if (queryAt < 0) return { value: escapeLiteral(parts.scheme) + userInfo + escapeLiteral(parts.rest), variables };
  const query = withoutHash
    .slice(queryAt + 1)
    .split("&")
    .map((parameter) => {
      const equals = parameter.indexOf("=");
      const name = equals < 0 ? parameter : parameter.slice(0, equals);
      const value = equals < 0 ? "" : parameter.slice(equals + 1);
      if (value === "" || !SECRET_QUERY_PARAMETER.test(decodeName(name))) return escapeLiteral(parameter);
      let variable = variableName(subscriptionName, inputId, decodeName(name));
      for (let suffix = 2; variables.includes(variable); suffix += 1) variable = variableName(subscriptionName, inputId, decodeName(name), String(suffix));
      variables.push(variable);
      return `${escapeLiteral(name)}=${placeholder(variable)}`;
    })
    .join("&");
  return { value: `${escapeLiteral(parts.scheme)}${userInfo}${escapeLiteral(withoutHash.slice(0, queryAt))}?${query}${escapeLiteral(hash)}`, variables };
}

function decodeName(name: string): string {
  try {
    return decodeURIComponent(name.replace(/\+/g, " "));
  } catch {
    return name;
  }
}

import { createHash } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { errors, type ServiceError } from "./errors.js";
import type { EmulatorUser } from "./types.js";

export type AuthOutcome =
  | { kind: "user"; user: EmulatorUser }
  | { kind: "error"; error: ServiceError }
  /** A bad PAT on a browser-style request: the service answers 203 with its sign-in page. */
  | { kind: "signInPage" };

function fingerprint(kind: EmulatorUser["kind"], token: string): string {
  return createHash("sha256").update(`${kind}\0${token}`).digest("base64");
}

/** Resolves Authorization headers to configured users; tokens are only kept as hashes. */
export class Authenticator {
  private readonly usersByFingerprint = new Map<string, EmulatorUser>();

  constructor(users: readonly EmulatorUser[]) {
    for (const user of users) this.add(user);
  }

  /** Adds a user; a user with the same kind and token is replaced. */
  add(user: EmulatorUser): void {
    this.usersByFingerprint.set(fingerprint(user.kind, user.token), user);
  }

  /** The user a token and kind belong to. */
  find(kind: EmulatorUser["kind"], token: string): EmulatorUser | undefined {
    return this.usersByFingerprint.get(fingerprint(kind, token));
  }

  authenticate(headers: IncomingHttpHeaders, options: { allowSignInPage: boolean }): AuthOutcome {
    const header = headers.authorization;
    if (!header) return { kind: "error", error: errors.anonymous() };
    const space = header.indexOf(" ");
    const scheme = (space < 0 ? header : header.slice(0, space)).toLowerCase();
    const credential = space < 0 ? "" : header.slice(space + 1).trim();

    if (scheme === "basic") {
      const decoded = Buffer.from(credential, "base64").toString("utf8");
      const colon = decoded.indexOf(":");
      const password = colon < 0 ? decoded : decoded.slice(colon + 1);
      const user = this.usersByFingerprint.get(fingerprint("pat", password));
      if (user) return { kind: "user", user };
      const suppressed = String(headers["x-tfs-fedauthredirect"] ?? "").toLowerCase() === "suppress";
      return options.allowSignInPage && !suppressed ? { kind: "signInPage" } : { kind: "error", error: errors.anonymous() };
    }
    if (scheme === "bearer") {
      const user = this.usersByFingerprint.get(fingerprint("bearer", credential));
      if (user) return { kind: "user", user };
    }
    return { kind: "error", error: errors.anonymous() };
  }
}

export function authenticateHeaders(organizationUrl: string): Record<string, string> {
  return { "WWW-Authenticate": `Bearer authorization_uri=${organizationUrl}, Basic realm="${organizationUrl}"` };
}

export const SIGN_IN_PAGE = `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Azure DevOps Services | Sign In</title></head>
<body>
<h1>Sign in</h1>
<p>This emulated organization did not accept the credentials sent with the request.</p>
<form method="post" action="/_signin"><button type="submit">Sign in</button></form>
</body>
</html>
`;

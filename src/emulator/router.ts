import type { RouteDefinition } from "./routes/context.js";

export type RouteMatch =
  | { kind: "match"; route: RouteDefinition; params: Record<string, string> }
  | { kind: "wrongMethod"; pattern: string }
  | { kind: "none" };

interface CompiledRoute {
  route: RouteDefinition;
  regex: RegExp;
  names: string[];
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function compile(route: RouteDefinition): CompiledRoute {
  const names: string[] = [];
  const source = route.pattern
    .split("/")
    .map((segment) => {
      const parameter = /^\{(\w+)\}$/.exec(segment);
      if (!parameter?.[1]) return escapeRegex(segment);
      names.push(parameter[1]);
      return "([^/]+)";
    })
    .join("/");
  return { route, regex: new RegExp(`^${source}/?$`, "i"), names };
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Case-insensitive path matching; a trailing slash is allowed, as the service allows it. */
export class Router {
  private readonly compiled: CompiledRoute[];

  constructor(routes: readonly RouteDefinition[]) {
    this.compiled = routes.map(compile);
  }

  match(method: string, path: string): RouteMatch {
    let wrongMethod: string | undefined;
    for (const candidate of this.compiled) {
      const found = candidate.regex.exec(path);
      if (!found) continue;
      if (candidate.route.method !== method) {
        wrongMethod ??= candidate.route.pattern;
        continue;
      }
      const params: Record<string, string> = {};
      candidate.names.forEach((name, index) => {
        params[name] = decode(found[index + 1] ?? "");
      });
      return { kind: "match", route: candidate.route, params };
    }
    return wrongMethod === undefined ? { kind: "none" } : { kind: "wrongMethod", pattern: wrongMethod };
  }
}

/** Requests per route, keyed "METHOD /path/{param}" (release host routes carry a /vsrm prefix). */
export class RouteCounters {
  private readonly counts = new Map<string, number>();

  count(key: string): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  snapshot(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }

  reset(): void {
    this.counts.clear();
  }
}

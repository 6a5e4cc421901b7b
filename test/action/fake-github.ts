import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedCall {
  method: string;
  path: string;
  authorization: string | undefined;
  body: unknown;
}

export interface FakeIssueComment {
  id: number;
  body: string;
  user: { login: string; type: string };
}

export interface FakeIssue {
  number: number;
  title: string;
  body: string;
  state: "open" | "closed";
  state_reason?: string;
  /** Set on pull requests, which GitHub lists among issues. */
  pull_request?: { url: string };
}

/** A stand-in for the GitHub REST API: issues and their comments, with every call recorded. */
export interface FakeGitHub {
  url: string;
  calls: RecordedCall[];
  comments: Map<number, FakeIssueComment[]>;
  issues: Map<number, FakeIssue>;
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  return text ? (JSON.parse(text) as unknown) : undefined;
}

export interface FakeGitHubOptions {
  /** Answer writes with 403, as GitHub does for the read-only token of a pull request from a fork. */
  readOnly?: boolean;
}

export async function startFakeGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const calls: RecordedCall[] = [];
  const comments = new Map<number, FakeIssueComment[]>();
  const issues = new Map<number, FakeIssue>();
  let nextId = 1000;
  const server: Server = createServer((request, response) => {
    void (async () => {
      const body = await readBody(request);
      const url = new URL(request.url ?? "/", "http://localhost");
      calls.push({ method: request.method ?? "", path: url.pathname, authorization: request.headers.authorization, body });
      const send = (status: number, payload: unknown, headers: Record<string, string> = {}): void => {
        response.writeHead(status, { "content-type": "application/json", ...headers });
        response.end(JSON.stringify(payload));
      };
      /** One page of `list`, with a Link header naming the next page while there is one (as GitHub does). */
      const sendPage = (list: unknown[]): void => {
        const perPage = Number(url.searchParams.get("per_page") ?? 30);
        const page = Number(url.searchParams.get("page") ?? 1);
        const headers: Record<string, string> = {};
        if (page * perPage < list.length) {
          const next = new URL(url.pathname, `http://${request.headers.host ?? "localhost"}`);
          for (const [name, value] of url.searchParams) next.searchParams.set(name, value);
          next.searchParams.set("per_page", String(perPage));
          next.searchParams.set("page", String(page + 1));
          headers.link = `<${next.href}>; rel="next"`;
        }
        send(200, list.slice((page - 1) * perPage, page * perPage), headers);
      };
      const field = (name: string): unknown => (body as Record<string, unknown> | undefined)?.[name];
      const listOrCreate = /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/comments$/.exec(url.pathname);
      const edit = /^\/repos\/[^/]+\/[^/]+\/issues\/comments\/(\d+)$/.exec(url.pathname);
      if (options.readOnly && request.method !== "GET") return send(403, { message: "Resource not accessible by integration" });
      if (listOrCreate) {
        const issue = Number(listOrCreate[1]);
        const list = comments.get(issue) ?? [];
        comments.set(issue, list);
        if (request.method === "GET") return sendPage(list);
        if (request.method === "POST") {
          const comment = { id: nextId++, body: String((body as { body?: unknown }).body ?? ""), user: { login: "github-actions[bot]", type: "Bot" } };
          list.push(comment);
          return send(201, comment);
        }
      }
      const issueList = /^\/repos\/[^/]+\/[^/]+\/issues$/.exec(url.pathname);
      const issueEdit = /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)$/.exec(url.pathname);
      if (issueList && request.method === "GET") {
        const state = url.searchParams.get("state") ?? "open";
        return sendPage([...issues.values()].filter((issue) => state === "all" || issue.state === state));
      }
      if (issueList && request.method === "POST") {
        const issue: FakeIssue = {
          number: Math.max(0, ...issues.keys()) + 1,
          title: String(field("title") ?? ""),
          body: String(field("body") ?? ""),
          state: "open",
        };
        issues.set(issue.number, issue);
        return send(201, issue);
      }
      const editedIssue = issueEdit ? issues.get(Number(issueEdit[1])) : undefined;
      if (editedIssue && request.method === "PATCH") {
        for (const name of ["title", "body", "state", "state_reason"] as const) {
          const value = field(name);
          if (typeof value === "string") Object.assign(editedIssue, { [name]: value });
        }
        return send(200, editedIssue);
      }
      if (edit && request.method === "PATCH") {
        const id = Number(edit[1]);
        for (const list of comments.values()) {
          const comment = list.find((candidate) => candidate.id === id);
          if (comment) {
            comment.body = String((body as { body?: unknown }).body ?? "");
            return send(200, comment);
          }
        }
      }
      send(404, { message: "Not Found" });
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    comments,
    issues,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

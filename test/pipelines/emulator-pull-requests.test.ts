// The emulator's pull request threads and statuses, as the service answers them.
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_USER, SEEDED_PROJECTS, startEmulator } from "../../src/emulator/index.js";
import { projectResources } from "../../src/emulator/state/resources.js";
import type { EmulatorHandle } from "../../src/emulator/types.js";

const OTHER = { ...DEFAULT_USER, token: "someone-else", id: "0d9c4b1e-5a2f-4e7d-8c3b-6f1a2e9d7c45", displayName: "Someone Else" };
const MOBILE = SEEDED_PROJECTS.find((project) => project.name === "Mobile");
const REPOSITORY = MOBILE === undefined ? "" : (projectResources(MOBILE).repositories[1]?.id ?? "");

let emulator: EmulatorHandle | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function call(method: string, path: string, body?: unknown, token = DEFAULT_USER.token): Promise<{ status: number; body: Record<string, unknown> }> {
  const url = `${emulator?.url}/Mobile/_apis/git/repositories/${path}${path.includes("?") ? "&" : "?"}api-version=7.1`;
  const headers = { authorization: `Basic ${Buffer.from(`:${token}`).toString("base64")}`, "content-type": "application/json" };
  const response = await fetch(url, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("emulated pull request threads and statuses", () => {
  it("posts, lists and edits threads; only the author edits a comment; comments stop at 150,000 characters", async () => {
    emulator = await startEmulator({ users: [DEFAULT_USER, OTHER] });
    const threads = `${REPOSITORY}/pullRequests/12/threads`;
    const posted = await call("POST", threads, { comments: [{ parentCommentId: 0, content: "hello", commentType: 1 }], status: 1 });
    expect(posted).toMatchObject({
      status: 200,
      body: { status: "active", comments: [{ id: 1, content: "hello", commentType: "text", author: { id: DEFAULT_USER.id } }] },
    });
    const threadId = posted.body.id as number;
    expect((await call("PATCH", `${threads}/${threadId}/comments/1`, { content: "edited" })).body).toMatchObject({ id: 1, content: "edited" });
    expect((await call("GET", threads)).body).toMatchObject({ count: 1, value: [{ id: threadId, comments: [{ content: "edited" }] }] });
    expect((await call("PATCH", `${threads}/${threadId}/comments/1`, { content: "mine now" }, OTHER.token)).status).toBe(403);
    const long = await call("PATCH", `${threads}/${threadId}/comments/1`, { content: "x".repeat(150_001) });
    expect(long).toMatchObject({ status: 400, body: { message: expect.stringContaining("at most 150000") } });
    // The repository's other pull requests have threads of their own.
    expect((await call("GET", `${REPOSITORY}/pullRequests/13/threads`)).body).toMatchObject({ count: 0 });
  });

  it("keeps every status posted, and answers 404 for an unknown repository or pull request", async () => {
    emulator = await startEmulator();
    const statuses = `${REPOSITORY}/pullRequests/3/statuses`;
    await call("POST", statuses, { state: "pending", description: "planning", context: { name: "plan", genre: "hookops" } });
    await call("POST", statuses, { state: "succeeded", description: "done", context: { name: "plan", genre: "hookops" } });
    expect((await call("GET", statuses)).body).toMatchObject({
      count: 2,
      value: [
        { id: 1, state: "pending" },
        { id: 2, state: "succeeded", createdBy: { id: DEFAULT_USER.id } },
      ],
    });
    expect((await call("POST", statuses, { state: "fine", context: { name: "plan" } })).status).toBe(400);
    expect((await call("GET", "00000000-0000-0000-0000-000000000000/pullRequests/3/threads")).body).toMatchObject({
      message: expect.stringContaining("TF401019"),
    });
    expect((await call("GET", `${REPOSITORY}/pullRequests/100000/threads`)).status).toBe(404);
  });
});

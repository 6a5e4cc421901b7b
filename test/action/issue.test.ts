import { afterEach, describe, expect, it } from "vitest";
import { createOctokit } from "../../src/action/comment.js";
import { issueMarkerLine, syncAttentionIssue, type AttentionReport } from "../../src/action/issue.js";
import { startFakeGitHub, type FakeGitHub } from "./fake-github.js";

const repository = { owner: "contoso", repo: "hooks" };
let github: FakeGitHub | undefined;

afterEach(async () => {
  await github?.close();
  github = undefined;
});

function report(needsAttention: boolean, body = "2 subscriptions are failing"): AttentionReport {
  return { needsAttention, title: "hookops: service hooks need attention", body, resolvedNote: "All service hooks are healthy again." };
}

describe("the attention issue of a scheduled status run", () => {
  it("is opened once, edited while the problem lasts, and closed with a comment when all is well", async () => {
    github = await startFakeGitHub();
    const octokit = createOctokit("ghs_fake", github.url);
    expect(await syncAttentionIssue(octokit, repository, "hookops.yaml", report(false))).toEqual({ action: "none" });
    expect(github.issues.size).toBe(0);

    const opened = await syncAttentionIssue(octokit, repository, "hookops.yaml", report(true));
    expect(opened.action).toBe("opened");
    const updated = await syncAttentionIssue(octokit, repository, "hookops.yaml", report(true, "1 subscription is failing"));
    expect(updated).toEqual({ action: "updated", number: opened.number });
    expect([...github.issues.values()]).toMatchObject([
      { title: "hookops: service hooks need attention", body: `${issueMarkerLine("hookops.yaml")}\n1 subscription is failing`, state: "open" },
    ]);

    expect(await syncAttentionIssue(octokit, repository, "hookops.yaml", report(false))).toEqual({ action: "closed", number: opened.number });
    const issue = github.issues.get(opened.number ?? -1);
    expect(issue).toMatchObject({ state: "closed", state_reason: "completed" });
    expect(github.comments.get(opened.number ?? -1)?.map((comment) => comment.body)).toEqual(["All service hooks are healthy again."]);
    // A new problem later opens a new issue: a closed one is history.
    expect((await syncAttentionIssue(octokit, repository, "hookops.yaml", report(true))).action).toBe("opened");
    expect(github.issues.size).toBe(2);
  });

  it("keeps every copy current and closes them all when two runs at once each opened one", async () => {
    github = await startFakeGitHub();
    const octokit = createOctokit("ghs_fake", github.url);
    const marker = issueMarkerLine("hookops.yaml");
    github.issues.set(4, { number: 4, title: "old", body: `${marker}\nold`, state: "open" });
    github.issues.set(2, { number: 2, title: "old", body: `${marker}\nold`, state: "open" });
    expect(await syncAttentionIssue(octokit, repository, "hookops.yaml", report(true, "now"))).toEqual({ action: "updated", number: 2 });
    expect([...github.issues.values()].map((issue) => issue.body)).toEqual([`${marker}\nnow`, `${marker}\nnow`]);
    expect(await syncAttentionIssue(octokit, repository, "hookops.yaml", report(false))).toEqual({ action: "closed", number: 2 });
    expect([...github.issues.values()].map((issue) => issue.state)).toEqual(["closed", "closed"]);
  });

  it("never edits an issue of another configuration, a pull request, or one that only quotes the marker", async () => {
    github = await startFakeGitHub();
    const octokit = createOctokit("ghs_fake", github.url);
    const marker = issueMarkerLine("hookops.yaml");
    github.issues.set(1, { number: 1, title: "quote", body: `> ${marker}\nsee above`, state: "open" });
    github.issues.set(2, { number: 2, title: "pr", body: `${marker}\n`, state: "open", pull_request: { url: "x" } });
    github.issues.set(3, { number: 3, title: "other", body: `${issueMarkerLine("teams/web/hookops.yaml")}\n`, state: "open" });
    // Past the first page of 100 open issues.
    for (let n = 10; n < 130; n += 1) github.issues.set(n, { number: n, title: `unrelated ${n}`, body: "", state: "open" });
    const opened = await syncAttentionIssue(octokit, repository, "hookops.yaml", report(true));
    expect(opened.action).toBe("opened");
    const again = await syncAttentionIssue(octokit, repository, "hookops.yaml", report(true));
    expect(again).toEqual({ action: "updated", number: opened.number });
    expect(github.issues.get(1)?.title).toBe("quote");
    expect(github.issues.get(2)?.title).toBe("pr");
    expect(github.issues.get(3)?.title).toBe("other");
  });
});

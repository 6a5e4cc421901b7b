import { describe, expect, it } from "vitest";
import { buildPlan } from "../../src/reconcile/index.js";
import { renderMarkdown } from "../../src/report/index.js";
import { desired, input, live } from "../reconcile/builders.js";
import { mixedPlan } from "./fixtures.js";

const RUN_URL = "https://github.com/fabrikam/hooks/actions/runs/42";

describe("renderMarkdown", () => {
  it("renders a create, an update, a replace and a delete as a pull request comment", () => {
    expect(renderMarkdown(mixedPlan(), { marker: "hooks", runUrl: RUN_URL })).toMatchInlineSnapshot(`
      "<!-- hookops-plan:hooks -->

      ### hookops plan for \`fabrikam\`

      **Plan: 1 to create, 2 to update, 1 to replace, 1 to delete.**

      > [!WARNING]
      > This plan deletes 1 subscription and replaces 1 subscription (created anew, then the old one deleted). Review them before merging.

      > [!CAUTION]
      > **Apply will refuse this plan:**
      > - hooks/website.yaml:2:5: "mobile-ci" names project "Mobil", which does not exist in fabrikam. Did you mean "Mobile"?

      **Warnings**

      - "website-ci-failed" pins id 00000000-0000-4000-8000-00000000dead, which no live subscription has; it is matched by its key instead.

      <details><summary><code>+</code> <b>website-ci-failed</b> (WebSite) will be created</summary>

      \`\`\`diff
      + project: "WebSite"
      + publisherId: "tfs"
      + eventType: "build.complete"
      + resourceVersion: "1.0"
      + publisherInputs.buildStatus: "Failed"
      + publisherInputs.definitionName: "WebSite.CI"
      + consumerId: "webHooks"
      + consumerActionId: "httpRequest"
      + consumerInputs.basicAuthPassword: (sensitive value)
      + consumerInputs.basicAuthUsername: "ado"
      + consumerInputs.url: "https://hooks.example.com/ado"
      + status: "enabled"
      \`\`\`

      </details>

      <details><summary><code>-/+</code> <b>website-deploys</b> (WebSite) must be replaced</summary>

      \`\`\`diff
      # id: 3f0c0a4e-0000-4000-8000-000000000003
      # a keyed field changed: the new subscription is created before the old one is deleted
      - consumerInputs.url: "https://deploys.example.com/v1"  # forces replacement
      + consumerInputs.url: "https://deploys.example.com/v2"  # forces replacement
      \`\`\`

      </details>

      <details><summary><code>~</code> <b>website-pr-updated</b> (WebSite) will be updated in place</summary>

      \`\`\`diff
      # id: 2b1d0c5e-0000-4000-8000-000000000002
      ! consumerInputs.httpHeaders:
      @@ -1,2 +1,3 @@
          X-Team: web
      -   X-Env: staging
      +   X-Env: prod
      +   X-Trace: on
      - consumerInputs.messagesToSend: "text"
      + consumerInputs.messagesToSend: "markdown"
      \`\`\`

      </details>

      <details><summary><code>~</code> <b>website-push</b> (WebSite) will be repaired</summary>

      \`\`\`diff
      # id: 4a7e9b10-0000-4000-8000-000000000004
      # repair: onProbation -> enabled (2 probation retries)
      - status: "onProbation"
      + status: "enabled"
      \`\`\`

      </details>

      <details><summary><code>-</code> <b>build.complete -&gt; webHooks (retired.example.com)</b> (WebSite) will be deleted</summary>

      \`\`\`diff
      # id: 5c3f2d11-0000-4000-8000-000000000005
      # not in the configuration
      \`\`\`

      </details>

      #### Unmanaged subscriptions in scope (left as is)

      | Subscription | Project | Status | Id | Note |
      |---|---|---|---|---|
      | build.complete -&gt; webHooks (teams.example.com) | WebSite | disabledBySystem | \`6d4e3f22-0000-4000-8000-000000000006\` | protected |

      #### Unhealthy subscriptions (events are being lost)

      | Subscription | Project | Status | Id | Note |
      |---|---|---|---|---|
      | website-push | WebSite | onProbation | \`4a7e9b10-0000-4000-8000-000000000004\` | 2 probation retries; managed |
      | build.complete -&gt; webHooks (teams.example.com) | WebSite | disabledBySystem | \`6d4e3f22-0000-4000-8000-000000000006\` | protected, left as is |

      [View the workflow run](https://github.com/fabrikam/hooks/actions/runs/42)
      "
    `);
  });

  it("starts with the hidden marker line only when one is given", () => {
    expect(renderMarkdown(mixedPlan(), { marker: "prod" }).split("\n")[0]).toBe("<!-- hookops-plan:prod -->");
    expect(renderMarkdown(mixedPlan()).split("\n")[0]).toBe("### hookops plan for `fabrikam`");
  });

  it("shows no deletion banner when nothing is deleted or replaced", () => {
    const plan = buildPlan(input({ desired: [desired({ resourceVersion: "2.0-preview.2" })], live: [live()] }));
    const markdown = renderMarkdown(plan);
    expect(markdown).not.toContain("[!WARNING]");
    expect(markdown).toContain("**Plan: 0 to create, 1 to update, 0 to replace, 0 to delete.**");
  });

  it("says there are no changes", () => {
    const plan = buildPlan(input({ desired: [desired()], live: [live()] }));
    expect(renderMarkdown(plan)).toMatchInlineSnapshot(`
      "### hookops plan for \`fabrikam\`

      **No changes. Live subscriptions match the configuration.** 1 subscription already up to date.
      "
    `);
  });

  it("escapes HTML in names and keeps code fences intact", () => {
    const plan = buildPlan(
      input({ desired: [desired({ name: "<img src=x>", consumerInputs: { url: "https://hooks.example.com/ado", basicAuthUsername: "a```b" } })] }),
    );
    const markdown = renderMarkdown(plan);
    expect(markdown).toContain("<b>&lt;img src=x&gt;</b>");
    expect(markdown).toContain('````diff\n+ project: "WebSite"');
  });

  describe("truncation", () => {
    const manyCreates = buildPlan(
      input({
        desired: Array.from({ length: 30 }, (_, index) =>
          desired({ name: `hook-${String(index).padStart(2, "0")}`, consumerInputs: { url: `https://h${index}.example.com/` } }),
        ),
      }),
    );

    it("keeps whole changes under maxLength and points to the job summary", () => {
      const maxLength = 4000;
      const markdown = renderMarkdown(manyCreates, { maxLength, runUrl: RUN_URL, marker: "m" });
      expect(markdown.length).toBeLessThanOrEqual(maxLength);
      const opened = markdown.match(/<details>/g)?.length ?? 0;
      expect(opened).toBeGreaterThan(0);
      expect(opened).toBeLessThan(30);
      expect(markdown.match(/<\/details>/g)?.length).toBe(opened);
      expect(markdown).toContain(
        `> ${30 - opened} more changes and the rest of the plan are not shown: the comment would exceed 4000 characters. The full plan is in the [job summary](${RUN_URL}).`,
      );
      expect(markdown.trimEnd().endsWith(`[View the workflow run](${RUN_URL})`)).toBe(true);
      expect(markdown).toContain("**Plan: 30 to create, 0 to update, 0 to replace, 0 to delete.**");
    });

    it("leaves a plan that fits untouched", () => {
      const markdown = renderMarkdown(manyCreates);
      expect(markdown).not.toContain("[!NOTE]");
      expect(markdown.match(/<details>/g)?.length).toBe(30);
    });

    it("never exceeds even a tiny limit", () => {
      expect(renderMarkdown(manyCreates, { maxLength: 120 }).length).toBeLessThanOrEqual(120);
    });
  });
});

import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildExportModel } from "../../src/export/model.js";
import type { ExportOutcome } from "../../src/export/types.js";
import { renderExportJson, renderExportText } from "../../src/report/export.js";
import { live, MOBILE_ID, PROJECTS } from "../export/helpers.js";

const CWD = path.resolve("/work/somewhere");

function outcome(): ExportOutcome {
  const model = buildExportModel(
    [
      live({
        id: "00000000-0000-4000-8000-000000000001",
        consumerInputs: { url: "https://hooks.example.com/a", basicAuthUsername: "ado", basicAuthPassword: "pa55-w0rd" },
      }),
      live({ id: "00000000-0000-4000-8000-000000000002", publisherInputs: { projectId: MOBILE_ID }, consumerInputs: { url: "https://hooks.example.com/b" } }),
      live({
        id: "00000000-0000-4000-8000-000000000003",
        publisherInputs: { projectId: "9a6f1cde-0000-4000-8000-000000000042" },
        consumerInputs: { url: "https://org.example.com/" },
      }),
      live({ id: "00000000-0000-4000-8000-000000000004", consumerInputs: { url: "https://HOOKS.example.com/a" } }),
    ],
    PROJECTS,
  );
  return {
    organization: "fabrikam",
    outDir: path.join(CWD, "repo"),
    liveCount: 4,
    model,
    written: [
      { path: "hooks/mobile.yaml", action: "created" },
      { path: "hooks/website.yaml", action: "overwritten" },
      { path: "hookops.yaml", action: "kept" },
    ],
    warnings: ["repo/hooks/mobile.yaml is not matched by `include` in repo/hookops.yaml; add it, or plan will not read it."],
  };
}

describe("export output", () => {
  it("as text: files, what was left out and why, warnings, and the variables to set last", () => {
    const text = renderExportText(outcome(), CWD);
    expect(text).not.toContain("pa55-w0rd");
    expect(text).toMatchInlineSnapshot(`
      "Exported 2 subscriptions from fabrikam into repo:
        created     repo/hooks/mobile.yaml   1 subscription
        overwritten repo/hooks/website.yaml  1 subscription
        kept        repo/hookops.yaml

      Not exported (2):
        - build.complete -> webHooks (org.example.com) 00000000-0000-4000-8000-000000000003: its project 9a6f1cde-0000-4000-8000-000000000042 is not in the organization's project list
        - build.complete -> webHooks (hooks.example.com) [WebSite] 00000000-0000-4000-8000-000000000004: a duplicate of "build-complete-webhooks-hooks-example-com-2" (00000000-0000-4000-8000-000000000001): same project, event, filters and target; plan reports it as a duplicate and prunes it when pruning is enabled

      Warnings:
        - repo/hooks/mobile.yaml is not matched by \`include\` in repo/hookops.yaml; add it, or plan will not read it.

      Next: hookops validate repo && hookops plan repo

      Secrets are never exported. Set these environment variables before \`hookops apply\` (plan works without them):
        HOOKOPS_BUILD_COMPLETE_WEBHOOKS_HOOKS_EXAMPLE_COM_2_BASIC_AUTH_PASSWORD  repo/hooks/website.yaml: build-complete-webhooks-hooks-example-com-2 consumerInputs.basicAuthPassword
      "
    `);
  });

  it("as JSON: formatVersion 1, names and paths only", () => {
    const json = renderExportJson(outcome(), CWD);
    expect(json).not.toContain("pa55-w0rd");
    const parsed = JSON.parse(json) as { formatVersion: number; files: unknown[]; variables: { name: string }[]; skipped: { id: string }[] };
    expect(parsed.formatVersion).toBe(1);
    expect(parsed.files).toEqual([
      {
        path: "hooks/mobile.yaml",
        action: "created",
        project: "Mobile",
        subscriptions: [{ name: "build-complete-webhooks-hooks-example-com", id: "00000000-0000-4000-8000-000000000002" }],
      },
      {
        path: "hooks/website.yaml",
        action: "overwritten",
        project: "WebSite",
        subscriptions: [{ name: "build-complete-webhooks-hooks-example-com-2", id: "00000000-0000-4000-8000-000000000001" }],
      },
      { path: "hookops.yaml", action: "kept" },
    ]);
    expect(parsed.variables.map((variable) => variable.name)).toEqual(["HOOKOPS_BUILD_COMPLETE_WEBHOOKS_HOOKS_EXAMPLE_COM_2_BASIC_AUTH_PASSWORD"]);
    expect(parsed.skipped.map((skipped) => skipped.id)).toEqual(["00000000-0000-4000-8000-000000000003", "00000000-0000-4000-8000-000000000004"]);
  });
});

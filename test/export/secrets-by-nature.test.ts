import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildExportModel } from "../../src/export/model.js";
import { renderSubscriptionFile } from "../../src/export/render.js";
import type { ExportOutcome } from "../../src/export/types.js";
import { renderExportJson, renderExportText } from "../../src/report/export.js";
import { expectInert, HOSTILE } from "../report/hostile.js";
import { live, PROJECTS, WEBSITE_ID } from "./helpers.js";

const SLACK = "https://hooks.slack.com/services/T0SLACKPATH/B0SLACKPATH/X0SLACKPATH";
const DISCORD = "https://discord.com/api/webhooks/123456/DISCORDTOKEN";
const CWD = path.resolve("/work/somewhere");

const slack = live({
  id: "00000000-0000-4000-8000-00000000000a",
  consumerId: "slack",
  consumerActionId: "postMessageToChannel",
  consumerInputs: { url: SLACK },
});
const discord = live({
  id: "00000000-0000-4000-8000-00000000000b",
  eventType: "git.push",
  publisherInputs: { projectId: WEBSITE_ID },
  consumerInputs: { url: DISCORD },
});
const headers = live({
  id: "00000000-0000-4000-8000-00000000000c",
  eventType: "git.pullrequest.created",
  publisherInputs: { projectId: WEBSITE_ID },
  consumerInputs: { url: "https://hooks.example.com/pr", httpHeaders: "Cookie: a=b\nX-Signature: s\nX-Trace: 1" },
});

function outcome(model: ReturnType<typeof buildExportModel>, warnings: string[] = []): ExportOutcome {
  return {
    organization: "fabrikam",
    outDir: path.join(CWD, "repo"),
    liveCount: 0,
    model,
    written: model.files.map((file) => ({ path: file.path, action: "created" as const })),
    warnings,
  };
}

describe("secrets by nature in an export", () => {
  const model = buildExportModel([slack, discord, headers], PROJECTS);
  const [file] = model.files;
  const yaml = file ? renderSubscriptionFile(file, { organization: "fabrikam" }) : "";

  it("writes incoming-webhook URLs as whole placeholders and lists their variables", () => {
    expect(yaml).not.toContain("SLACKPATH");
    expect(yaml).not.toContain("DISCORDTOKEN");
    const byInput = Object.fromEntries(
      file!.subscriptions.map((subscription) => [subscription.consumerId + subscription.eventType, subscription.consumerInputs]),
    );
    expect(byInput["slackbuild.complete"]).toEqual({ url: "${env:HOOKOPS_BUILD_COMPLETE_SLACK_HOOKS_SLACK_COM_URL}" });
    expect(byInput["webHooksgit.push"]).toEqual({ url: "${env:HOOKOPS_GIT_PUSH_WEBHOOKS_DISCORD_COM_URL}" });
    expect(model.variables.map((variable) => `${variable.name} <- ${variable.input}`)).toEqual([
      "HOOKOPS_BUILD_COMPLETE_SLACK_HOOKS_SLACK_COM_URL <- url",
      "HOOKOPS_GIT_PULLREQUEST_CREATED_WEBHOOKS_HOOKS_EXAMPLE_COM_HTTP_HEADERS_COOKIE <- httpHeaders",
      "HOOKOPS_GIT_PULLREQUEST_CREATED_WEBHOOKS_HOOKS_EXAMPLE_COM_HTTP_HEADERS_X_SIGNATURE <- httpHeaders",
      "HOOKOPS_GIT_PUSH_WEBHOOKS_DISCORD_COM_URL <- url",
    ]);
  });

  it("replaces every credential header's value and keeps the others", () => {
    expect(yaml).toContain(
      [
        "      httpHeaders: |-",
        "        Cookie: ${env:HOOKOPS_GIT_PULLREQUEST_CREATED_WEBHOOKS_HOOKS_EXAMPLE_COM_HTTP_HEADERS_COOKIE}",
        "        X-Signature: ${env:HOOKOPS_GIT_PULLREQUEST_CREATED_WEBHOOKS_HOOKS_EXAMPLE_COM_HTTP_HEADERS_X_SIGNATURE}",
        "        X-Trace: 1",
      ].join("\n"),
    );
    expect(yaml).not.toMatch(/Cookie: a=b|X-Signature: s\b/);
  });

  it("names the subscription after the host only, even when the address has no scheme", () => {
    const schemeless = live({
      consumerId: "slack",
      consumerActionId: "postMessageToChannel",
      consumerInputs: { url: "hooks.slack.com/services/T0SLACKPATH/B0/X0" },
    });
    const [only] = buildExportModel([schemeless], PROJECTS).files;
    expect(only?.subscriptions[0]?.name).toBe("build-complete-slack");
    expect(JSON.stringify(only)).not.toContain("SLACKPATH");
  });

  it("never shows such a URL in the report, also for subscriptions it leaves out", () => {
    const GONE_PROJECT = "9a6f1cde-0000-4000-8000-000000000042";
    const left = buildExportModel(
      [
        slack,
        { ...slack, id: "00000000-0000-4000-8000-00000000000d", createdDate: "2025-02-01T00:00:00Z" },
        { ...discord, id: "00000000-0000-4000-8000-00000000000e", publisherInputs: { projectId: GONE_PROJECT } },
        {
          ...slack,
          id: "00000000-0000-4000-8000-00000000000f",
          publisherInputs: { projectId: GONE_PROJECT },
          consumerInputs: { url: "hooks.slack.com/services/T0SLACKPATH/B0/X0" },
        },
      ],
      PROJECTS,
    );
    expect(left.skipped).toHaveLength(3);
    const text = renderExportText(outcome(left), CWD);
    const json = renderExportJson(outcome(left), CWD);
    for (const output of [text, json]) {
      expect(output).not.toContain("SLACKPATH");
      expect(output).not.toContain("DISCORDTOKEN");
    }
    expect(text).toContain("build.complete -> slack (hooks.slack.com) [WebSite] 00000000-0000-4000-8000-00000000000d: a duplicate of");
    expect(text).toContain(`git.push -> webHooks (discord.com) 00000000-0000-4000-8000-00000000000e: its project ${GONE_PROJECT} is not in`);
    expect(text).toContain(`build.complete -> slack (********) 00000000-0000-4000-8000-00000000000f: its project ${GONE_PROJECT} is not in`);
  });
});

describe("hostile values in an export", () => {
  it("the report and the file's comments stay inert", () => {
    const projects = [{ id: WEBSITE_ID, name: `Web${HOSTILE}` }];
    const model = buildExportModel(
      [
        live({ status: "disabledBySystem", consumerInputs: { url: "https://hooks.example.com/a" } }),
        live({ id: "00000000-0000-4000-8000-000000000010", eventType: HOSTILE, consumerInputs: { url: "https://hooks.example.com/b" } }),
        live({
          id: "00000000-0000-4000-8000-000000000011",
          publisherInputs: {},
          consumerId: HOSTILE,
          consumerInputs: { url: `https://x.example.com/${HOSTILE}`, queue: HOSTILE },
        }),
      ],
      projects,
    );
    const text = renderExportText(outcome(model, [`warning ${HOSTILE}`]), CWD);
    expectInert(text);
    expect(text).toContain("evil\\n::error::pwned");
    const [file] = model.files;
    const yaml = renderSubscriptionFile(file!, { organization: `fabrikam${HOSTILE}` });
    const comments = yaml.split("\n").filter((line) => line.startsWith("#"));
    expectInert(comments.join("\n"));
    expect(comments[0]).toContain("from fabrikamevil\\n::error::pwned");
  });
});

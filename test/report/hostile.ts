// Values that try to break out of every output: a new log line with a workflow command, terminal
// escapes, HTML that closes <details>, a code fence, and incoming-webhook URLs that are secrets.
import { expect } from "vitest";
import type { ApplyReport, ChangeResult } from "../../src/apply/types.js";
import type { Plan, PlannedChange } from "../../src/reconcile/types.js";
import { plannedChange } from "../apply/helpers.js";

export const INJECTION = "\n::error::pwned";
export const CLEAR_SCREEN = "\u001b[2J";
export const OSC_LINK = "\u001b]8;;https://evil.example.com\u0007";
export const HOSTILE = `evil${INJECTION} ${CLEAR_SCREEN}${OSC_LINK} </details> \`\`\` <img src=x> \u202etxt.exe\u2028##vso[task.setvariable variable=a]b`;
/** The path of an incoming-webhook URL is its secret. */
export const SLACK_URL = "https://hooks.slack.com/services/T0SLACKPATH/B0SLACKPATH/X0SLACKPATH";
export const SLACK_SECRET = "SLACKPATH";

function change(overrides: Partial<PlannedChange>): PlannedChange {
  return plannedChange(overrides.action ?? "create", HOSTILE, { project: HOSTILE, projectId: undefined, ...overrides });
}

/** Every place a plan renderer prints a value, each holding HOSTILE (and the Slack URL in free text). */
export function hostilePlan(): Plan {
  return {
    formatVersion: 1,
    organization: `fabrikam${INJECTION}`,
    createdAt: "2025-02-01T12:00:00.000Z",
    changes: [
      change({
        fields: [
          { field: "consumerInputs.url", after: `https://hooks.example.com/${HOSTILE}` },
          { field: `consumerInputs.${HOSTILE}`, after: HOSTILE },
          { field: "consumerInputs.httpHeaders", after: `X-Team: web\nX-Evil: ${CLEAR_SCREEN}\n::error::header\nX-Fence: \`\`\`` },
        ],
      }),
      change({
        action: "update",
        liveId: `id${INJECTION}`,
        reasons: [`reason ${HOSTILE}`],
        fields: [
          { field: "consumerInputs.messagesToSend", before: HOSTILE, after: "text" },
          { field: "consumerInputs.httpHeaders", before: "X-Team: web", after: `X-Team: web\nX-Evil: ${HOSTILE}` },
          { field: "consumerInputs.basicAuthPassword", sensitive: true },
        ],
      }),
      change({ action: "delete", liveId: "5c3f2d11-0000-4000-8000-000000000005", reasons: ["not in the configuration"] }),
    ],
    noop: 0,
    unmanaged: [{ id: `id${INJECTION}`, name: HOSTILE, project: HOSTILE, host: "default", status: "enabled" }],
    unhealthy: [{ id: "6d4e3f22", name: HOSTILE, project: HOSTILE, host: "default", status: "disabledBySystem", managed: false }],
    warnings: [`warning ${HOSTILE} posting to ${SLACK_URL}`],
    refusals: [`refusal ${HOSTILE}`],
    fingerprint: [],
  };
}

export function hostileResults(plan: Plan = hostilePlan()): ChangeResult[] {
  const [create, update, remove] = plan.changes;
  if (!create || !update || !remove) throw new Error("hostilePlan has three changes");
  return [
    { change: create, outcome: "succeeded", liveId: `new${INJECTION}`, notes: [`note ${HOSTILE}`] },
    { change: update, outcome: "failed", message: `The service said: ${HOSTILE} at ${SLACK_URL}`, notes: [] },
    { change: remove, outcome: "skipped", message: HOSTILE, notes: [] },
  ];
}

export function hostileReport(): ApplyReport {
  return { results: hostileResults(), succeeded: 1, failed: 1, skipped: 1, interrupted: false };
}

/** Our own color codes (src/report/color.ts and the validator's), the only escapes an output may hold. */
const OWN_COLOR = /\u001b\[(?:0|1|2|22|31|32|33|36|39)m/g;

/**
 * What every text output must satisfy: no line a CI runner would take for a command, no escape
 * sequence but our colors, no line or paragraph separator or bidi control, no webhook secret.
 */
export function expectInert(output: string): void {
  for (const line of output.split("\n")) {
    expect(line.trimStart().startsWith("::"), line).toBe(false);
    expect(line, line).not.toMatch(/##(vso)?\[/i);
  }
  expect(output.replace(OWN_COLOR, "")).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
  expect(output).not.toContain(SLACK_SECRET);
}

/** The HTML tags outside code fences and code spans (which show them as text): only hookops's own may appear. */
export function expectOwnHtmlOnly(markdown: string): void {
  const outsideCode = markdown.replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1$/gm, "").replace(/(?<![`\\])(`+)(?!`)[^\n]*?(?<!`)\1(?!`)/g, "");
  const tags = outsideCode.match(/<[^>\n]*>/g) ?? [];
  for (const tag of tags) expect(tag).toMatch(/^<(\/?(details|summary|code|b)|!-- hookops-plan:[^<>]* --)>$/);
}

import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { prepareChanges, SecretRedactor } from "../../src/apply/index.js";
import { resolveValue } from "../../src/config/index.js";
import { desiredWithSecret, plannedChange, resolverFor, webhookBody } from "./helpers.js";

const SECRET = "p@ss-Word-0123456789";

describe("prepareChanges", () => {
  it("fills secret inputs from the desired subscription of the same name and leaves the plan untouched", () => {
    const change = plannedChange("create", "hook", { body: webhookBody("https://a.example/hook"), secretInputs: ["basicAuthPassword"] });
    const before = JSON.stringify(change);
    const preparation = prepareChanges(
      [change],
      [desiredWithSecret("hook", "https://a.example/hook", "HOOK_PASSWORD")],
      resolverFor({ HOOK_PASSWORD: SECRET }),
    );
    expect(preparation.problems).toEqual([]);
    expect(preparation.bodies.get(change)?.consumerInputs).toEqual({ url: "https://a.example/hook", basicAuthUsername: "ado", basicAuthPassword: SECRET });
    expect(JSON.stringify(change)).toBe(before);
    expect(before).not.toContain(SECRET);
  });

  it("refuses a secret that resolves to blank, which the service would answer with 400 (R5)", () => {
    const change = plannedChange("create", "hook", { body: webhookBody("https://a.example/hook"), secretInputs: ["basicAuthPassword"] });
    const preparation = prepareChanges([change], [desiredWithSecret("hook", "https://a.example/hook", "HOOK_PASSWORD")], resolverFor({ HOOK_PASSWORD: "  " }));
    expect(preparation.problems).toEqual([
      '"hook": consumerInputs.basicAuthPassword resolves to an empty value, which the service refuses; set it, or remove the input',
    ]);
  });

  it("resolves references left in publisher inputs", () => {
    const body = webhookBody("https://a.example/hook", { publisherInputs: { projectId: "p", definitionName: "${env:PIPELINE}" } });
    const change = plannedChange("update", "hook", { body, liveId: "x" });
    const preparation = prepareChanges([change], [], resolverFor({ PIPELINE: "WebSite.CI" }));
    expect(preparation.bodies.get(change)?.publisherInputs.definitionName).toBe("WebSite.CI");
  });

  it("lists every input it cannot fill, by change, input and reference, without values", async () => {
    const root = await mkdtemp(path.join(tmpdir(), "hookops-secrets-"));
    const first = plannedChange("create", "first", { body: webhookBody("https://a.example/hook"), secretInputs: ["basicAuthPassword"] });
    const masked = plannedChange("create", "masked", { body: webhookBody("https://b.example/hook"), secretInputs: ["basicAuthPassword"] });
    const outside = plannedChange("create", "outside", { body: webhookBody("https://c.example/hook"), secretInputs: ["basicAuthPassword"] });
    const removed = plannedChange("update", "removed", { body: webhookBody("https://d.example/hook"), secretInputs: ["basicAuthPassword"], liveId: "x" });
    const desired = [
      desiredWithSecret("first", "https://a.example/hook", "UNSET_PASSWORD"),
      desiredWithSecret("masked", "https://b.example/hook", "MASKED_PASSWORD"),
      {
        ...desiredWithSecret("outside", "https://c.example/hook", "X"),
        consumerInputs: { url: "https://c.example/hook", basicAuthPassword: "${file:../secret.txt}" },
      },
    ];
    const resolve = (value: string) => resolveValue(value, { root, env: { MASKED_PASSWORD: "********", OTHER: SECRET } });
    const { problems, bodies } = prepareChanges([first, masked, outside, removed], desired, resolve);
    expect(problems).toEqual([
      '"first": consumerInputs.basicAuthPassword needs environment variable UNSET_PASSWORD, which is not available',
      '"masked": consumerInputs.basicAuthPassword resolves to the mask "********", not to a real value',
      '"outside": consumerInputs.basicAuthPassword: ${file:} reference "../secret.txt" leaves the repo root',
      '"removed": not in the configuration any more, so its secret inputs (basicAuthPassword) cannot be filled',
    ]);
    expect([...bodies.values()].every((body) => body.consumerInputs.basicAuthPassword === undefined)).toBe(true);
  });

  it("reads ${file:} secrets inside the repo root", async () => {
    const root = await mkdtemp(path.join(tmpdir(), "hookops-secrets-"));
    await writeFile(path.join(root, "password.txt"), `${SECRET}\n`);
    const change = plannedChange("create", "hook", { body: webhookBody("https://a.example/hook"), secretInputs: ["basicAuthPassword"] });
    const desired = {
      ...desiredWithSecret("hook", "https://a.example/hook", "X"),
      consumerInputs: { url: "https://a.example/hook", basicAuthPassword: "${file:password.txt}" },
    };
    const { bodies } = prepareChanges([change], [desired], (value) => resolveValue(value, { root, env: {} }));
    expect(bodies.get(change)?.consumerInputs.basicAuthPassword).toBe(SECRET);
  });
});

describe("SecretRedactor", () => {
  it("masks every secret in a text, the longest first", () => {
    const redactor = new SecretRedactor();
    redactor.add("abc");
    redactor.add("abcdef-longer");
    redactor.add("");
    expect(redactor.redact("sent abcdef-longer and abc; nothing else")).toBe("sent ******** and ********; nothing else");
  });
});

import { describe, expect, it } from "vitest";
import { buildExportModel, projectFilePaths } from "../../src/export/model.js";
import { UnknownProjectError } from "../../src/export/select.js";
import { live, MOBILE_ID, PLATFORM_ID, PROJECTS, WEBSITE_ID } from "./helpers.js";

const GUID = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

function webhook(n: number, projectId: string, eventType: string, url: string, extra: Partial<Parameters<typeof live>[0]> = {}) {
  return live({ id: GUID(n), eventType, publisherInputs: { projectId }, consumerInputs: { url }, ...extra });
}

describe("the export model", () => {
  it("writes one file per project, ordered by project, then event, then name", () => {
    const model = buildExportModel(
      [
        webhook(1, WEBSITE_ID, "git.push", "https://b.example.com/"),
        webhook(2, MOBILE_ID, "workitem.created", "https://a.example.com/"),
        webhook(3, WEBSITE_ID, "build.complete", "https://z.example.com/"),
        webhook(4, WEBSITE_ID, "git.push", "https://a.example.com/"),
      ],
      PROJECTS,
    );
    expect(model.files.map((file) => [file.path, file.subscriptions.map((subscription) => subscription.name)])).toEqual([
      ["hooks/mobile.yaml", ["workitem-created-webhooks-a-example-com"]],
      ["hooks/website.yaml", ["build-complete-webhooks-z-example-com", "git-push-webhooks-a-example-com", "git-push-webhooks-b-example-com"]],
    ]);
    expect(model.skipped).toEqual([]);
  });

  it("deduplicates names with -2, -3 across the whole repository, in a stable order", () => {
    const subscriptions = [
      webhook(7, WEBSITE_ID, "build.complete", "https://hooks.example.com/three", { createdDate: "2025-03-01T00:00:00Z" }),
      webhook(5, WEBSITE_ID, "build.complete", "https://hooks.example.com/one", { createdDate: "2025-01-01T00:00:00Z" }),
      webhook(6, WEBSITE_ID, "build.complete", "https://hooks.example.com/two", { createdDate: "2025-02-01T00:00:00Z" }),
      webhook(8, MOBILE_ID, "build.complete", "https://hooks.example.com/mobile"),
    ];
    const names = (order: typeof subscriptions): string[][] =>
      buildExportModel(order, PROJECTS).files.map((file) => file.subscriptions.map((subscription) => `${subscription.name} ${subscription.id}`));
    expect(names(subscriptions)).toEqual([
      [`build-complete-webhooks-hooks-example-com ${GUID(8)}`],
      [
        `build-complete-webhooks-hooks-example-com-2 ${GUID(5)}`,
        `build-complete-webhooks-hooks-example-com-3 ${GUID(6)}`,
        `build-complete-webhooks-hooks-example-com-4 ${GUID(7)}`,
      ],
    ]);
    expect(names([...subscriptions].reverse())).toEqual(names(subscriptions));
  });

  it("avoids names the repository already uses", () => {
    const model = buildExportModel([webhook(1, WEBSITE_ID, "git.push", "https://hooks.example.com/")], PROJECTS, {
      reservedNames: ["git-push-webhooks-hooks-example-com"],
    });
    expect(model.files[0]?.subscriptions[0]?.name).toBe("git-push-webhooks-hooks-example-com-2");
  });

  it("--project limits the export to one project, by name or by id", () => {
    const subscriptions = [webhook(1, WEBSITE_ID, "git.push", "https://a.example.com/"), webhook(2, MOBILE_ID, "git.push", "https://a.example.com/")];
    for (const project of ["mobile", MOBILE_ID.toUpperCase()]) {
      const model = buildExportModel(subscriptions, PROJECTS, { project });
      expect(model.files.map((file) => file.path)).toEqual(["hooks/mobile.yaml"]);
      expect(model.skipped).toEqual([]);
    }
    expect(() => buildExportModel(subscriptions, PROJECTS, { project: "Mobil" })).toThrow(UnknownProjectError);
    expect(() => buildExportModel(subscriptions, PROJECTS, { project: "Mobil" })).toThrow(
      '--project "Mobil" is not a project of this organization. Did you mean "Mobile"?',
    );
  });

  it("leaves out what the format cannot hold, and says why; organization-wide subscriptions get their own file", () => {
    const model = buildExportModel(
      [
        webhook(1, WEBSITE_ID, "git.push", "https://ok.example.com/"),
        live({ id: GUID(2), publisherInputs: {}, consumerInputs: { url: "https://org-wide.example.com/" } }),
        webhook(3, "9a6f1cde-0000-4000-8000-000000000042", "git.push", "https://gone.example.com/"),
        webhook(4, WEBSITE_ID, "git.teleported", "https://new.example.com/"),
        live({ id: GUID(5), consumerId: "carrierPigeon", consumerActionId: "fly", consumerInputs: {} }),
        live({ id: GUID(6), consumerId: "webHooks", consumerActionId: "fax", consumerInputs: { url: "https://fax.example.com/" } }),
      ],
      PROJECTS,
    );
    expect(model.files.map((file) => [file.path, file.subscriptions.map((subscription) => subscription.id)])).toEqual([
      ["hooks/organization-wide.yaml", [GUID(2)]],
      ["hooks/website.yaml", [GUID(1)]],
    ]);
    expect(model.files[0]?.subscriptions[0]).toMatchObject({ organizationWide: true, project: "" });
    expect(model.skipped.map((skipped) => `${skipped.id} [${skipped.project ?? "-"}] ${skipped.label}: ${skipped.reason}`)).toMatchInlineSnapshot(`
      [
        "00000000-0000-4000-8000-000000000003 [-] git.push -> webHooks (gone.example.com): its project 9a6f1cde-0000-4000-8000-000000000042 is not in the organization's project list",
        "00000000-0000-4000-8000-000000000005 [WebSite] build.complete -> carrierPigeon: consumer "carrierPigeon" is not in hookops's catalog, so the file would not validate",
        "00000000-0000-4000-8000-000000000006 [WebSite] build.complete -> webHooks (fax.example.com): consumer action "webHooks/fax" is not in hookops's catalog, so the file would not validate",
        "00000000-0000-4000-8000-000000000004 [WebSite] git.teleported -> webHooks (new.example.com): event type "git.teleported" is not in hookops's catalog, so the file would not validate",
      ]
    `);
  });

  it("leaves out subscriptions matching a protect selector", () => {
    const model = buildExportModel(
      [webhook(1, WEBSITE_ID, "git.push", "https://zapier.example.com/x"), webhook(2, WEBSITE_ID, "git.push", "https://keep.example.com/")],
      PROJECTS,
      { protect: [{ url: "https://zapier.example.com/*" }] },
    );
    expect(model.files[0]?.subscriptions.map((subscription) => subscription.id)).toEqual([GUID(2)]);
    expect(model.skipped.map((skipped) => skipped.reason)).toEqual(["it matches a protect selector in hookops.yaml"]);
  });

  it("keeps one of several identical live subscriptions (the enabled one, then the oldest) and reports the others", () => {
    const model = buildExportModel(
      [
        webhook(1, WEBSITE_ID, "git.push", "https://hooks.example.com/", { status: "disabledBySystem", createdDate: "2024-01-01T00:00:00Z" }),
        webhook(2, WEBSITE_ID, "git.push", "https://HOOKS.example.com:443/", { createdDate: "2025-06-01T00:00:00Z" }),
        webhook(3, WEBSITE_ID, "git.push", "https://hooks.example.com/", { createdDate: "2025-01-01T00:00:00Z" }),
      ],
      PROJECTS,
    );
    expect(model.files[0]?.subscriptions.map((subscription) => `${subscription.name} ${subscription.id}`)).toEqual([
      `git-push-webhooks-hooks-example-com ${GUID(3)}`,
    ]);
    expect(model.skipped.map((skipped) => `${skipped.id}: ${skipped.reason}`)).toEqual([
      `${GUID(1)}: a duplicate of "git-push-webhooks-hooks-example-com" (${GUID(3)}): same project, event, filters and target; plan reports it as a duplicate and prunes it when pruning is enabled`,
      `${GUID(2)}: a duplicate of "git-push-webhooks-hooks-example-com" (${GUID(3)}): same project, event, filters and target; plan reports it as a duplicate and prunes it when pruning is enabled`,
    ]);
  });

  it("lists every placeholder variable once, sorted, with the file and subscription it belongs to", () => {
    const model = buildExportModel(
      [
        live({
          id: GUID(1),
          publisherInputs: { projectId: PLATFORM_ID },
          consumerInputs: { url: "https://p.example.com/", basicAuthUsername: "u", basicAuthPassword: "********" },
        }),
        live({
          id: GUID(2),
          publisherInputs: { projectId: MOBILE_ID },
          consumerInputs: { url: "https://m.example.com/", basicAuthUsername: "u", basicAuthPassword: "********" },
        }),
      ],
      PROJECTS,
    );
    expect(model.variables).toEqual([
      {
        name: "HOOKOPS_BUILD_COMPLETE_WEBHOOKS_M_EXAMPLE_COM_BASIC_AUTH_PASSWORD",
        subscription: "build-complete-webhooks-m-example-com",
        input: "basicAuthPassword",
        file: "hooks/mobile.yaml",
      },
      {
        name: "HOOKOPS_BUILD_COMPLETE_WEBHOOKS_P_EXAMPLE_COM_BASIC_AUTH_PASSWORD",
        subscription: "build-complete-webhooks-p-example-com",
        input: "basicAuthPassword",
        file: "hooks/platform.yaml",
      },
    ]);
  });
});

describe("project file paths", () => {
  it("are hooks/<slug>.yaml, distinct even when two project names slug alike", () => {
    const paths = projectFilePaths([
      { id: "A", name: "Web Site" },
      { id: "B", name: "web-site" },
      { id: "C", name: "Ünïcode Project" },
      { id: "D", name: "!!!" },
    ]);
    expect(Object.fromEntries(paths)).toEqual({ a: "hooks/web-site.yaml", b: "hooks/web-site-2.yaml", c: "hooks/unicode-project.yaml", d: "hooks/d.yaml" });
  });
});

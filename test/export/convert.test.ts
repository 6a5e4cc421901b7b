import { describe, expect, it } from "vitest";
import type { HostedSubscription } from "../../src/ado/types.js";
import type { SubscriptionDefaults } from "../../src/config/types.js";
import { buildExportModel } from "../../src/export/model.js";
import { renderSubscriptionFile } from "../../src/export/render.js";
import { live, MOBILE_ID, PLATFORM_ID, PROJECTS, WEBSITE_ID } from "./helpers.js";

/** The YAML export writes for these live subscriptions (all in one project). */
function exported(subscriptions: HostedSubscription[], defaults?: SubscriptionDefaults): string {
  const model = buildExportModel(subscriptions, PROJECTS, defaults ? { defaults } : {});
  expect(model.files).toHaveLength(1);
  const [file] = model.files;
  if (!file) throw new Error("no file");
  return renderSubscriptionFile(file, { organization: "fabrikam", schemaRef: "../schemas/subscriptions.schema.json" });
}

describe("a live subscription in the repository format", () => {
  it("drops server-added fields, names the project, pins the id and makes the masked password a placeholder", () => {
    const yaml = exported([
      live({
        consumerInputs: { url: "https://hooks.example.com/ado", basicAuthUsername: "ado", basicAuthPassword: "********" },
      }),
    ]);
    expect(yaml).toMatchInlineSnapshot(`
      "# yaml-language-server: $schema=../schemas/subscriptions.schema.json
      # Exported by \`hookops export\` from fabrikam, project WebSite.
      # Secrets are never exported. Set these environment variables before \`hookops apply\`:
      #   HOOKOPS_BUILD_COMPLETE_WEBHOOKS_HOOKS_EXAMPLE_COM_BASIC_AUTH_PASSWORD  (build-complete-webhooks-hooks-example-com: consumerInputs.basicAuthPassword)

      subscriptions:
        - name: build-complete-webhooks-hooks-example-com
          id: 8dea9aba-3a9a-4ad0-860f-2a5c7379e3eb
          project: WebSite
          eventType: build.complete
          resourceVersion: "1.0"
          publisherInputs:
            definitionName: WebSite.CI
            buildStatus: Failed
          consumerId: webHooks
          consumerActionId: httpRequest
          consumerInputs:
            url: https://hooks.example.com/ado
            basicAuthUsername: ado
            basicAuthPassword: \${env:HOOKOPS_BUILD_COMPLETE_WEBHOOKS_HOOKS_EXAMPLE_COM_BASIC_AUTH_PASSWORD}
      "
    `);
    for (const serverField of [
      "hostId",
      "tfsSubscriptionId",
      "projectId",
      "eventDescription",
      "actionDescription",
      "createdDate",
      "modifiedBy",
      "_links",
      "dev.azure.com",
      "********",
    ]) {
      expect(yaml).not.toContain(serverField);
    }
  });

  it('drops UI defaults: "" filters, the *ToSend "all", a null resourceVersion and an absent status', () => {
    const yaml = exported([
      live({
        eventType: "git.push",
        resourceVersion: null,
        status: undefined,
        publisherInputs: { projectId: WEBSITE_ID, repository: "", branch: "", pushedBy: "", hostId: "d81542e4-cdfa-4333-b082-1ae2d6c3ad16" },
        consumerInputs: {
          url: "https://hooks.example.com/push",
          resourceDetailsToSend: "all",
          messagesToSend: "all",
          detailedMessagesToSend: "all",
          basicAuthUsername: "",
        },
      }),
    ]);
    expect(yaml).toMatchInlineSnapshot(`
      "# yaml-language-server: $schema=../schemas/subscriptions.schema.json
      # Exported by \`hookops export\` from fabrikam, project WebSite.

      subscriptions:
        - name: git-push-webhooks-hooks-example-com
          id: 8dea9aba-3a9a-4ad0-860f-2a5c7379e3eb
          project: WebSite
          eventType: git.push
          consumerId: webHooks
          consumerActionId: httpRequest
          consumerInputs:
            url: https://hooks.example.com/push
      "
    `);
  });

  it("keeps required inputs even at their default value, and writes numbers as strings", () => {
    const yaml = exported([
      live({
        eventType: "workitem.created",
        publisherInputs: { projectId: MOBILE_ID, workItemType: "Bug", areaPath: "" },
        consumerId: "azureStorageQueue",
        consumerActionId: "enqueue",
        consumerInputs: { accountName: "fabrikamhooks", accountKey: "********", queueName: "mobile-bugs", visiTimeout: "0", ttl: "604800" },
      }),
    ]);
    expect(yaml).toContain('visiTimeout: "0"');
    expect(yaml).toContain('ttl: "604800"');
    expect(yaml).toContain("accountKey: ${env:HOOKOPS_WORKITEM_CREATED_AZURESTORAGEQUEUE_FABRIKAMHOOKS_MOBILE_BUGS_ACCOUNT_KEY}");
    expect(yaml).not.toContain("areaPath");
  });

  it("maps disabledByUser to enabled: false, and unhealthy statuses to enabled: true with a comment", () => {
    const at = (host: string): HostedSubscription["consumerInputs"] => ({ url: `https://${host}.example.com/ado` });
    const yaml = exported([
      live({ id: "00000000-0000-4000-8000-000000000001", status: "disabledByUser", consumerInputs: at("off") }),
      live({ id: "00000000-0000-4000-8000-000000000002", status: "onProbation", probationRetries: 3, consumerInputs: at("probation") }),
      live({ id: "00000000-0000-4000-8000-000000000003", status: "disabledBySystem", consumerInputs: at("system") }),
      live({ id: "00000000-0000-4000-8000-000000000004", status: "disabledByInactiveIdentity", consumerInputs: at("identity") }),
    ]);
    expect(yaml).toMatchInlineSnapshot(`
      "# yaml-language-server: $schema=../schemas/subscriptions.schema.json
      # Exported by \`hookops export\` from fabrikam, project WebSite.

      subscriptions:
        - name: build-complete-webhooks-identity-example-com
          id: 00000000-0000-4000-8000-000000000004
          project: WebSite
          eventType: build.complete
          resourceVersion: "1.0"
          publisherInputs:
            definitionName: WebSite.CI
            buildStatus: Failed
          consumerId: webHooks
          consumerActionId: httpRequest
          consumerInputs:
            url: https://identity.example.com/ado
          # Live status was disabledByInactiveIdentity (unhealthy). "enabled: true" asks hookops to repair it on apply; write "enabled: false" to keep it off.
          enabled: true

        - name: build-complete-webhooks-off-example-com
          id: 00000000-0000-4000-8000-000000000001
          project: WebSite
          eventType: build.complete
          resourceVersion: "1.0"
          publisherInputs:
            definitionName: WebSite.CI
            buildStatus: Failed
          consumerId: webHooks
          consumerActionId: httpRequest
          consumerInputs:
            url: https://off.example.com/ado
          enabled: false

        - name: build-complete-webhooks-probation-example-com
          id: 00000000-0000-4000-8000-000000000002
          project: WebSite
          eventType: build.complete
          resourceVersion: "1.0"
          publisherInputs:
            definitionName: WebSite.CI
            buildStatus: Failed
          consumerId: webHooks
          consumerActionId: httpRequest
          consumerInputs:
            url: https://probation.example.com/ado
          # Live status was onProbation (unhealthy). "enabled: true" asks hookops to repair it on apply; write "enabled: false" to keep it off.
          enabled: true

        - name: build-complete-webhooks-system-example-com
          id: 00000000-0000-4000-8000-000000000003
          project: WebSite
          eventType: build.complete
          resourceVersion: "1.0"
          publisherInputs:
            definitionName: WebSite.CI
            buildStatus: Failed
          consumerId: webHooks
          consumerActionId: httpRequest
          consumerInputs:
            url: https://system.example.com/ado
          # Live status was disabledBySystem (unhealthy). "enabled: true" asks hookops to repair it on apply; write "enabled: false" to keep it off.
          enabled: true
      "
    `);
  });

  it("exports release (rm) subscriptions without publisherId, which the catalog infers", () => {
    const yaml = exported([
      live({
        host: "release",
        publisherId: "rm",
        eventType: "ms.vss-release.deployment-completed-event",
        resourceVersion: "3.0-preview.1",
        publisherInputs: { projectId: PLATFORM_ID, releaseEnvironmentStatus: "4", releaseDefinitionId: "" },
        consumerInputs: { url: "https://deploy.example.com/hook" },
      }),
    ]);
    expect(yaml).toMatchInlineSnapshot(`
      "# yaml-language-server: $schema=../schemas/subscriptions.schema.json
      # Exported by \`hookops export\` from fabrikam, project Platform.

      subscriptions:
        - name: release-deployment-completed-webhooks-deploy-example-com
          id: 8dea9aba-3a9a-4ad0-860f-2a5c7379e3eb
          project: Platform
          eventType: ms.vss-release.deployment-completed-event
          resourceVersion: 3.0-preview.1
          publisherInputs:
            releaseEnvironmentStatus: "4"
          consumerId: webHooks
          consumerActionId: httpRequest
          consumerInputs:
            url: https://deploy.example.com/hook
      "
    `);
  });

  it("writes publisherId when the catalog cannot infer it (an event it does not list, of a publisher it only partly knows)", () => {
    const yaml = exported([live({ publisherId: "distributedtask", eventType: "agentpool.deleted", publisherInputs: { projectId: WEBSITE_ID } })]);
    expect(yaml).toContain("publisherId: distributedtask");
  });

  it("adds allowInsecureUrl for an http:// URL, so the file validates as it is live", () => {
    const yaml = exported([live({ consumerInputs: { url: "http://ci.internal:8080/build" } })]);
    expect(yaml).toContain("allowInsecureUrl: true");
    expect(yaml).toContain("# Its URL uses http://");
  });

  it("escapes a literal ${ so it does not read back as a reference", () => {
    const yaml = exported([live({ consumerInputs: { url: "https://hooks.example.com/ado", basicAuthUsername: "user${x}" } })]);
    expect(yaml).toContain("basicAuthUsername: user$${x}");
  });
});

describe("secrets", () => {
  const secrets = ["hunter2-password", "Bearer abc.def.ghi", "F1ncti0nK3y==", "p4ss", "X".repeat(64)];

  it("become ${env:…} placeholders wherever they are, and no value reaches the file", () => {
    const model = buildExportModel(
      [
        live({
          consumerInputs: {
            url: "https://bot:p4ss@hooks.example.com/api/hook?code=F1ncti0nK3y==&clientId=web",
            httpHeaders: "X-Trace: on\nAuthorization: Bearer abc.def.ghi",
            basicAuthUsername: "ado",
            // A confidential value the service returned in clear is still never written.
            basicAuthPassword: "hunter2-password",
          },
        }),
        live({
          id: "5b0e5c6b-0c4a-4f0e-9d7e-0d8c9a7b6e51",
          eventType: "workitem.created",
          publisherInputs: { projectId: WEBSITE_ID },
          consumerId: "azureStorageQueue",
          consumerActionId: "enqueue",
          consumerInputs: { accountName: "fabrikamhooks", accountKey: "X".repeat(64), queueName: "bugs", visiTimeout: "0", ttl: "604800" },
        }),
      ],
      PROJECTS,
    );
    const [file] = model.files;
    if (!file) throw new Error("no file");
    const yaml = renderSubscriptionFile(file, { organization: "fabrikam" });
    for (const secret of secrets) expect(yaml).not.toContain(secret);
    expect(yaml).toMatchInlineSnapshot(`
      "# Exported by \`hookops export\` from fabrikam, project WebSite.
      # Secrets are never exported. Set these environment variables before \`hookops apply\`:
      #   HOOKOPS_BUILD_COMPLETE_WEBHOOKS_HOOKS_EXAMPLE_COM_BASIC_AUTH_PASSWORD  (build-complete-webhooks-hooks-example-com: consumerInputs.basicAuthPassword)
      #   HOOKOPS_BUILD_COMPLETE_WEBHOOKS_HOOKS_EXAMPLE_COM_HTTP_HEADERS_AUTHORIZATION  (build-complete-webhooks-hooks-example-com: consumerInputs.httpHeaders)
      #   HOOKOPS_BUILD_COMPLETE_WEBHOOKS_HOOKS_EXAMPLE_COM_URL_CODE  (build-complete-webhooks-hooks-example-com: consumerInputs.url)
      #   HOOKOPS_BUILD_COMPLETE_WEBHOOKS_HOOKS_EXAMPLE_COM_URL_PASSWORD  (build-complete-webhooks-hooks-example-com: consumerInputs.url)
      #   HOOKOPS_WORKITEM_CREATED_AZURESTORAGEQUEUE_FABRIKAMHOOKS_BUGS_ACCOUNT_KEY  (workitem-created-azurestoragequeue-fabrikamhooks-bugs: consumerInputs.accountKey)

      subscriptions:
        - name: build-complete-webhooks-hooks-example-com
          id: 8dea9aba-3a9a-4ad0-860f-2a5c7379e3eb
          project: WebSite
          eventType: build.complete
          resourceVersion: "1.0"
          publisherInputs:
            definitionName: WebSite.CI
            buildStatus: Failed
          consumerId: webHooks
          consumerActionId: httpRequest
          consumerInputs:
            url: https://bot:\${env:HOOKOPS_BUILD_COMPLETE_WEBHOOKS_HOOKS_EXAMPLE_COM_URL_PASSWORD}@hooks.example.com/api/hook?code=\${env:HOOKOPS_BUILD_COMPLETE_WEBHOOKS_HOOKS_EXAMPLE_COM_URL_CODE}&clientId=web
            httpHeaders: |-
              X-Trace: on
              Authorization: \${env:HOOKOPS_BUILD_COMPLETE_WEBHOOKS_HOOKS_EXAMPLE_COM_HTTP_HEADERS_AUTHORIZATION}
            basicAuthUsername: ado
            basicAuthPassword: \${env:HOOKOPS_BUILD_COMPLETE_WEBHOOKS_HOOKS_EXAMPLE_COM_BASIC_AUTH_PASSWORD}

        - name: workitem-created-azurestoragequeue-fabrikamhooks-bugs
          id: 5b0e5c6b-0c4a-4f0e-9d7e-0d8c9a7b6e51
          project: WebSite
          eventType: workitem.created
          resourceVersion: "1.0"
          consumerId: azureStorageQueue
          consumerActionId: enqueue
          consumerInputs:
            accountName: fabrikamhooks
            accountKey: \${env:HOOKOPS_WORKITEM_CREATED_AZURESTORAGEQUEUE_FABRIKAMHOOKS_BUGS_ACCOUNT_KEY}
            queueName: bugs
            visiTimeout: "0"
            ttl: "604800"
      "
    `);
    expect(model.variables.map((variable) => `${variable.name} <- ${variable.subscription} ${variable.input}`)).toMatchInlineSnapshot(`
      [
        "HOOKOPS_BUILD_COMPLETE_WEBHOOKS_HOOKS_EXAMPLE_COM_BASIC_AUTH_PASSWORD <- build-complete-webhooks-hooks-example-com basicAuthPassword",
        "HOOKOPS_BUILD_COMPLETE_WEBHOOKS_HOOKS_EXAMPLE_COM_HTTP_HEADERS_AUTHORIZATION <- build-complete-webhooks-hooks-example-com httpHeaders",
        "HOOKOPS_BUILD_COMPLETE_WEBHOOKS_HOOKS_EXAMPLE_COM_URL_CODE <- build-complete-webhooks-hooks-example-com url",
        "HOOKOPS_BUILD_COMPLETE_WEBHOOKS_HOOKS_EXAMPLE_COM_URL_PASSWORD <- build-complete-webhooks-hooks-example-com url",
        "HOOKOPS_WORKITEM_CREATED_AZURESTORAGEQUEUE_FABRIKAMHOOKS_BUGS_ACCOUNT_KEY <- workitem-created-azurestoragequeue-fabrikamhooks-bugs accountKey",
      ]
    `);
  });

  it("a value the service masked for an input the catalog does not call confidential also becomes a placeholder", () => {
    const yaml = exported([live({ consumerInputs: { url: "https://hooks.example.com/ado", basicAuthUsername: "********" } })]);
    expect(yaml).toContain("basicAuthUsername: ${env:HOOKOPS_BUILD_COMPLETE_WEBHOOKS_HOOKS_EXAMPLE_COM_BASIC_AUTH_USERNAME}");
  });
});

describe("defaults of an existing hookops.yaml", () => {
  it("are cancelled where the live subscription differs, so nothing is inherited by accident", () => {
    const yaml = exported([live({ resourceVersion: null })], {
      enabled: false,
      publisherId: "tfs",
      resourceVersion: "1.0",
      publisherInputs: { buildStatus: "Failed", repository: "2c4b6a1e-0000-4000-8000-000000000000" },
      consumerInputs: { messagesToSend: "none" },
    });
    expect(yaml).toMatchInlineSnapshot(`
      "# yaml-language-server: $schema=../schemas/subscriptions.schema.json
      # Exported by \`hookops export\` from fabrikam, project WebSite.

      subscriptions:
        - name: build-complete-webhooks-hooks-example-com
          id: 8dea9aba-3a9a-4ad0-860f-2a5c7379e3eb
          project: WebSite
          publisherId: tfs
          eventType: build.complete
          publisherInputs:
            definitionName: WebSite.CI
            buildStatus: Failed
            repository: null
          consumerId: webHooks
          consumerActionId: httpRequest
          consumerInputs:
            url: https://hooks.example.com/ado
            messagesToSend: null
          enabled: true
      "
    `);
  });

  it("that cannot be cancelled (resourceVersion) are reported", () => {
    const model = buildExportModel([live({ resourceVersion: null })], PROJECTS, { defaults: { resourceVersion: "1.0" } });
    expect(model.warnings).toEqual([
      '"build-complete-webhooks-hooks-example-com" uses the latest resource version, which the file cannot say while hookops.yaml sets defaults.resourceVersion "1.0"; plan will show that change.',
    ]);
  });
});

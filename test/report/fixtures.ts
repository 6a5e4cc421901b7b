// Plans for the renderer tests, built by the real reconciler from inline subscriptions.
import { buildPlan } from "../../src/reconcile/index.js";
import type { Plan } from "../../src/reconcile/types.js";
import { desired, input, live } from "../reconcile/builders.js";

const URL = "https://hooks.example.com/ado";

/** One of each: create, update (with a header diff), replace, delete, repair, plus every section (warning, refusal, ...). */
export function mixedPlan(): Plan {
  return buildPlan(
    input({
      desired: [
        desired({ name: "mobile-ci", project: "Mobil" }),
        desired({
          name: "website-ci-failed",
          id: "00000000-0000-4000-8000-00000000dead",
          consumerInputs: { url: URL, basicAuthUsername: "ado", basicAuthPassword: "${env:WEBSITE_HOOK_PASSWORD}" },
        }),
        desired({
          name: "website-pr-updated",
          eventType: "git.pullrequest.updated",
          resourceVersion: "1.0-preview.1",
          publisherInputs: {},
          consumerInputs: { url: "https://pr.example.com/hook", httpHeaders: "X-Team: web\nX-Env: prod\nX-Trace: on", messagesToSend: "markdown" },
        }),
        desired({ name: "website-deploys", id: "3f0c0a4e-0000-4000-8000-000000000003", consumerInputs: { url: "https://deploys.example.com/v2" } }),
        desired({ name: "website-push", eventType: "git.push", publisherInputs: {}, consumerInputs: { url: "https://push.example.com/" } }),
      ],
      live: [
        live({
          id: "2b1d0c5e-0000-4000-8000-000000000002",
          eventType: "git.pullrequest.updated",
          resourceVersion: "1.0-preview.1",
          publisherInputs: { projectId: "6ce954b1-ce1f-45d1-b94d-e6bf2464ba2c" },
          consumerInputs: { url: "https://pr.example.com/hook", httpHeaders: "X-Team: web\nX-Env: staging", messagesToSend: "text" },
        }),
        live({ id: "3f0c0a4e-0000-4000-8000-000000000003", consumerInputs: { url: "https://deploys.example.com/v1" } }),
        live({
          id: "4a7e9b10-0000-4000-8000-000000000004",
          eventType: "git.push",
          publisherInputs: { projectId: "6ce954b1-ce1f-45d1-b94d-e6bf2464ba2c" },
          consumerInputs: { url: "https://push.example.com/" },
          status: "onProbation",
          probationRetries: 2,
        }),
        live({ id: "5c3f2d11-0000-4000-8000-000000000005", consumerInputs: { url: "https://retired.example.com/hook?key=abc" } }),
        live({ id: "6d4e3f22-0000-4000-8000-000000000006", consumerInputs: { url: "https://teams.example.com/" }, status: "disabledBySystem" }),
      ],
      protect: [{ url: "https://teams.example.com/*" }],
    }),
  );
}

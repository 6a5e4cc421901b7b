// Bundles the GitHub Action (src/action) into dist/index.js: one ESM file, no node_modules at run time.
import { build } from "esbuild";

const NO_EMULATOR_MESSAGE =
  'organization "emulator" runs hookops against its embedded emulator, which the GitHub Action does not include; ' +
  "set `organization` to your Azure DevOps organization, or to the URL of an emulator started with `hookops emulator`.";

/**
 * The emulator is loaded only for `--org emulator` (src/engine/connect.ts imports it dynamically);
 * the Action ships without it, and that one import answers with a clean error instead.
 */
const withoutEmulator = {
  name: "without-emulator",
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /\/emulator\/index\.js$/ }, () => ({ path: "emulator", namespace: "without-emulator" }));
    pluginBuild.onLoad({ filter: /.*/, namespace: "without-emulator" }, () => ({
      contents: `import { HookopsError } from "./errors.ts";\nexport async function startEmulator() { throw new HookopsError(${JSON.stringify(NO_EMULATOR_MESSAGE)}); }\n`,
      resolveDir: "src",
      loader: "ts",
    }));
  },
};

const NO_IDENTITY_MESSAGE =
  "the hookops GitHub Action signs in with the `token` input, `azure-client-id` + `azure-tenant-id` (GitHub OIDC), " +
  "AZURE_DEVOPS_TOKEN or SYSTEM_ACCESSTOKEN; for a client secret, a certificate, a managed identity or the Azure CLI run `npx hookops` in a step";

/**
 * `@azure/identity` (client secrets and certificates, managed identity, Azure CLI, Azure Pipelines
 * service connections) is loaded only for those sign-ins (src/ado/entra.ts) and would add 1 MB:
 * the Action ships without it (src/action/credentials.ts never picks those sources).
 */
const withoutIdentity = {
  name: "without-identity",
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^@azure\/identity$/ }, () => ({ path: "identity", namespace: "without-identity" }));
    pluginBuild.onLoad({ filter: /.*/, namespace: "without-identity" }, () => ({
      contents: `throw new Error(${JSON.stringify(NO_IDENTITY_MESSAGE)});\n`,
      loader: "js",
    }));
  },
};

await build({
  entryPoints: ["src/action/main.ts"],
  outfile: "dist/index.js",
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  legalComments: "none",
  logLevel: "warning",
  plugins: [withoutEmulator, withoutIdentity],
  // CommonJS dependencies bundled into ESM still call require() for Node built-ins.
  banner: { js: "import { createRequire as __hookopsCreateRequire } from 'node:module'; const require = __hookopsCreateRequire(import.meta.url);" },
});

// Import rules for `npm run depcruise`: the stage order of the README's "Working on hookops" table.
// A stage imports only the stages above it in that table, plus the helpers (src/util, src/errors.ts);
// where a stage needs only another stage's types, the rule says so by naming the module.

/** A regex matching the given folders (or single files) under src/. */
const under = (...paths) => `^src/(${paths.join("|")})(/|$)`;

/** The helpers every stage may use. */
const HELPERS = ["util", "errors\\.ts"];
/** The service's data shapes and constants (no client, no network): what "ado types" means below. */
const ADO_TYPES = "ado/types\\.ts";

/** What each folder of src/ may import from src/ besides itself, top of the table first. */
const STAGES = {
  util: ["errors\\.ts"],
  "errors\\.ts": ["util"],
  catalog: [...HELPERS],
  ado: ["catalog", ...HELPERS],
  compare: ["catalog", ADO_TYPES, ...HELPERS],
  // isApiVersion: config validates the apiVersion key of hookops.yaml.
  config: ["compare", "catalog", ADO_TYPES, "ado/routes\\.ts", ...HELPERS],
  // hostOf: which host (default or release) a subscription's event lives on.
  reconcile: ["compare", "catalog", "config/types\\.ts", ADO_TYPES, "ado/release-host\\.ts", ...HELPERS],
  apply: ["reconcile", "ado", "config", "compare", "catalog", ...HELPERS],
  export: ["reconcile", "ado", "compare", "catalog", "config", ...HELPERS],
  report: ["apply", "export", "reconcile", "config", "compare", "catalog", ADO_TYPES, ...HELPERS],
  emulator: ["catalog", "compare", ADO_TYPES, ...HELPERS],
};

const STAGE_RULES = Object.entries(STAGES).map(([stage, allowed]) => ({
  name: `stage-${stage.replace("\\.ts", "")}`,
  comment: `src/${stage.replace("\\", "")} imports only ${allowed.map((a) => a.replaceAll("\\", "")).join(", ")} (README: "Working on hookops")`,
  severity: "error",
  from: { path: under(stage) },
  to: { path: "^src/", pathNot: [under(stage), under(...allowed)] },
}));

module.exports = {
  forbidden: [
    ...STAGE_RULES,
    {
      name: "stage-engine",
      comment: "the engine connects every stage for the shells, and knows nothing of the shells",
      severity: "error",
      from: { path: under("engine") },
      to: { path: under("cli", "action", "pipelines") },
    },
    {
      name: "emulator-on-demand",
      comment:
        "the emulator is loaded only for --org emulator and `hookops emulator` (a dynamic import), so plain runs and the Action bundle never load it; " +
        "the CLI's emulator command is itself loaded on demand",
      severity: "error",
      from: { path: "^src/", pathNot: [under("emulator"), "^src/cli/commands/emulator\\.ts$"] },
      to: { path: under("emulator"), dependencyTypesNot: ["dynamic-import", "type-only"] },
    },
    {
      name: "action-without-emulator",
      comment: "the emulator is not part of the Action bundle, not even loaded on demand",
      severity: "error",
      from: { path: under("action") },
      to: { path: under("emulator") },
    },
    {
      name: "pipelines-shell",
      comment:
        "src/pipelines is the Azure Pipelines shell (over engine, report and ado) that the CLI's plan command calls: " +
        "it imports neither the CLI, nor the Action, nor the emulator, and the Action does not import it",
      severity: "error",
      from: { path: under("pipelines") },
      to: { path: under("cli", "action", "emulator") },
    },
    {
      name: "action-without-pipelines",
      comment: "the Action has its own pull request comment; the Azure Pipelines shell is not part of its bundle",
      severity: "error",
      from: { path: under("action") },
      to: { path: under("pipelines") },
    },
    {
      name: "shells-apart",
      comment: "the CLI and the Action are two shells over the engine: neither imports the other",
      severity: "error",
      from: { path: under("cli") },
      to: { path: under("action") },
    },
    {
      name: "shells-apart-action",
      comment: "the CLI and the Action are two shells over the engine: neither imports the other",
      severity: "error",
      from: { path: under("action") },
      to: { path: under("cli") },
    },
    {
      name: "only-action-imports-actions",
      comment: "only src/action imports @actions/* (README: shells)",
      severity: "error",
      from: { pathNot: under("action") },
      to: { path: "(^|/)node_modules/@actions/" },
    },
    {
      name: "src-not-to-tests",
      comment: "nothing in src imports tests, benchmarks or scripts",
      severity: "error",
      from: { path: "^src/" },
      to: { path: "^(test|bench|scripts)/" },
    },
    {
      name: "lib-not-to-dev-dep",
      comment: "lib/ is published with `dependencies` only; src/action is bundled, so it may use devDependencies",
      severity: "error",
      from: { path: "^src/", pathNot: under("action") },
      to: { dependencyTypes: ["npm-dev"], dependencyTypesNot: ["type-only"] },
    },
    {
      name: "no-circular",
      comment: "no import cycles that exist at run time (a cycle only through `import type` is erased)",
      severity: "error",
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ["type-only"] } },
    },
    {
      name: "not-to-unresolvable",
      comment: "every import resolves (the benchmarks' imports of the built lib/ resolve once `npm run build` has run)",
      severity: "error",
      from: {},
      to: { couldNotResolve: true, pathNot: "^\\.\\./lib/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(dist|lib)/" },
    // Keep `import type` edges, so the rules above can tell a type from a value.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".mts", ".js", ".mjs"],
    },
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};

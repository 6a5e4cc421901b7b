import path from "node:path";
import { inertText as shown } from "../util/inert.js";
import type { ExportOutcome } from "../export/types.js";
import { toPosix } from "../util/paths.js";
import { countOf } from "../util/text.js";

/**
 * What export did, for a terminal. The environment variables to set come last, so they are
 * what the user sees; only their names are known, never a value. Every value from the service
 * or the user is made inert; labels show URLs by host only.
 */
export function renderExportText(outcome: ExportOutcome, cwd: string): string {
  const { model } = outcome;
  const fileShown = (relative: string): string => shown(toPosix(path.relative(cwd, path.join(outcome.outDir, relative))) || ".");
  const outShown = shown(toPosix(path.relative(cwd, outcome.outDir)) || ".");
  const organization = shown(outcome.organization);
  const count = model.files.reduce((total, file) => total + file.subscriptions.length, 0);
  const lines: string[] = [];
  lines.push(
    count === 0 ? `No subscriptions to export from ${organization}.` : `Exported ${countOf(count, "subscription")} from ${organization} into ${outShown}:`,
  );
  const perFile = new Map(model.files.map((file) => [file.path, file.subscriptions.length]));
  const width = Math.max(0, ...outcome.written.map((file) => fileShown(file.path).length));
  for (const file of outcome.written) {
    const subscriptions = perFile.get(file.path);
    const detail = subscriptions === undefined ? "" : `  ${countOf(subscriptions, "subscription")}`;
    lines.push(`  ${file.action.padEnd(11)} ${fileShown(file.path).padEnd(width)}${detail}`.trimEnd());
  }
  if (model.skipped.length > 0) {
    lines.push("", `Not exported (${model.skipped.length}):`);
    for (const skipped of model.skipped) {
      const project = skipped.project === undefined ? "" : ` [${shown(skipped.project)}]`;
      lines.push(`  - ${shown(skipped.label)}${project} ${shown(skipped.id)}: ${shown(skipped.reason)}`);
    }
  }
  if (outcome.warnings.length > 0) {
    lines.push("", "Warnings:");
    for (const warning of outcome.warnings) lines.push(`  - ${shown(warning)}`);
  }
  if (count > 0) lines.push("", `Next: hookops validate ${outShown} && hookops plan ${outShown}`);
  if (model.variables.length > 0) {
    lines.push("", "Secrets are never exported. Set these environment variables before `hookops apply` (plan works without them):");
    const nameWidth = Math.max(...model.variables.map((variable) => variable.name.length));
    for (const variable of model.variables) {
      lines.push(`  ${variable.name.padEnd(nameWidth)}  ${fileShown(variable.file)}: ${shown(variable.subscription)} consumerInputs.${shown(variable.input)}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

/** Machine output (formatVersion 1): names and paths only, never a secret value. */
export function renderExportJson(outcome: ExportOutcome, cwd: string): string {
  const { model } = outcome;
  const perFile = new Map(model.files.map((file) => [file.path, file]));
  const report = {
    formatVersion: 1,
    organization: outcome.organization,
    out: toPosix(path.relative(cwd, outcome.outDir)) || ".",
    files: outcome.written.map((written) => {
      const file = perFile.get(written.path);
      return {
        path: written.path,
        action: written.action,
        ...(file
          ? { project: file.project.name, subscriptions: file.subscriptions.map((subscription) => ({ name: subscription.name, id: subscription.id })) }
          : {}),
      };
    }),
    skipped: model.skipped,
    warnings: outcome.warnings,
    variables: model.variables,
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}

import type { Finding } from "../config/types.js";
import { countOf } from "../util/text.js";
import { codeSpan, markdownText } from "./markdown-escape.js";

function findingRow(finding: Finding): string {
  const icon = finding.severity === "error" ? "❌ error" : "⚠️ warning";
  return `| ${codeSpan(`${finding.file}:${finding.line}:${finding.column}`, { inTable: true })} | ${icon} | ${codeSpan(finding.rule, { inTable: true })} | ${markdownText(finding.message)} |`;
}

/**
 * The findings as a table, keeping only as many rows as fit in `maxLength` characters; the
 * last line then says how many were left out.
 */
export function findingsTable(findings: readonly Finding[], maxLength = Number.POSITIVE_INFINITY): string {
  const header = ["| Where | Severity | Rule | Message |", "|---|---|---|---|"];
  const lines = [...header];
  let length = header.join("\n").length;
  const reserve = 120;
  for (const [index, finding] of findings.entries()) {
    const row = findingRow(finding);
    const last = index === findings.length - 1;
    if (length + 1 + row.length + (last ? 0 : reserve) > maxLength) {
      const rest = findings.length - index;
      return `${lines.join("\n")}\n\n_${countOf(rest, "more finding")} not shown here; the job summary lists them all._`;
    }
    lines.push(row);
    length += 1 + row.length;
  }
  return lines.join("\n");
}

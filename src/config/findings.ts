import type { Finding, Severity, SourceLocation } from "./types.js";

/** Collects findings; rules call `error`/`warning` and never throw for bad input. */
export class FindingSink {
  readonly findings: Finding[] = [];

  add(severity: Severity, rule: string, message: string, location: SourceLocation): void {
    this.findings.push({ file: location.file, line: location.line, column: location.column, severity, rule, message });
  }

  error(rule: string, message: string, location: SourceLocation): void {
    this.add("error", rule, message, location);
  }

  warning(rule: string, message: string, location: SourceLocation): void {
    this.add("warning", rule, message, location);
  }
}

export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((finding) => finding.severity === "error");
}

function compare(a: string | number, b: string | number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Findings in a stable order (file, line, column, rule, message), exact duplicates removed. */
export function sortFindings(findings: readonly Finding[], fileOrder: readonly string[] = []): Finding[] {
  const rank = new Map(fileOrder.map((file, index) => [file, index]));
  const seen = new Set<string>();
  const unique = findings.filter((finding) => {
    const id = JSON.stringify([finding.file, finding.line, finding.column, finding.severity, finding.rule, finding.message]);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
  return unique.sort(
    (a, b) =>
      compare(rank.get(a.file) ?? Number.MAX_SAFE_INTEGER, rank.get(b.file) ?? Number.MAX_SAFE_INTEGER) ||
      compare(a.file, b.file) ||
      compare(a.line, b.line) ||
      compare(a.column, b.column) ||
      compare(a.rule, b.rule) ||
      compare(a.message, b.message),
  );
}

export function countBySeverity(findings: readonly Finding[]): { errors: number; warnings: number } {
  let errors = 0;
  for (const finding of findings) if (finding.severity === "error") errors += 1;
  return { errors, warnings: findings.length - errors };
}

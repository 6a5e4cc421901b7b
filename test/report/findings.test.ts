import { describe, expect, it } from "vitest";
import {
  escapeCommandData,
  escapeCommandProperty,
  githubAnnotation,
  renderFindingsGithub,
  renderFindingsText,
  validationSummaryLine,
  type ValidationReport,
} from "../../src/report/findings.js";
import type { Finding } from "../../src/config/types.js";

const finding = (overrides: Partial<Finding> = {}): Finding => ({
  file: "hooks/a.yaml",
  line: 3,
  column: 7,
  severity: "error",
  rule: "unknown-filter",
  message: 'unknown filter "x"',
  ...overrides,
});

const report = (findings: Finding[], subscriptions = 12, files = 5): ValidationReport => ({
  formatVersion: 1,
  valid: !findings.some((item) => item.severity === "error"),
  findings,
  subscriptions,
  files,
});

describe("summary", () => {
  it("says Valid when there is nothing to report, else counts with plurals", () => {
    expect(validationSummaryLine(report([]))).toBe("Valid: 12 subscriptions in 5 files.");
    expect(validationSummaryLine(report([], 1, 1))).toBe("Valid: 1 subscription in 1 file.");
    expect(validationSummaryLine(report([finding(), finding({ line: 4 }), finding({ severity: "warning" })]))).toBe(
      "2 errors, 1 warning in 5 files (12 subscriptions)",
    );
    expect(validationSummaryLine(report([finding({ severity: "warning" })], 1, 2))).toBe("0 errors, 1 warning in 2 files (1 subscription)");
  });

  it("prints one line per finding in compiler style", () => {
    expect(renderFindingsText(report([finding(), finding({ severity: "warning", rule: "unset-reference", message: "m", line: 9, column: 1 })]))).toBe(
      'hooks/a.yaml:3:7: error unknown-filter: unknown filter "x"\nhooks/a.yaml:9:1: warning unset-reference: m\n1 error, 1 warning in 5 files (12 subscriptions)\n',
    );
    expect(renderFindingsText(report([finding()]), { color: true })).toContain("\u001b[31merror\u001b[0m");
  });
});

describe("GitHub workflow commands", () => {
  it("escape %, CR and LF in messages, plus : and , in properties", () => {
    expect(escapeCommandData("100% done\r\nnext: a, b")).toBe("100%25 done%0D%0Anext: a, b");
    expect(escapeCommandProperty("dir:a,b%\n")).toBe("dir%3Aa%2Cb%25%0A");
  });

  it("formats an annotation per finding with file, line, col and title", () => {
    expect(githubAnnotation(finding({ file: "hooks/a,b.yaml", message: "50% off\nnow" }))).toBe(
      "::error file=hooks/a%2Cb.yaml,line=3,col=7,title=unknown-filter::50%25 off%0Anow",
    );
    expect(githubAnnotation(finding({ severity: "warning" }))).toMatch(/^::warning file=/);
    expect(renderFindingsGithub(report([]))).toBe("Valid: 12 subscriptions in 5 files.\n");
  });
});

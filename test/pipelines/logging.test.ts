// Azure Pipelines logging commands: what the agent reads back from a value must be that value,
// and no value may start a command of its own.
import { describe, expect, it } from "vitest";
import { logIssueLine, loggingCommand, uploadSummaryLine } from "../../src/pipelines/logging.js";

describe("logging commands", () => {
  it("escapes %, CR, LF, ; and ] in properties, and makes the message inert", () => {
    const line = loggingCommand(
      "task.logissue",
      { type: "error", sourcepath: "hooks/a;b]%\r\n.yaml", linenumber: 3 },
      "50% bad\n##vso[task.complete result=Failed]",
    );
    expect(line).toBe(
      "##vso[task.logissue type=error;sourcepath=hooks/a%3Bb%5D%AZP25%0D%0A.yaml;linenumber=3]50%AZP25 bad\\n#\\u{23}vso[task.complete result=Failed]\n",
    );
    expect(line.split("\n")).toHaveLength(2);
  });

  it("writes a finding on its file, line and column, with its rule", () => {
    const finding = {
      severity: "warning" as const,
      rule: "unknown-filter",
      message: "publisherInputs.branch is not a filter of build.complete",
      file: "x",
      line: 4,
      column: 7,
    };
    expect(logIssueLine(finding, "hooks/web.yaml")).toBe(
      "##vso[task.logissue type=warning;sourcepath=hooks/web.yaml;linenumber=4;columnnumber=7;code=hookops/unknown-filter]publisherInputs.branch is not a filter of build.complete (unknown-filter)\n",
    );
  });

  it("uploads a summary file by its path", () => {
    expect(uploadSummaryLine("/agent/_temp/hookops-plan-hookops.yaml.md")).toBe("##vso[task.uploadsummary]/agent/_temp/hookops-plan-hookops.yaml.md\n");
  });
});

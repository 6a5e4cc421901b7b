export { renderText } from "./text.js";
export { renderMarkdown } from "./markdown.js";
export { renderJson } from "./json.js";
export { shouldUseColor } from "./color.js";
export { summaryLine } from "./format.js";
export { applyResultLine, applySummaryText } from "./apply.js";
export { applyRefusedMarkdown, applyResultLogLine, applySummaryMarkdown } from "./apply-markdown.js";
export { COMMENT_LIMIT, failedBody, invalidBody, needsCredentialsBody, planBody, type BodyTarget } from "./bodies.js";
export { renderExportJson, renderExportText } from "./export.js";
export {
  findingCounts,
  findingLine,
  renderFindingsGithub,
  renderFindingsJson,
  renderFindingsText,
  toValidationReport,
} from "./findings.js";
export { findingsTable } from "./findings-markdown.js";
export { applyOutcomeJson, listingLine } from "./apply-run.js";
export { renderStatusJson, renderStatusText } from "./status.js";
export { renderStatusMarkdown } from "./status-markdown.js";
export { renderTestDeliveryJson, renderTestDeliveryText } from "./test-delivery.js";
export { invalidConfigurationError, renderJsonError, type JsonError } from "./json-error.js";

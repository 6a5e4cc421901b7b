export { renderText, type TextOptions } from "./text.js";
export { renderMarkdown, type MarkdownOptions } from "./markdown.js";
export { renderJson } from "./json.js";
export { shouldUseColor, painter, type Painter, type Style } from "./color.js";
export { summaryLine, NO_CHANGES_LINE } from "./format.js";

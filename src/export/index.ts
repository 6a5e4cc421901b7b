export { runExport, type ExportOptions, type ExportOutcome, ExportConfigNotFoundError, IncompleteListingError } from "./run.js";
export { buildExportModel, projectFilePaths } from "./model.js";
export { convertSubscription } from "./convert.js";
export { renderRootConfig, renderSubscriptionFile } from "./render.js";
export { formatExportJson, formatExportText } from "./report.js";
export { baseNameOf, NameRegistry, slugify, variableName } from "./naming.js";
export { ExistingFilesError } from "./write.js";
export { UnknownProjectError } from "./select.js";
export type { ExportedSubscription, ExportFile, ExportModel, SecretVariable, SkippedSubscription } from "./types.js";

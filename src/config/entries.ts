import { mergeFields, readWrittenFields, type WrittenFields } from "./fields.js";
import type { FindingSink } from "./findings.js";
import type { LoadedConfig } from "./repo-config.js";
import { checkSchema } from "./schema.js";
import type { SourceLocation } from "./types.js";
import { locateExact, locateNearest, type NodePart, type YamlFile, type YamlPath, type YamlRef } from "./yaml-location.js";
import { isRecord } from "../util/records.js";

/** One `subscriptions:` item with defaults merged under it, before fan-out. */
export interface Entry {
  ref: YamlRef;
  defaultsRef?: YamlRef;
  /** The fields written in the entry itself. */
  written: WrittenFields;
  /** Entry over defaults. */
  fields: WrittenFields;
  /** Top-level keys whose value (or some inputs) came from defaults. */
  inherited: Set<keyof WrittenFields>;
  /** Keys written in the entry, whatever their type: absent is not the same as wrong-typed. */
  present: Set<string>;
  source: SourceLocation;
}

/** Where a field of the entry is written: in the entry, else in defaults, else the nearest enclosing node. */
export function locateField(entry: Entry, path: YamlPath, part: NodePart = "value"): SourceLocation {
  return (
    locateExact(entry.ref, path, part) ?? (entry.defaultsRef ? locateExact(entry.defaultsRef, path, part) : undefined) ?? locateNearest(entry.ref, path, part)
  );
}

/** Schema-checks each document of a subscription file and returns its entries with defaults merged. */
export function readEntries(file: YamlFile, loaded: LoadedConfig, sink: FindingSink): Entry[] {
  const entries: Entry[] = [];
  for (const { document, data } of file.documents) {
    const documentRef: YamlRef = { file, document, path: [] };
    checkSchema("subscriptions", data, documentRef, sink);
    if (!isRecord(data) || !Array.isArray(data.subscriptions)) continue;
    data.subscriptions.forEach((item: unknown, index: number) => {
      if (!isRecord(item)) return;
      const ref: YamlRef = { file, document, path: ["subscriptions", index] };
      const written = readWrittenFields(item, ref);
      const { merged, inherited } = mergeFields(loaded.defaults, written);
      const entry: Entry = {
        ref,
        written,
        fields: merged,
        inherited,
        present: new Set(Object.keys(item)),
        source: locateNearest(ref, [], "value"),
      };
      if (loaded.defaultsRef) entry.defaultsRef = loaded.defaultsRef;
      entries.push(entry);
    });
  }
  return entries;
}

import { readFile, stat } from "node:fs";
import { promisify } from "node:util";
import { isScalar, LineCounter, parseAllDocuments, type Document, type YAMLError } from "yaml";
import { describeFsError, describeSpecialFile } from "./files.js";
import type { FindingSink } from "./findings.js";
import { findDuplicateKeys } from "./yaml-duplicates.js";
import { parseSimpleYaml } from "./yaml-fast.js";
import { plainYamlProblem, unresolvedAlias } from "./yaml-words.js";
import { firstAliasOffset, positionAt, startOfFile, type YamlDocument, type YamlFile } from "./yaml-location.js";

/** Files past this size are refused before parsing. */
export const MAX_FILE_BYTES = 1024 * 1024;
/** Alias expansions allowed per document before it is treated as an expansion bomb. */
export const MAX_ALIAS_COUNT = 100;

// The callback forms: fs/promises' readFile reads in several awaited steps and is slower on many small files.
const statFile = promisify(stat);
const readWholeFile = promisify(readFile);

const PARSE_OPTIONS = { prettyErrors: false, merge: true, uniqueKeys: true } as const;
/** The library's own duplicate-key check is quadratic in a map's size; findDuplicateKeys does it in linear time. */
const LIBRARY_OPTIONS = { ...PARSE_OPTIONS, uniqueKeys: false } as const;

/** fatal: invalid bytes throw instead of becoming U+FFFD. */
const utf8 = new TextDecoder("utf-8", { fatal: true });

/** Byte offset of the first byte that breaks UTF-8, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let index = 0;
  while (index < bytes.length) {
    const lead = bytes[index] ?? 0;
    if (lead < 0x80) {
      index += 1;
      continue;
    }
    const continuation = lead >= 0xc2 && lead <= 0xdf ? 1 : lead >= 0xe0 && lead <= 0xef ? 2 : lead >= 0xf0 && lead <= 0xf4 ? 3 : -1;
    if (continuation < 0) return index;
    const second = bytes[index + 1] ?? 0;
    if ((lead === 0xe0 && second < 0xa0) || (lead === 0xed && second > 0x9f) || (lead === 0xf0 && second < 0x90) || (lead === 0xf4 && second > 0x8f)) {
      return index;
    }
    for (let offset = 1; offset <= continuation; offset += 1) {
      const byte = bytes[index + offset];
      if (byte === undefined || (byte & 0xc0) !== 0x80) return index;
    }
    index += continuation + 1;
  }
  return -1;
}

function invalidByteLocation(bytes: Uint8Array, display: string): { file: string; line: number; column: number } {
  const offset = Math.max(0, firstInvalidUtf8(bytes));
  let lineStart = 0;
  let line = 1;
  for (let index = 0; index < offset; index += 1) {
    if (bytes[index] === 0x0a) {
      line += 1;
      lineStart = index + 1;
    }
  }
  const column = new TextDecoder("utf-8").decode(bytes.subarray(lineStart, offset)).length + 1;
  return { file: display, line, column };
}

/**
 * One finding per line and problem, in plain words where yaml-words.ts knows the mistake (the
 * library often reports several errors for one slip). `reported` holds the lines already reported.
 */
function reportYamlProblem(file: YamlFile, text: string, problem: YAMLError, sink: FindingSink, severity: "error" | "warning", reported: Set<number>): void {
  // prettyErrors is off, so the message carries no source excerpt (the file could hold secrets).
  const message = problem.message.replace(/\s+/g, " ").trim();
  const plain = plainYamlProblem(text, problem.code, message, problem.pos[0]);
  const location = positionAt(file, plain?.offset ?? problem.pos[0]);
  if (reported.has(location.line)) return;
  reported.add(location.line);
  sink.add(severity, "yaml-syntax", plain?.message ?? `invalid YAML: ${message.charAt(0).toLowerCase()}${message.slice(1)}`, location);
}

/**
 * yaml's parser reads `process.env.LOG_TOKENS` once per token, and each read of the real
 * `process.env` goes through the C++ environment (about a fifth of the library's parse time).
 * Parsing is synchronous, so for its duration `process.env` can be a plain copy.
 */
function withPlainEnv<T>(parse: () => T): T {
  const realEnv = process.env;
  process.env = { ...realEnv };
  try {
    return parse();
  } finally {
    process.env = realEnv;
  }
}

/**
 * Reads one file as UTF-8 text. Size, read errors and encoding become findings (and undefined).
 */
async function readYamlText(absolute: string, display: string, sink: FindingSink, name: string): Promise<string | undefined> {
  let bytes: Uint8Array;
  try {
    const info = await statFile(absolute);
    // Reading a FIFO would wait for a writer forever.
    if (!info.isFile()) {
      sink.error("unreadable-file", `"${name}" cannot be read: it is ${describeSpecialFile(info)}, not a regular file`, startOfFile(display));
      return undefined;
    }
    if (info.size > MAX_FILE_BYTES) {
      sink.error(
        "file-too-large",
        `file is ${info.size} bytes; the limit is ${MAX_FILE_BYTES} bytes (1 MiB) — split it into several files`,
        startOfFile(display),
      );
      return undefined;
    }
    bytes = await readWholeFile(absolute);
  } catch (error) {
    sink.error("unreadable-file", `"${name}" cannot be read: ${describeFsError(error)}`, startOfFile(display));
    return undefined;
  }
  try {
    return utf8.decode(bytes);
  } catch {
    sink.error("invalid-encoding", "file is not valid UTF-8; save it as UTF-8", invalidByteLocation(bytes, display));
    return undefined;
  }
}

/**
 * Parses the text of one YAML file (multi-document allowed). Syntax, duplicate keys, alias bombs
 * and emptiness become findings; only clean, non-empty documents are returned. Plain files take
 * the fast path (yaml-fast.ts); the rest, and every file with a problem, go through `yaml`.
 */
function parseYamlText(absolute: string, display: string, text: string, sink: FindingSink): YamlFile {
  const lineCounter = new LineCounter();
  const file: YamlFile = { absolute, display, lineCounter, documents: [] };
  const simple = parseSimpleYaml(text, lineCounter, PARSE_OPTIONS);
  if (simple) {
    file.documents.push(...simple);
    return file;
  }
  const parsed = withPlainEnv(() => parseAllDocuments(text, { lineCounter, ...LIBRARY_OPTIONS }));
  const documents: Document.Parsed[] = Array.isArray(parsed) ? parsed : [];
  let broken = false;
  for (const document of documents) {
    const reported = new Set<number>();
    for (const problem of document.errors) reportYamlProblem(file, text, problem, sink, "error", reported);
    for (const problem of document.warnings) reportYamlProblem(file, text, problem, sink, "warning", reported);
    const duplicates = findDuplicateKeys(document);
    for (const { offset, name } of duplicates) {
      sink.error("duplicate-key", `duplicate key "${name}"; each key may appear once in a map`, positionAt(file, offset));
    }
    if (document.errors.length > 0 || duplicates.length > 0) {
      broken = true;
      continue;
    }
    if (document.contents === null || (isScalar(document.contents) && document.contents.value === null)) continue;
    let data: unknown;
    try {
      data = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error) {
      const offset = firstAliasOffset(document) ?? document.contents.range[0];
      // The library throws a ReferenceError for an alias without an anchor too; that is a mistake, not a bomb.
      const unresolved = error instanceof Error ? unresolvedAlias(text, error.message) : undefined;
      const bomb = error instanceof ReferenceError && unresolved === undefined;
      const message = bomb
        ? `aliases expand to too many nodes (over ${MAX_ALIAS_COUNT} per alias); refusing a possible expansion bomb`
        : (unresolved?.message ?? `cannot read the document: ${error instanceof Error ? error.message : String(error)}`);
      sink.error(bomb ? "alias-limit" : "yaml-syntax", message, positionAt(file, unresolved?.offset ?? offset));
      broken = true;
      continue;
    }
    const entry: YamlDocument = { document, data };
    file.documents.push(entry);
  }
  if (!broken && file.documents.length === 0) {
    sink.error("empty-file", "file has no content", startOfFile(display));
  }
  return file;
}

/**
 * Reads and parses one YAML file (see readYamlText and parseYamlText). `name` is the path messages
 * use (relative to the repo root; default `display`). Returns undefined when the file could not be read at all.
 */
export async function readYamlFile(absolute: string, display: string, sink: FindingSink, name: string = display): Promise<YamlFile | undefined> {
  const text = await readYamlText(absolute, display, sink, name);
  return text === undefined ? undefined : parseYamlText(absolute, display, text, sink);
}

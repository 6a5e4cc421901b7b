import { isAlias, isMap, isNode, isPair, isScalar, isSeq, type Document, type LineCounter, type Node, type Pair, type YAMLMap } from "yaml";
import type { SourceLocation } from "./types.js";

/** A parsed YAML file: its documents share one LineCounter (offsets are file-wide). */
export interface YamlFile {
  absolute: string;
  /** Path shown to the user (relative to the current directory). */
  display: string;
  lineCounter: LineCounter;
  documents: YamlDocument[];
}

/** One document of a file that parsed cleanly; `data` is its plain JavaScript value. */
export interface YamlDocument {
  document: Document;
  data: unknown;
}

export type YamlPath = readonly (string | number)[];

/** A place inside a document: where an entry (or the defaults block) lives. */
export interface YamlRef {
  file: YamlFile;
  document: Document;
  path: YamlPath;
}

/** Which end of a `key: value` pair a finding points at. */
export type NodePart = "key" | "value";

export function positionAt(file: YamlFile, offset: number): SourceLocation {
  const { line, col } = file.lineCounter.linePos(offset);
  return { file: file.display, line, column: col };
}

export function startOfFile(display: string): SourceLocation {
  return { file: display, line: 1, column: 1 };
}

interface Step {
  node: Node | null;
  pair?: Pair;
}

function deref(node: unknown, document: Document): Node | null {
  if (isAlias(node)) {
    const target = node.resolve(document);
    return target ?? node;
  }
  return isNode(node) ? node : null;
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return typeof key === "string" || typeof key === "number" ? String(key) : undefined;
}

/** Maps with more items than this get a key index, so locating each of n keys stays O(1), not O(n). */
const INDEXED_MAP_SIZE = 16;
const mapIndexes = new WeakMap<YAMLMap, Map<string, Pair>>();

/** The first pair whose key reads `key` (documents are never changed after parsing, so an index stays valid). */
function findPair(map: YAMLMap, key: string): Pair | undefined {
  if (map.items.length <= INDEXED_MAP_SIZE) return map.items.find((item) => isPair(item) && keyText(item.key) === key);
  let index = mapIndexes.get(map);
  if (!index) {
    index = new Map();
    for (const item of map.items) {
      const text = isPair(item) ? keyText(item.key) : undefined;
      if (text !== undefined && !index.has(text)) index.set(text, item);
    }
    mapIndexes.set(map, index);
  }
  return index.get(key);
}

/** Follows `path` from the document root as far as it exists; one step per matched segment. */
function walk(document: Document, path: YamlPath): Step[] {
  const steps: Step[] = [{ node: deref(document.contents, document) }];
  let current = steps[0]?.node ?? null;
  for (const segment of path) {
    if (isMap(current)) {
      const pair = findPair(current, String(segment));
      if (!pair) break;
      current = deref(pair.value, document);
      steps.push({ node: current, pair });
    } else if (isSeq(current) && typeof segment === "number") {
      const item = current.items[segment];
      if (item === undefined) break;
      current = deref(item, document);
      steps.push({ node: current });
    } else {
      break;
    }
  }
  return steps;
}

function stepLocation(file: YamlFile, step: Step, part: NodePart): SourceLocation | undefined {
  const keyNode = isNode(step.pair?.key) ? step.pair.key : undefined;
  const valueNode = step.node;
  const valueIsEmpty = !valueNode || (isScalar(valueNode) && valueNode.value === null && valueNode.source === "");
  const chosen = part === "key" || valueIsEmpty ? (keyNode ?? valueNode) : valueNode;
  const offset = chosen?.range?.[0];
  return offset === undefined ? undefined : positionAt(file, offset);
}

/** The exact node at `ref.path + subPath`, or undefined when it is not written there. */
export function locateExact(ref: YamlRef, subPath: YamlPath, part: NodePart): SourceLocation | undefined {
  const path = [...ref.path, ...subPath];
  const steps = walk(ref.document, path);
  if (steps.length !== path.length + 1) return undefined;
  const last = steps[steps.length - 1];
  return last ? stepLocation(ref.file, last, part) : undefined;
}

/** The node at the path, else its closest written ancestor (at its key), else the file start. */
export function locateNearest(ref: YamlRef, subPath: YamlPath, part: NodePart): SourceLocation {
  const path = [...ref.path, ...subPath];
  const steps = walk(ref.document, path);
  const exact = steps.length === path.length + 1;
  for (let index = steps.length - 1; index >= 0; index -= 1) {
    const step = steps[index];
    if (!step) continue;
    // An entry's own position is its map, not the "- " of the list item.
    const location = stepLocation(ref.file, step, exact && index === steps.length - 1 ? part : index <= ref.path.length ? "value" : "key");
    if (location) return location;
  }
  return startOfFile(ref.file.display);
}

/** Position of the first alias in a document (for the alias-expansion finding). */
export function firstAliasOffset(document: Document): number | undefined {
  let found: number | undefined;
  const visit = (node: unknown): void => {
    if (found !== undefined) return;
    if (isAlias(node)) {
      found = node.range?.[0];
    } else if (isMap(node) || isSeq(node)) {
      for (const item of node.items) {
        if (isPair(item)) {
          visit(item.key);
          visit(item.value);
        } else visit(item);
      }
    }
  };
  visit(document.contents);
  return found;
}

/** The source text of a scalar at `path` (keeps "1.0" when YAML would read the number 1). */
export function scalarSource(ref: YamlRef, subPath: YamlPath): string | undefined {
  const path = [...ref.path, ...subPath];
  const steps = walk(ref.document, path);
  if (steps.length !== path.length + 1) return undefined;
  const node = steps[steps.length - 1]?.node;
  return isScalar(node) && typeof node.source === "string" ? node.source : undefined;
}

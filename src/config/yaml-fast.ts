import {
  Document,
  isScalar,
  type LineCounter,
  Pair,
  Scalar,
  YAMLMap,
  YAMLSeq,
  type DocumentOptions,
  type Node,
  type ParseOptions,
  type ScalarTag,
  type Schema,
} from "yaml";

/**
 * A fast reader for the plain YAML that hook files are nearly always written in: block maps and
 * lists, one-line scalars (plain, or quoted without escapes), one-line flow maps and lists of
 * scalars, comments, documents separated by "---". It builds the nodes the loader reads (kinds,
 * values, sources, start offsets) and the plain data exactly as the `yaml` library would, several
 * times faster (the library's lexer, parser and composer take ~1 s for 10,000 subscriptions).
 * Anything else (anchors, tags, block or multi-line scalars, escapes, duplicate keys, odd
 * indentation, tabs, empty documents, "..."...) makes it give up, and the caller parses with
 * `yaml` instead, which also reports every error. Comments are skipped, not attached to nodes.
 */

interface Line {
  /** Offset of the line's first character. */
  start: number;
  /** Leading spaces. */
  indent: number;
  /** Offset just past the last character that is not a space or the "\r" of a "\r\n". */
  end: number;
}

/** Thrown when the text leaves the subset; never escapes parseSimpleYaml. */
class Unsupported extends Error {}

interface Parsed {
  node: Node;
  data: unknown;
}

/** Tabs, control characters, stray "\r", BOMs and Unicode line breaks are left to `yaml`. */
const UNSUPPORTED_CHARACTERS = /[\t\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\u2028\u2029]|\r(?!\n)/;
const KEY = /[A-Za-z_][\w./-]*/y;
/** Indicators that may not start a plain scalar ("-" may, when a character other than a space follows). */
const UNSAFE_START = new Set([..."?:,[]{}#&*!|>'\"%@`"]);
const SPACE = 32;

function unsupported(): never {
  throw new Unsupported();
}

function scalar(value: unknown, source: string, start: number, end: number, type: Scalar.Type): Scalar {
  const node = new Scalar(value);
  node.range = [start, end, end];
  node.source = source;
  node.type = type;
  return node;
}

/** A plain scalar, typed by the document's schema exactly as yaml's composer types it. */
function plainScalar(schema: Schema, options: ParseOptions, text: string, start: number): Parsed {
  if (text === "" || UNSAFE_START.has(text.charAt(0)) || (text.charAt(0) === "-" && (text.length === 1 || text.charCodeAt(1) === SPACE))) unsupported();
  const tag = schema.tags.find((candidate): candidate is ScalarTag => candidate.default === true && candidate.test?.test(text) === true);
  const resolved: unknown = tag ? tag.resolve(text, unsupported, options) : text;
  const node = isScalar(resolved) ? resolved : new Scalar(resolved);
  node.range = [start, start + text.length, start + text.length];
  node.source = text;
  node.type = "PLAIN";
  if (tag?.format) node.format = tag.format;
  const data = node.value;
  if (data !== null && typeof data === "object") unsupported();
  return { node, data };
}

/** A plain key: yaml would turn null, true or 12 into the string keys "", "true" or "12"; left to it. */
function plainKey(schema: Schema, options: ParseOptions, text: string, start: number): Scalar {
  const { node } = plainScalar(schema, options, text, start);
  if (!isScalar(node) || node.value !== text) unsupported();
  return node;
}

/** Adds a pair to a map and its data the way yaml's toJS does (own property even for "__proto__"). */
function addPair(map: YAMLMap, data: Record<string, unknown>, key: Scalar, value: Parsed): void {
  const name = String(key.value);
  if (Object.hasOwn(data, name)) unsupported();
  map.items.push(new Pair(key, value.node));
  if (name in data) Object.defineProperty(data, name, { value: value.data, writable: true, enumerable: true, configurable: true });
  else data[name] = value.data;
}

/** A "---" line: the start of a document, with nothing after it but a comment. */
const DOCUMENT_START = /^---(?: +#.*)?$/;

class SubsetParser {
  private readonly lines: Line[] = [];
  /** Index in `lines` where each document's content begins (the first is 0). */
  private readonly documentStarts: number[] = [0];
  private index = 0;
  /** Index in `lines` where the current document ends. */
  private limit = 0;

  constructor(
    private readonly text: string,
    private readonly schema: Schema,
    private readonly options: ParseOptions,
  ) {
    let start = 0;
    let opened = false;
    while (start <= text.length) {
      let next = text.indexOf("\n", start);
      if (next < 0) next = text.length;
      let indent = start;
      while (text.charCodeAt(indent) === SPACE) indent += 1;
      let end = next;
      while (end > indent && (text.charCodeAt(end - 1) === SPACE || text.charCodeAt(end - 1) === 13)) end -= 1;
      if (end > indent && text.charAt(indent) !== "#") {
        if (indent === start && text.startsWith("---", start) && DOCUMENT_START.test(text.slice(start, end))) {
          const current = this.documentStarts[this.documentStarts.length - 1] ?? 0;
          if (this.lines.length > current) this.documentStarts.push(this.lines.length);
          // Two "---" with no content between them make an empty document.
          else if (opened) unsupported();
          opened = true;
        } else {
          this.lines.push({ start, indent: indent - start, end });
        }
      }
      start = next + 1;
    }
  }

  /** Each document's root, in order; documents without content are left to yaml (it reads them as empty). */
  parse(): Parsed[] {
    return this.documentStarts.map((documentStart, documentIndex) => {
      this.index = documentStart;
      this.limit = this.documentStarts[documentIndex + 1] ?? this.lines.length;
      const first = this.line();
      if (!first) unsupported();
      const root = this.block(first.indent, first.start + first.indent);
      if (this.index < this.limit) unsupported();
      return root;
    });
  }

  private line(): Line | undefined {
    return this.index < this.limit ? this.lines[this.index] : undefined;
  }

  /** A block map or list whose first entry starts at `at`, in column `column`. */
  private block(column: number, at: number): Parsed {
    const line = this.line();
    if (!line) unsupported();
    return this.isListItem(at, line.end) ? this.list(column, at) : this.map(column, at);
  }

  private isListItem(at: number, end: number): boolean {
    return this.text.charAt(at) === "-" && (at + 1 === end || this.text.charCodeAt(at + 1) === SPACE);
  }

  /** Length of a `key:` at `at` (the key only), or 0 when there is none. */
  private keyLength(at: number, end: number): number {
    KEY.lastIndex = at;
    if (!KEY.test(this.text)) return 0;
    const after = KEY.lastIndex;
    if (this.text.charAt(after) !== ":" || (after + 1 < end && this.text.charCodeAt(after + 1) !== SPACE)) return 0;
    return after - at;
  }

  private skipSpaces(at: number, end: number): number {
    let position = at;
    while (position < end && this.text.charCodeAt(position) === SPACE) position += 1;
    return position;
  }

  /** Nothing but an optional comment from `at` to the end of the line. */
  private expectLineEnd(at: number, end: number): void {
    const position = this.skipSpaces(at, end);
    if (position < end && (this.text.charAt(position) !== "#" || position === at)) unsupported();
  }

  /** The next line must not be indented past `column`: it would continue a scalar (or be an error). */
  private endOfValue(column: number): void {
    this.index += 1;
    const next = this.line();
    if (next && next.indent > column) unsupported();
  }

  private map(column: number, firstAt: number): Parsed {
    const map = new YAMLMap(this.schema);
    const data: Record<string, unknown> = {};
    let at = firstAt;
    let end = firstAt;
    for (;;) {
      const line = this.line();
      if (!line) break;
      if (map.items.length > 0) {
        if (line.indent < column) break;
        if (line.indent > column) unsupported();
        at = line.start + column;
      }
      const length = this.keyLength(at, line.end);
      if (length === 0 || length > 1000) unsupported();
      const key = plainKey(this.schema, this.options, this.text.slice(at, at + length), at);
      const valueAt = this.skipSpaces(at + length + 1, line.end);
      let value: Parsed;
      if (valueAt === line.end || this.text.charAt(valueAt) === "#") {
        this.index += 1;
        const next = this.line();
        if (next && next.indent > column) value = this.block(next.indent, next.start + next.indent);
        else if (next && next.indent === column && this.isListItem(next.start + column, next.end)) value = this.list(column, next.start + column);
        else value = { node: scalar(null, "", valueAt, valueAt, "PLAIN"), data: null };
      } else {
        value = this.inline(valueAt, line.end);
        this.endOfValue(column);
      }
      addPair(map, data, key, value);
      end = value.node.range?.[2] ?? end;
    }
    map.range = [firstAt, end, end];
    return { node: map, data };
  }

  private list(column: number, firstAt: number): Parsed {
    const list = new YAMLSeq(this.schema);
    const data: unknown[] = [];
    let end = firstAt;
    for (;;) {
      const line = this.line();
      if (!line || line.indent < column) break;
      if (line.indent > column) unsupported();
      const dash = line.start + column;
      // A key in the same column ends a list written under its parent's key (`key:\n- item`).
      if (!this.isListItem(dash, line.end)) break;
      if (dash + 1 === line.end) unsupported();
      const itemAt = this.skipSpaces(dash + 1, line.end);
      let item: Parsed;
      if (this.keyLength(itemAt, line.end) > 0) {
        item = this.map(itemAt - line.start, itemAt);
      } else {
        item = this.inline(itemAt, line.end);
        this.endOfValue(column);
      }
      list.items.push(item.node);
      data.push(item.data);
      end = item.node.range?.[2] ?? end;
    }
    list.range = [firstAt, end, end];
    return { node: list, data };
  }

  /** A value written after `key: ` or `- `, up to the end of the line. */
  private inline(at: number, end: number): Parsed {
    const first = this.text.charAt(at);
    if (first === '"' || first === "'") {
      const value = this.quoted(at, end);
      this.expectLineEnd(value.close, end);
      return value.parsed;
    }
    if (first === "{" || first === "[") return this.flow(at, end);
    let valueEnd = at;
    while (valueEnd < end && !(this.text.charAt(valueEnd) === "#" && this.text.charCodeAt(valueEnd - 1) === SPACE)) valueEnd += 1;
    while (valueEnd > at && this.text.charCodeAt(valueEnd - 1) === SPACE) valueEnd -= 1;
    const text = this.text.slice(at, valueEnd);
    if (text.includes(": ") || text.endsWith(":")) unsupported();
    return plainScalar(this.schema, this.options, text, at);
  }

  /** A one-line quoted scalar without escapes; `close` is the offset after its closing quote. */
  private quoted(at: number, end: number): { parsed: Parsed; close: number } {
    const quote = this.text.charAt(at);
    const close = this.text.indexOf(quote, at + 1);
    if (close < 0 || close >= end || this.text.charAt(close + 1) === quote) unsupported();
    const value = this.text.slice(at + 1, close);
    if (quote === '"' && value.includes("\\")) unsupported();
    return { parsed: { node: scalar(value, value, at, close + 1, quote === '"' ? "QUOTE_DOUBLE" : "QUOTE_SINGLE"), data: value }, close: close + 1 };
  }

  /** A one-line `{ key: scalar, ... }` or `[scalar, ...]`. */
  private flow(at: number, end: number): Parsed {
    const schema = this.schema;
    let node: YAMLMap | YAMLSeq;
    let data: Record<string, unknown> | unknown[];
    let close: number;
    if (this.text.charAt(at) === "{") {
      const map = new YAMLMap(schema);
      const mapData: Record<string, unknown> = {};
      close = this.flowEntries(at, end, "}", (position) => {
        const length = this.keyLength(position, end);
        if (length === 0 || position + length + 1 === end) unsupported();
        const key = plainKey(this.schema, this.options, this.text.slice(position, position + length), position);
        const value = this.flowScalar(this.skipSpaces(position + length + 1, end), end);
        addPair(map, mapData, key, value.parsed);
        return value.close;
      });
      [node, data] = [map, mapData];
    } else {
      const list = new YAMLSeq(schema);
      const listData: unknown[] = [];
      close = this.flowEntries(at, end, "]", (position) => {
        const value = this.flowScalar(position, end);
        list.items.push(value.parsed.node);
        listData.push(value.parsed.data);
        return value.close;
      });
      [node, data] = [list, listData];
    }
    this.expectLineEnd(close, end);
    node.flow = true;
    node.range = [at, close, close];
    return { node, data };
  }

  /** Reads comma-separated entries after the opening bracket at `at`; returns the offset after the closing one. */
  private flowEntries(at: number, end: number, closer: string, readEntry: (position: number) => number): number {
    let position = this.skipSpaces(at + 1, end);
    if (this.text.charAt(position) === closer) return position + 1;
    for (;;) {
      position = this.skipSpaces(readEntry(position), end);
      const separator = this.text.charAt(position);
      if (separator === closer) return position + 1;
      if (separator !== ",") unsupported();
      position = this.skipSpaces(position + 1, end);
      // A trailing comma is valid YAML, but rare enough to leave to yaml.
      if (this.text.charAt(position) === closer) unsupported();
    }
  }

  /** A scalar inside a flow collection: quoted, or plain without any flow indicator, ":" or "#". */
  private flowScalar(at: number, end: number): { parsed: Parsed; close: number } {
    const first = this.text.charAt(at);
    if (first === '"' || first === "'") return this.quoted(at, end);
    let position = at;
    while (position < end && !",[]{}:#".includes(this.text.charAt(position))) position += 1;
    let valueEnd = position;
    while (valueEnd > at && this.text.charCodeAt(valueEnd - 1) === SPACE) valueEnd -= 1;
    if (valueEnd === at) unsupported();
    return { parsed: plainScalar(this.schema, this.options, this.text.slice(at, valueEnd), at), close: valueEnd };
  }
}

/**
 * Parses `text` when it stays inside the supported subset (see above): one entry per document,
 * `lineCounter` filled. Returns undefined otherwise, leaving `lineCounter` untouched.
 */
export function parseSimpleYaml(
  text: string,
  lineCounter: LineCounter,
  options: DocumentOptions & ParseOptions,
): { document: Document; data: unknown }[] | undefined {
  if (UNSUPPORTED_CHARACTERS.test(text)) return undefined;
  const first = new Document(undefined, options);
  let roots: Parsed[];
  try {
    roots = new SubsetParser(text, first.schema, first.options).parse();
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
  lineCounter.addNewLine(0);
  for (let newline = text.indexOf("\n"); newline >= 0; newline = text.indexOf("\n", newline + 1)) lineCounter.addNewLine(newline + 1);
  return roots.map((root, index) => {
    const document = index === 0 ? first : new Document(undefined, options);
    document.contents = root.node;
    return { document, data: root.data };
  });
}

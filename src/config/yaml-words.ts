/**
 * The `yaml` library's syntax errors said in plain words, at the place a person has to fix: the
 * opening quote or bracket left open, the key indented wrongly, the colon without a space. The
 * library reports many of these where it noticed them (often the next line, or the end of the
 * file); the text around that place tells what was meant. Anything not recognized keeps the
 * library's message.
 */

export interface PlainProblem {
  message: string;
  /** Offset in the file text where the finding points. */
  offset: number;
}

interface Line {
  start: number;
  text: string;
  number: number;
}

function lineAt(text: string, offset: number): Line {
  const start = text.lastIndexOf("\n", Math.max(0, offset - 1)) + 1;
  const end = text.indexOf("\n", start);
  const before = text.slice(0, start);
  const number = before.length - before.replaceAll("\n", "").length + 1;
  return { start, text: text.slice(start, end === -1 ? text.length : end).replace(/\r$/, ""), number };
}

function isContent(line: string): boolean {
  const trimmed = line.trim();
  return trimmed !== "" && !trimmed.startsWith("#");
}

function previousContentLine(text: string, line: Line): Line | undefined {
  let start = line.start;
  while (start > 0) {
    const previous = lineAt(text, start - 1);
    if (isContent(previous.text)) return previous;
    start = previous.start;
  }
  return undefined;
}

function nextContentLine(text: string, line: Line): Line | undefined {
  let next = text.indexOf("\n", line.start);
  while (next !== -1 && next + 1 < text.length) {
    const candidate = lineAt(text, next + 1);
    if (isContent(candidate.text)) return candidate;
    next = text.indexOf("\n", candidate.start);
  }
  return undefined;
}

const KEY_LINE = /^(\s*(?:-\s+)?)([^\s#'"{[-][^:#]*?|"[^"]*"|'[^']*'):(?:\s|$)/;

/** The key a line starts with, and its 1-based column; undefined for other lines. */
function keyOf(line: string): { name: string; column: number } | undefined {
  const match = KEY_LINE.exec(line);
  if (!match) return undefined;
  return { name: (match[2] ?? "").replace(/^["']|["']$/g, ""), column: (match[1] ?? "").length + 1 };
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

/** The quote that opens a scalar the file never closes: the last opening quote whose closing is missing. */
function unclosedQuote(text: string, quote: string, before: number): number | undefined {
  let index = 0;
  let found: number | undefined;
  while (index < before) {
    const char = text[index];
    if (char === "#" && (index === 0 || /\s/.test(text[index - 1] ?? ""))) {
      const end = text.indexOf("\n", index);
      index = end === -1 ? text.length : end;
    } else if ((char === '"' || char === "'") && (index === 0 || /[\s:[{,-]/.test(text[index - 1] ?? ""))) {
      const close = closingQuote(text, index);
      if (close === undefined) {
        if (char === quote) found = index;
        break;
      }
      index = close + 1;
    } else {
      index += 1;
    }
  }
  return found;
}

function closingQuote(text: string, open: number): number | undefined {
  const quote = text[open];
  for (let index = open + 1; index < text.length; index += 1) {
    const char = text[index];
    if (quote === '"' && char === "\\") index += 1;
    else if (char === quote) {
      if (quote === "'" && text[index + 1] === "'") index += 1;
      else return index;
    }
  }
  return undefined;
}

/** The `{` or `[` before `offset` that nothing closes. */
function unclosedBracket(text: string, open: "{" | "[", offset: number): number | undefined {
  const close = open === "{" ? "}" : "]";
  let depth = 0;
  for (let index = Math.min(offset, text.length) - 1; index >= 0; index -= 1) {
    const char = text[index];
    if (char === close) depth += 1;
    else if (char === open) {
      if (depth === 0) return index;
      depth -= 1;
    }
  }
  return undefined;
}

function quoteProblem(text: string, quote: string, offset: number): PlainProblem | undefined {
  const open = unclosedQuote(text, quote, offset);
  if (open === undefined) return undefined;
  const kind = quote === '"' ? "double" : "single";
  const inside = quote === '"' ? 'a " inside the value is written \\"' : "a ' inside the value is written ''";
  return { offset: open, message: `the ${kind} quote that starts this value is never closed: add the closing ${quote} at the end of the value (${inside})` };
}

function bracketProblem(text: string, open: "{" | "[", offset: number): PlainProblem | undefined {
  const at = unclosedBracket(text, open, offset);
  if (at === undefined) return undefined;
  const [what, close] = open === "{" ? ["map", "}"] : ["list", "]"];
  return {
    offset: at,
    message: `the "${open}" that starts this ${what} is never closed: end it with "${close}" on the same line, or write the ${what} as indented lines`,
  };
}

/** A key or list item that does not start at the column of the ones above it. */
function misalignedProblem(text: string, line: Line, list: boolean): PlainProblem {
  const column = indentOf(line.text) + 1;
  const offset = line.start + column - 1;
  let previous = previousContentLine(text, line);
  if (list) {
    while (previous !== undefined && !previous.text.trimStart().startsWith("-")) previous = previousContentLine(text, previous);
    const where = previous === undefined ? "" : ` (line ${previous.number} starts one at column ${indentOf(previous.text) + 1})`;
    return { offset, message: `this list item starts at column ${column}, but the items of one list must start at the same column${where}` };
  }
  const sibling = previous === undefined ? undefined : keyOf(previous.text);
  const own = keyOf(line.text)?.name;
  const subject = own === undefined ? "this line" : `"${own}"`;
  if (previous === undefined || sibling === undefined) {
    return { offset, message: `${subject} is indented to column ${column}, which matches no key above it: keys of one map must start at the same column` };
  }
  return {
    offset,
    message: `${subject} starts at column ${column}, but "${sibling.name}" above it (line ${previous.number}) starts at column ${sibling.column}: keys of one map must start at the same column`,
  };
}

/** `key: value` followed by a line indented further: a new key cannot continue a value. */
function overIndentedProblem(text: string, line: Line): PlainProblem | undefined {
  const key = keyOf(line.text);
  const next = nextContentLine(text, line);
  if (key === undefined || next === undefined) return undefined;
  const nextKey = keyOf(next.text);
  if (nextKey === undefined || nextKey.column <= key.column) return undefined;
  return {
    offset: next.start + nextKey.column - 1,
    message: `"${nextKey.name}" is indented under "${key.name}", which already has a value on line ${line.number}: start "${nextKey.name}" at column ${key.column} like "${key.name}", or remove the value to make "${key.name}" a map`,
  };
}

function lineProblem(text: string, code: string, message: string, offset: number): PlainProblem | undefined {
  const line = lineAt(text, offset);
  const trimmed = line.text.trimStart();
  if (code === "TAB_AS_INDENT") {
    return { offset, message: "a tab is used to indent this line: YAML indents with spaces only, so replace the tab with spaces" };
  }
  if (/sequence item without - indicator|all mapping items must start at the same column/i.test(message)) return misalignedProblem(text, line, false);
  if (/all sequence items must start at the same column/i.test(message)) return misalignedProblem(text, line, true);
  if (/block sequence may not be used as an implicit map key/i.test(message) && trimmed.startsWith("-")) {
    return {
      offset: line.start + indentOf(line.text),
      message: 'a list item ("- ") stands where the map expects a key: remove the "- ", or put the list under a key of its own',
    };
  }
  if (code === "MULTILINE_IMPLICIT_KEY" && !trimmed.includes(":")) {
    const key = /^(?:-\s+)?([^\s#'"]+)/.exec(trimmed)?.[1] ?? "key";
    return { offset: line.start + indentOf(line.text), message: `this line has no colon: write the key, a colon and a space, then the value ("${key}: …")` };
  }
  if (code === "MULTILINE_IMPLICIT_KEY" || code === "BLOCK_AS_IMPLICIT_KEY") {
    const colon = /^(\s*(?:-\s+)?[A-Za-z_][\w.-]*):(?=\S)/.exec(line.text);
    if (colon && !line.text.includes(": ")) {
      const key = colon[1]?.trimStart().replace(/^-\s+/, "") ?? "";
      // Values are never repeated in findings (a file may hold secrets); keys are.
      return { offset: line.start + (colon[1]?.length ?? 0), message: `a colon after a key needs a space: write "${key}: " and then the value` };
    }
    const rest = text.slice(offset, line.start + line.text.length);
    if (code === "BLOCK_AS_IMPLICIT_KEY" && rest.includes(": ") && offset > line.start + indentOf(line.text)) {
      return { offset, message: 'a value cannot contain ": " (a colon and a space) unless it is quoted: put the whole value in quotes' };
    }
    return overIndentedProblem(text, line);
  }
  if (/unexpected scalar at node end/i.test(message)) {
    return { offset, message: "text follows the closing quote: a quoted value ends at its closing quote, so put the whole value in quotes" };
  }
  const stray = /unexpected flow-(map|seq)-end token/i.exec(message);
  if (stray) {
    const [close, open] = stray[1] === "map" ? ["}", "{"] : ["]", "["];
    return { offset, message: `this "${close}" closes nothing: remove it, or open the ${stray[1] === "map" ? "map" : "list"} with "${open}"` };
  }
  const reserved = /cannot start with reserved character (\S)/i.exec(message);
  if (reserved) return { offset, message: `a value cannot start with ${reserved[1]} unless it is quoted: put the whole value in quotes` };
  return undefined;
}

/** The plain-words version of one library error, or undefined to keep the library's own. */
export function plainYamlProblem(text: string, code: string, message: string, offset: number): PlainProblem | undefined {
  const quote = /missing closing (["'])quote/i.exec(message);
  if (quote) return quoteProblem(text, quote[1] ?? '"', offset);
  if (/flow map .*end with a \}|expected flow map to end with \}/i.test(message)) return bracketProblem(text, "{", offset);
  if (/flow sequence .*end with a \]|expected flow sequence to end with \]/i.test(message)) return bracketProblem(text, "[", offset);
  return lineProblem(text, code, message, offset);
}

/** `Unresolved alias (…): name` as plain words, at the alias. */
export function unresolvedAlias(text: string, message: string): PlainProblem | undefined {
  const name = /^Unresolved alias.*?:\s*(\S+)/.exec(message)?.[1];
  if (name === undefined) return undefined;
  const offset = text.search(new RegExp(`\\*${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\w-])`));
  return { offset: Math.max(0, offset), message: `the alias *${name} refers to no anchor: define &${name} on a value above it, or write the value out` };
}

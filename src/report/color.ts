/** ANSI styling, applied only when the caller decided color is wanted. */
const CODES = {
  bold: [1, 22],
  dim: [2, 22],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  cyan: [36, 39],
} as const;

export type Style = keyof typeof CODES;

export type Painter = (style: Style, text: string) => string;

export function painter(color: boolean): Painter {
  if (!color) return (_style, text) => text;
  return (style, text) => (text === "" ? text : `\u001b[${CODES[style][0]}m${text}\u001b[${CODES[style][1]}m`);
}

/**
 * Whether output to `stream` should be colored: never with `--no-color` (flag false) or a
 * non-empty NO_COLOR, always with FORCE_COLOR set to anything but "0", else only on a terminal.
 */
export function shouldUseColor(stream: { isTTY?: boolean }, env: Readonly<Record<string, string | undefined>>, flag: boolean | undefined = true): boolean {
  if (flag === false) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "0" && env.FORCE_COLOR !== "false") return true;
  return stream.isTTY === true && env.TERM !== "dumb";
}

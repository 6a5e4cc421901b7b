/** A time window as `status --since` (and the Action's `since`) takes it: a whole number and m, h or d. */
export interface StatusWindow {
  ms: number;
  text: string;
}

const WINDOW_UNITS: Readonly<Record<string, number>> = { m: 60_000, h: 3_600_000, d: 86_400_000 };
/** A bound, so a typo cannot ask for years of history. */
const LONGEST_WINDOW_MS = 90 * 86_400_000;

export const DEFAULT_STATUS_WINDOW: StatusWindow = { ms: 86_400_000, text: "24h" };
export const WINDOW_EXPECTED = "a number and a unit, m (minutes), h (hours) or d (days), from 1m to 90d: 90m, 24h, 7d";
export const PERCENTAGE_EXPECTED = "a percentage from 0 to 100";

/** The window, or undefined when the text is not one. */
export function parseStatusWindow(text: string): StatusWindow | undefined {
  const match = /^\s*(\d+)\s*([mhd])\s*$/i.exec(text);
  const unit = WINDOW_UNITS[match?.[2]?.toLowerCase() ?? ""];
  const ms = match === null || unit === undefined ? Number.NaN : Number(match[1]) * unit;
  if (!Number.isSafeInteger(ms) || ms <= 0 || ms > LONGEST_WINDOW_MS) return undefined;
  return { ms, text: `${Number(match?.[1])}${match?.[2]?.toLowerCase() ?? ""}` };
}

/** A percentage from 0 to 100 (decimals and a trailing % allowed), or undefined. */
export function parsePercentage(text: string): number | undefined {
  const value = Number(text.trim().replace(/%$/, ""));
  if (text.trim() === "" || !Number.isFinite(value) || value < 0 || value > 100) return undefined;
  return value;
}

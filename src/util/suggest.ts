/** Edit distance (Levenshtein), case-insensitive, used for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  let previous = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const current = [i];
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[t.length] ?? 0;
}

/**
 * The known names closest to `input`, best first: at most `limit`, and only those close enough
 * to be a plausible typo (or containing the input, for a partial name).
 */
export function closest(input: string, known: Iterable<string>, limit = 3): string[] {
  const needle = input.toLowerCase();
  const scored: { name: string; score: number }[] = [];
  for (const name of known) {
    const distance = editDistance(input, name);
    const threshold = Math.max(2, Math.floor(Math.max(input.length, name.length) / 3));
    const contains = needle.length >= 3 && name.toLowerCase().includes(needle);
    if (distance <= threshold || contains) scored.push({ name, score: contains ? Math.min(distance, 1) : distance });
  }
  scored.sort((x, y) => x.score - y.score || x.name.localeCompare(y.name));
  return [...new Set(scored.map((entry) => entry.name))].slice(0, limit);
}

/** " Did you mean `a` or `b`?" or "" when there is nothing close. */
export function didYouMean(input: string, known: Iterable<string>): string {
  const names = closest(input, known);
  if (names.length === 0) return "";
  const quoted = names.map((name) => `"${name}"`);
  const list = quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(", ")} or ${quoted[quoted.length - 1]}`;
  return ` Did you mean ${list}?`;
}

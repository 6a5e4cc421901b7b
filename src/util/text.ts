/** The noun in the number `count` asks for: "subscription" or "subscriptions". */
export function nounForCount(count: number, noun: string): string {
  return count === 1 ? noun : `${noun}s`;
}

/** A count and its noun: "1 subscription", "2 subscriptions". */
export function countOf(count: number, noun: string): string {
  return `${count} ${nounForCount(count, noun)}`;
}

/** `"a"`, `"a" or "b"`, `"a", "b" or "c"`. */
export function quotedList(values: readonly string[]): string {
  const items = values.map((value) => `"${value}"`);
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}`;
}

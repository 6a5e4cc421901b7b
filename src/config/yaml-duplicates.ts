import { isMap, isPair, isScalar, isSeq, type Document } from "yaml";

/** A key that repeats an earlier key of the same map. */
export interface DuplicateKey {
  /** Where the repeated key starts. */
  offset: number;
  name: string;
}

/**
 * The duplicate keys of every map in a document, found the way the `yaml` library's `uniqueKeys`
 * option finds them (scalar keys with the same value; the later one is the duplicate) but with a
 * hash per map: the library compares each key with every earlier one, which takes minutes on a
 * map of 100,000 keys. Aliases are not followed (their targets are visited where they are written).
 */
export function findDuplicateKeys(document: Document): DuplicateKey[] {
  const duplicates: DuplicateKey[] = [];
  const pending: unknown[] = [document.contents];
  while (pending.length > 0) {
    const node = pending.pop();
    if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        const key: unknown = pair.key;
        // `===` never equates NaN with itself; a Set would.
        if (isScalar(key) && !Number.isNaN(key.value)) {
          if (seen.has(key.value)) duplicates.push({ offset: key.range?.[0] ?? 0, name: String(key.value) });
          else seen.add(key.value);
        }
        pending.push(pair.key, pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) pending.push(item);
    } else if (isPair(node)) {
      pending.push(node.key, node.value);
    }
  }
  return duplicates.sort((a, b) => a.offset - b.offset);
}

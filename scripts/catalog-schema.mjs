// The catalog part of schemas/*.json (per event type and per consumer action), generated from the
// shipped catalog (lib/, so run `npm run build` first). test/config/schema-per-event.test.ts fails
// when a committed schema differs from what this writes.
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { catalog } from "../lib/catalog/index.js";
import { withCatalogRules } from "../lib/report/catalog-schema.js";

const schemas = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "schemas");
for (const [file, at] of [
  ["subscriptions.schema.json", "subscription"],
  ["hookops.schema.json", "defaults"],
]) {
  const target = path.join(schemas, file);
  const schema = JSON.parse(await readFile(target, "utf8"));
  await writeFile(target, `${JSON.stringify(withCatalogRules(schema, catalog, at), null, 2)}\n`);
  process.stdout.write(`wrote schemas/${file}\n`);
}

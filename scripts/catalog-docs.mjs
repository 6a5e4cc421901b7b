// docs/catalog.md, generated from the shipped catalog (lib/, so run `npm run build` first).
// test/docs/catalog-docs.test.ts fails when the committed file differs from what this writes.
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { catalog } from "../lib/catalog/index.js";
import { renderCatalogMarkdown } from "../lib/report/catalog-markdown.js";

const target = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "docs", "catalog.md");
await writeFile(target, renderCatalogMarkdown(catalog));
process.stdout.write(`wrote ${path.relative(process.cwd(), target)}\n`);

import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { catalog } from "../../src/catalog/index.js";
import { renderCatalogMarkdown } from "../../src/report/catalog-markdown.js";

const docs = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../docs/catalog.md");

describe("docs/catalog.md", () => {
  it("is exactly what npm run docs:catalog generates from the catalog", async () => {
    expect(await readFile(docs, "utf8"), "run `npm run docs:catalog`").toBe(renderCatalogMarkdown(catalog));
  });

  it("shows an event's filters and a consumer's required and secret inputs", () => {
    const markdown = renderCatalogMarkdown(catalog);
    expect(markdown).toContain('| `buildStatus` | string | "Succeeded", "PartiallySucceeded", "Failed", "Stopped", "" (any) | no |  |');
    expect(markdown).toContain("| `basicAuthPassword` | string | pattern `^[\\S]+$`; length 1–256 | no | yes |  |  |");
    expect(markdown).toContain("| `accountKey` | string | length 64–100 | unless `serviceConnectionId` | yes |  |  |");
    expect(markdown).toContain('url: "${env:SLACK_URL}"');
  });
});

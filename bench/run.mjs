// `npm run bench`: runs every benchmark against the built lib/ and prints one table of figures.
import { readdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = (await readdir(here)).filter((name) => name.endsWith(".mjs") && name !== "run.mjs").sort();
const rows = [];
for (const file of files) {
  const name = file.replace(/\.mjs$/, "");
  if (only.length > 0 && !only.includes(name)) continue;
  process.stderr.write(`bench ${name}…\n`);
  const module = await import(pathToFileURL(path.join(here, file)).href);
  for (const row of await module.run()) rows.push({ bench: name, ...row });
}

const format = (value) => (typeof value === "number" ? (Number.isInteger(value) ? String(value) : value.toFixed(1)) : String(value));
const table = [["bench", "measure", "value", "unit", "target"], ...rows.map((row) => [row.bench, row.name, format(row.value), row.unit ?? "", row.target ?? ""])];
const widths = table[0].map((_, column) => Math.max(...table.map((line) => line[column].length)));
for (const [index, line] of table.entries()) {
  console.log(line.map((cell, column) => (column === 2 ? cell.padStart(widths[column]) : cell.padEnd(widths[column]))).join("  ").trimEnd());
  if (index === 0) console.log(widths.map((width) => "-".repeat(width)).join("  "));
}

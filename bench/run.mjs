// `npm run bench`: runs every benchmark against the built lib/, prints one table of figures, writes
// them (with the machine's core count and Node version) to bench/results.json, and regenerates the
// README's performance table from that file. `npm run bench -- name …` runs some and writes nothing.
import { writeFile } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { judge, RESULTS_FILE, updateReadme } from "../scripts/bench-table.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = (await readdir(here)).filter((name) => name.endsWith(".mjs") && name !== "run.mjs").sort();
const rows = [];
for (const file of files) {
  const name = file.replace(/\.mjs$/, "");
  if (only.length > 0 && !only.includes(name)) continue;
  process.stderr.write(`bench ${name}…\n`);
  const module = await import(pathToFileURL(path.join(here, file)).href);
  for (const row of await module.run()) rows.push({ bench: name, ...row, met: judge(row) });
}

const format = (value) => (typeof value === "number" ? (Number.isInteger(value) ? String(value) : value.toFixed(1)) : String(value));
const verdict = (met) => (met === undefined ? "" : met ? "met" : "NOT MET");
const table = [
  ["bench", "measure", "value", "unit", "target", ""],
  ...rows.map((row) => [row.bench, row.name, format(row.value), row.unit ?? "", row.target ?? "", verdict(row.met)]),
];
const widths = table[0].map((_, column) => Math.max(...table.map((line) => line[column].length)));
for (const [index, line] of table.entries()) {
  console.log(
    line
      .map((cell, column) => (column === 2 ? cell.padStart(widths[column]) : cell.padEnd(widths[column])))
      .join("  ")
      .trimEnd(),
  );
  if (index === 0) console.log(widths.map((width) => "-".repeat(width)).join("  "));
}

if (only.length === 0) {
  const results = {
    measuredAt: new Date().toISOString(),
    node: process.version,
    cores: availableParallelism(),
    platform: `${process.platform}-${process.arch}`,
    rows,
  };
  await writeFile(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
  await updateReadme();
  process.stderr.write(`wrote ${path.relative(process.cwd(), RESULTS_FILE)} and the README's performance table\n`);
}

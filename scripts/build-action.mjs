// Bundles the GitHub Action (src/action) into dist/index.js: one ESM file, no node_modules at run time.
import { build } from "esbuild";

await build({
  entryPoints: ["src/action/main.ts"],
  outfile: "dist/index.js",
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  legalComments: "none",
  logLevel: "warning",
  // CommonJS dependencies bundled into ESM still call require() for Node built-ins.
  banner: { js: "import { createRequire as __hookopsCreateRequire } from 'node:module'; const require = __hookopsCreateRequire(import.meta.url);" },
});

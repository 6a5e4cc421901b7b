/** Entry point of the GitHub Action (bundled into dist/index.js): a thin shell over the CLI's engine. */
import { runAction } from "./run.js";

process.exitCode = await runAction({ env: process.env, cwd: process.cwd(), stdout: process.stdout, signals: process });

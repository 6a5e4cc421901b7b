import type { Command } from "commander";

/** Examples shown at the end of `hookops <command> --help`, one command line each with what it does. */
const EXAMPLES: Readonly<Record<string, readonly (readonly [string, string])[]>> = {
  validate: [
    ["hookops validate", "check the repo in the current folder, offline"],
    ["hookops validate hooks-repo --format github", "the same, as GitHub annotations on the pull request"],
    ["hookops validate --online --org fabrikam", "also check against the organization's projects, events and consumers"],
  ],
  plan: [
    ["hookops plan", "show what apply would change"],
    ["hookops plan --out plan.json", "save the plan, to apply exactly it later"],
    ["hookops plan --json | jq .summary", "count the changes by action"],
    ["hookops plan --detailed-exitcode", "exit 2 when there are changes (for CI)"],
    ["hookops plan --org emulator", "try it offline against the built-in emulator"],
  ],
  apply: [
    ["hookops apply", "plan, ask for yes, then apply"],
    ["hookops apply plan.json", "apply a saved plan, if re-planning gives exactly it"],
    ["hookops apply --auto-approve --allow-deletes 20", "in CI: no question, and accept up to 20 deletes"],
  ],
  export: [
    ["hookops export --org fabrikam --out hooks-repo", "write every live subscription as YAML"],
    ["hookops export --project WebSite", "only one project's subscriptions"],
  ],
  status: [
    ["hookops status", "each declared subscription's live status and deliveries over 24 hours"],
    ["hookops status --since 7d --all", "over a week, with the undeclared subscriptions too"],
    ["hookops status --detailed-exitcode --max-failure-rate 5", "exit 2 when a subscription fails more than 5% of deliveries"],
  ],
  test: [
    ["hookops test website-ci-failed", "send a test delivery and show how the endpoint answered"],
    ["hookops test --all --timeout 60", "test every declared subscription, waiting up to 60 s each"],
  ],
  catalog: [
    ["hookops catalog", "list the events and consumers"],
    ["hookops catalog build.complete", "one event type: its filters, versions and an example"],
    ["hookops catalog webHooks/httpRequest", "one consumer action and its inputs"],
  ],
  emulator: [
    ["hookops emulator --port 8080 --state emulator.json", "serve the emulator, keeping its state in a file"],
    ["AZURE_DEVOPS_ORG_URL=http://127.0.0.1:8080/fabrikam hookops plan", "plan against it from another terminal"],
  ],
  completion: [
    ['eval "$(hookops completion bash)"', "complete commands and flags in this bash (add it to ~/.bashrc)"],
    ["hookops completion zsh > ~/.zfunc/_hookops", "install it for zsh (with ~/.zfunc in fpath)"],
    ["hookops completion fish > ~/.config/fish/completions/hookops.fish", "install it for fish"],
  ],
  init: [
    ["hookops init", "start a hooks repo in the current folder"],
    ["hookops init hooks-repo --ci github", "in a new folder, with a GitHub Actions workflow"],
    ["hookops init --ci azure-pipelines", "with an Azure Pipelines definition"],
  ],
};

function examplesText(examples: readonly (readonly [string, string])[]): string {
  const width = Math.max(...examples.map(([line]) => line.length));
  const lines = examples.map(([line, meaning]) => (line.length > 50 ? `  $ ${line}\n      ${meaning}` : `  $ ${line.padEnd(Math.min(width, 50))}  ${meaning}`));
  return `\nExamples:\n${lines.join("\n")}\n`;
}

/** Adds the examples to every command that has some (commands added later get none). */
export function addExamples(program: Command): void {
  for (const command of program.commands) {
    const examples = EXAMPLES[command.name()];
    if (examples !== undefined) command.addHelpText("after", examplesText(examples));
  }
}

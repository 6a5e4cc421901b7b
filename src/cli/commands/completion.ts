import type { Command } from "commander";
import type { CommandContext } from "../io.js";

type Shell = "bash" | "zsh" | "fish";

/** One flag as the scripts need it. */
interface FlagSpec {
  flag: string;
  description: string;
  /** Takes a value (`--out <file>`). */
  takesValue: boolean;
  /** The values it accepts, when it names them. */
  choices?: readonly string[];
}

interface CommandSpec {
  name: string;
  description: string;
  flags: FlagSpec[];
  /** The values its first argument accepts, when it names them (`completion <shell>`). */
  argumentChoices?: readonly string[];
}

/** Commands and flags read from the commander program: the scripts never fall behind it. */
function specOf(program: Command): CommandSpec[] {
  return program.commands.map((command) => {
    const flags: FlagSpec[] = command.options
      .filter((option) => option.long !== undefined && !option.hidden)
      .map((option) => ({
        flag: option.long ?? "",
        description: option.description,
        takesValue: option.required || option.optional,
        ...(option.argChoices === undefined ? {} : { choices: option.argChoices }),
      }));
    flags.push({ flag: "--help", description: "show help for this command", takesValue: false });
    const choices = command.registeredArguments[0]?.argChoices;
    return { name: command.name(), description: command.description(), flags, ...(choices === undefined ? {} : { argumentChoices: choices }) };
  });
}

function bash(commands: readonly CommandSpec[]): string {
  const flagCases = commands.map((command) => `      ${command.name}) flags="${command.flags.map((flag) => flag.flag).join(" ")}" ;;`);
  const choiceCases = commands.flatMap((command) =>
    command.flags.flatMap((flag) => (flag.choices === undefined ? [] : [`      "${command.name} ${flag.flag}") values="${flag.choices.join(" ")}" ;;`])),
  );
  const valueFlags = commands.flatMap((command) =>
    command.flags.filter((flag) => flag.takesValue && flag.choices === undefined).map((flag) => `"${command.name} ${flag.flag}"`),
  );
  const argumentCases = commands.flatMap((command) =>
    command.argumentChoices === undefined ? [] : [`      ${command.name}) values="${command.argumentChoices.join(" ")}" ;;`],
  );
  return `# bash completion for hookops: eval "$(hookops completion bash)", e.g. in ~/.bashrc
_hookops() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}" command="\${COMP_WORDS[1]}" flags="" values=""
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W "${commands.map((command) => command.name).join(" ")} --help --version" -- "$cur"))
    return
  fi
  case "$command $prev" in
${choiceCases.join("\n")}
      ${valueFlags.length === 0 ? '"" ""' : valueFlags.join(" | ")}) COMPREPLY=($(compgen -f -- "$cur")); return ;;
  esac
  if [ -n "$values" ]; then
    COMPREPLY=($(compgen -W "$values" -- "$cur"))
    return
  fi
  case "$command" in
${flagCases.join("\n")}
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "$flags" -- "$cur"))
    return
  fi
  if [ "$COMP_CWORD" -eq 2 ]; then
    case "$command" in
${argumentCases.join("\n")}
    esac
    if [ -n "$values" ]; then
      COMPREPLY=($(compgen -W "$values" -- "$cur"))
      return
    fi
  fi
  COMPREPLY=($(compgen -f -- "$cur"))
}
complete -o default -F _hookops hookops
`;
}

/** Text inside a zsh `'…'` spec: brackets and colons have meanings there. */
function zshText(text: string): string {
  return text.replace(/\[/g, "(").replace(/\]/g, ")").replace(/:/g, "\\:").replace(/'/g, "'\\''");
}

function zshFlag(flag: FlagSpec): string {
  const value = flag.choices === undefined ? (flag.takesValue ? ":value:_files" : "") : `:value:(${flag.choices.join(" ")})`;
  return `'${flag.flag}[${zshText(flag.description)}]${value}'`;
}

function zsh(commands: readonly CommandSpec[]): string {
  const described = commands.map((command) => `    '${command.name}:${zshText(command.description)}'`);
  const cases = commands.map((command) => {
    const argument = command.argumentChoices === undefined ? "'*:file:_files'" : `'1:${command.name}:(${command.argumentChoices.join(" ")})'`;
    return `      ${command.name}) _arguments ${[...command.flags.map(zshFlag), argument].join(" ")} ;;`;
  });
  return `#compdef hookops
# zsh completion for hookops: hookops completion zsh > "\${fpath[1]}/_hookops", or eval "$(hookops completion zsh)"
_hookops() {
  local -a commands
  commands=(
${described.join("\n")}
  )
  local state line
  _arguments -C '(- *)--help[show help]' '(- *)--version[show the version]' '1:command:->command' '*::argument:->argument'
  case $state in
    command) _describe 'command' commands ;;
    argument)
      case $line[1] in
${cases.join("\n")}
      esac
      ;;
  esac
}
if [ "$funcstack[1]" = "_hookops" ]; then
  _hookops "$@"
else
  compdef _hookops hookops
fi
`;
}

/** Text inside a fish `'…'` argument. */
function fishText(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/'/g, "\\'");
}

function fish(commands: readonly CommandSpec[]): string {
  const lines = [
    "# fish completion for hookops: hookops completion fish > ~/.config/fish/completions/hookops.fish",
    "complete -c hookops -f",
    "complete -c hookops -n __fish_use_subcommand -l help -d 'show help'",
    "complete -c hookops -n __fish_use_subcommand -l version -d 'show the version'",
  ];
  for (const command of commands) {
    lines.push(`complete -c hookops -n __fish_use_subcommand -a ${command.name} -d '${fishText(command.description)}'`);
    const when = `-n '__fish_seen_subcommand_from ${command.name}'`;
    if (command.argumentChoices !== undefined) lines.push(`complete -c hookops ${when} -a '${command.argumentChoices.join(" ")}'`);
    else lines.push(`complete -c hookops ${when} -F`);
    for (const flag of command.flags) {
      const value = flag.choices === undefined ? (flag.takesValue ? " -r -F" : "") : ` -x -a '${flag.choices.join(" ")}'`;
      lines.push(`complete -c hookops ${when} -l ${flag.flag.slice(2)}${value} -d '${fishText(flag.description)}'`);
    }
  }
  return `${lines.join("\n")}\n`;
}

const GENERATORS: Record<Shell, (commands: readonly CommandSpec[]) => string> = { bash, zsh, fish };

/** `hookops completion <shell>`: the script on stdout. */
export function runCompletion(shell: Shell, program: Command, { io }: CommandContext): number {
  io.stdout.write(GENERATORS[shell](specOf(program)));
  return 0;
}

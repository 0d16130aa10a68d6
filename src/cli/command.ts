// One CLI subcommand. Each lives in its own file under src/cli/commands and is listed in
// src/cli/registry.ts. Exit codes: 0 ok, 1 failure of the work itself, 2 bad usage or input.
export interface CliIO {
  out(line: string): void;
  err(line: string): void;
  /** True when stdout is a terminal (progress bars only then). */
  isTTY: boolean;
  stdin: NodeJS.ReadableStream;
  /** Key presses for `record` when stdin carries data (default: the terminal, /dev/tty). */
  keyboard?: NodeJS.ReadableStream;
  /** Stops long-running commands (`serve`) as SIGINT does. */
  signal?: AbortSignal;
}

export interface CliCommand {
  name: string;
  summary: string;
  /** Full --help text. */
  help: string;
  run(args: string[], io: CliIO): Promise<number>;
}

export var EXIT_OK = 0;
export var EXIT_FAILURE = 1;
export var EXIT_USAGE = 2;

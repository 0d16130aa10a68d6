import type { CliCommand } from './command';

// Add a command: create src/cli/commands/<name>.ts exporting a CliCommand, list it here.
export var commands: CliCommand[] = [];

import type { CliCommand } from './command';
import { serveCommand } from './commands/serve';
import { tokenCommand } from './commands/token';

// Add a command: create src/cli/commands/<name>.ts exporting a CliCommand, list it here.
export var commands: CliCommand[] = [serveCommand, tokenCommand];

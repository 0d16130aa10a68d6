import type { CliCommand } from './command';
import { serveCommand } from './commands/serve';
import { tokenCommand } from './commands/token';
import { trainCommand } from './commands/train';
import { evaluateCommand } from './commands/evaluate';
import { replayCommand } from './commands/replay';
import { exportCommand } from './commands/export';
import { inspectCommand } from './commands/inspect';
import { demoCommand } from './commands/demo';
import { recordCommand } from './commands/record';
import { importSklearnCommand } from './commands/import-sklearn';
import { buildCommand } from './commands/build';
import { bridgeCommand } from './commands/bridge';

// Add a command: create src/cli/commands/<name>.ts exporting a CliCommand, list it here.
export var commands: CliCommand[] = [serveCommand, tokenCommand, trainCommand, evaluateCommand, replayCommand, exportCommand, inspectCommand, demoCommand, recordCommand, buildCommand, importSklearnCommand, bridgeCommand];

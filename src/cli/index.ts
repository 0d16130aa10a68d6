import { commands } from './registry';
import type { CliIO } from './command';
import { EXIT_USAGE } from './command';

function usage(): string {
  var lines = ['Usage: espruino-gestures <command> [options]', '', 'Commands:'];
  for (var c of commands) lines.push('  ' + c.name.padEnd(10) + ' ' + c.summary);
  lines.push('', 'Run `espruino-gestures <command> --help` for a command\'s options.');
  return lines.join('\n');
}

export async function main(argv: string[], io?: Partial<CliIO>): Promise<number> {
  var fullIO: CliIO = {
    out: io?.out ?? ((l) => process.stdout.write(l + '\n')),
    err: io?.err ?? ((l) => process.stderr.write(l + '\n')),
    isTTY: io?.isTTY ?? Boolean(process.stdout.isTTY),
    stdin: io?.stdin ?? process.stdin,
  };
  var name = argv[0];
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    fullIO.out(usage());
    return name ? 0 : EXIT_USAGE;
  }
  var command = commands.find((c) => c.name === name);
  if (!command) {
    fullIO.err('espruino-gestures: unknown command "' + name + '"\n\n' + usage());
    return EXIT_USAGE;
  }
  var rest = argv.slice(1);
  if (rest.includes('--help') || rest.includes('-h')) {
    fullIO.out(command.help);
    return 0;
  }
  try {
    return await command.run(rest, fullIO);
  } catch (e: any) {
    fullIO.err('espruino-gestures ' + name + ': ' + (e && e.message ? e.message : String(e)));
    return e && typeof e.exitCode === 'number' ? e.exitCode : 1;
  }
}

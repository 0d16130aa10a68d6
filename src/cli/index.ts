import { readFileSync } from 'node:fs';
import { commands } from './registry';
import type { CliIO } from './command';
import { EXIT_USAGE } from './command';
import { closestOption } from './args';

function usage(): string {
  var lines = ['Usage: espruino-gestures <command> [options]', '       espruino-gestures help <command> | --version', '', 'Commands:'];
  for (var c of commands) lines.push('  ' + c.name.padEnd(10) + ' ' + c.summary);
  lines.push('', 'Run `espruino-gestures <command> --help` (or `help <command>`) for a command\'s options.');
  return lines.join('\n');
}

/** The package's version, from its package.json (dist/node/cli.js and src/cli are both two levels down). */
export function packageVersion(): string {
  for (var rel of ['../../package.json', '../package.json']) {
    try {
      var pkg = JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8'));
      if (pkg.name === 'espruino-gestures') return pkg.version;
    } catch (e) { /* try the next */ }
  }
  return 'unknown';
}

export async function main(argv: string[], io?: Partial<CliIO>): Promise<number> {
  var fullIO: CliIO = {
    out: io?.out ?? ((l) => process.stdout.write(l + '\n')),
    err: io?.err ?? ((l) => process.stderr.write(l + '\n')),
    isTTY: io?.isTTY ?? Boolean(process.stdout.isTTY),
    stdin: io?.stdin ?? process.stdin,
    keyboard: io?.keyboard,
    signal: io?.signal,
  };
  var name = argv[0];
  if (name === '--version' || name === '-v' || name === 'version') {
    fullIO.out((argv.includes('--json') ? JSON.stringify({ version: packageVersion() }) : 'espruino-gestures ' + packageVersion()));
    return 0;
  }
  if (name === 'help' && argv[1] && argv[1] !== '--json') name = argv[1], argv = [name, '--help'];
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    fullIO.out(usage());
    return name ? 0 : EXIT_USAGE;
  }
  var command = commands.find((c) => c.name === name);
  var json = argv.includes('--json');
  if (!command) {
    var near = closestOption(name, commands.map((c) => c.name));
    var msg = 'unknown command "' + name + '"' + (near ? ' (did you mean ' + near + '?)' : '');
    if (json) fullIO.out(JSON.stringify({ error: msg, exitCode: EXIT_USAGE }));
    fullIO.err('espruino-gestures: ' + msg + '\n\n' + usage());
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
    var message = e && e.message ? e.message : String(e);
    var code = e && typeof e.exitCode === 'number' ? e.exitCode : 1;
    // With --json a script reads stdout: the error goes there as JSON too.
    if (json) fullIO.out(JSON.stringify({ error: message, code: (e && e.code) || null, exitCode: code }));
    fullIO.err('espruino-gestures ' + name + ': ' + message);
    return code;
  }
}

// `espruino-gestures build`: a user's app through the espruino CLI with the board bundle,
// checked as `npm run examples` checks the examples (src/host/build/espruino-build.ts).
import type { CliCommand } from '../command';
import { EXIT_OK } from '../command';
import { parse, usageError } from '../args';
import { buildApp, BOARD_FILES } from '../../host/build/espruino-build';

export var buildCommand: CliCommand = {
  name: 'build',
  summary: 'build your Espruino app with the espruino CLI and the board bundle, checked',
  help: [
    'Usage: espruino-gestures build APP.js --board esp32|puckjs|banglejs2|pixljs --out FILE',
    '                               [--board-json FILE] [--storage NAME:FILE]... [--json]',
    '',
    'Runs the espruino CLI offline (`espruino -n --board <board.json> --config MODULE_URL=<the',
    'package\'s dist/espruino/<board>> -o FILE APP.js`), then fails (exit 1) where the CLI',
    'itself exits 0: a module neither built in nor in the bundle, the bundle not inlined, or',
    'code Espruino cannot run (ES5 and built-ins lint).',
    '',
    'The espruino CLI must be installed: npm install --save-dev espruino.',
    'Board JSON: the package ships one per board (' + Object.keys(BOARD_FILES).map(function (b) { return b + ': ' + BOARD_FILES[b]; }).join(', ') + '),',
    'holding the built-in modules an offline build needs; for another board give --board-json',
    '(the Espruino board JSON, e.g. saved from the Web IDE\'s board list).',
    '',
    '  --out FILE           the code to upload (RAM: espruino -p PORT FILE -e "save()")',
    '  --storage NAME:FILE  a Storage upload instead (nRF52: --storage .bootcde:- writes the app',
    '                       to Storage, --storage gestures.model:gestures.egm the model)',
    '',
    'Exit codes: 0 built, 1 the build failed its checks, 2 bad usage or input.',
  ].join('\n'),
  run: async function (args, io) {
    var p = parse(args, { board: { type: 'string' }, out: { type: 'string' }, 'board-json': { type: 'string' }, storage: { type: 'string', multiple: true } });
    if (p.positionals.length !== 1) throw usageError('build takes exactly one APP.js');
    if (!p.values.board) throw usageError('build needs --board (esp32, puckjs, banglejs2, pixljs)');
    if (!p.values.out) throw usageError('build needs --out FILE');
    var r = buildApp({ app: p.positionals[0], board: p.values.board, out: p.values.out, boardJson: p.values['board-json'], storage: p.values.storage });
    if (p.values.json) io.out(JSON.stringify({ out: p.values.out, bytes: r.bytes, board: p.values.board }));
    else io.out('Built ' + p.positionals[0] + ' for ' + p.values.board + ': ' + r.bytes + ' bytes -> ' + p.values.out + (p.values.storage ? ' (Storage upload)' : ''));
    return EXIT_OK;
  },
};

// `espruino-gestures bridge`: forwards one board's BLE notifications to a receiver from a
// computer without a browser (src/host/ble-gateway.ts, on @abandonware/noble).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { CliCommand } from '../command';
import { EXIT_OK, EXIT_FAILURE } from '../command';
import { parseOptionsOnly, usageError } from '../args';
import { untilStopped } from '../until-stopped';
import { startBleGateway, tokenDevice, BOARD_NAME_PREFIXES, type NobleLike } from '../../host/ble-gateway';

var TOKEN_ENV = 'ESPRUINO_GESTURES_TOKEN';
var NOBLE = '@abandonware/noble';

/** noble opens the adapter when it is loaded: its failures name the package and what it needs. */
function loadNoble(): NobleLike {
  try {
    return createRequire(import.meta.url)(NOBLE);
  } catch (e: any) {
    var missing = e && e.code === 'MODULE_NOT_FOUND' && String(e.message).indexOf("'" + NOBLE) >= 0;
    throw new Error(missing
      ? 'the bridge needs ' + NOBLE + ' (the BLE library the espruino CLI uses): npm install ' + NOBLE + ' beside espruino-gestures (its native part needs build tools, and BlueZ on Linux)'
      : NOBLE + ' is installed but cannot open Bluetooth: ' + String(e && e.message).split('\n')[0] + ' (approve and rebuild its native part: npm rebuild @abandonware/bluetooth-hci-socket)');
  }
}

export var bridgeCommand: CliCommand = {
  name: 'bridge',
  summary: 'Forward a Puck.js / Bangle.js / Pixl.js board\'s BLE events to a receiver',
  help: [
    'Usage: espruino-gestures bridge --token-file <file> [options]',
    '',
    'Connects to one board running createBleNotifySink, decodes its gesture notifications and',
    'posts them with their outbox ids to the receiver (POST /api/v1/events), so a repeat or an',
    'event sent again after a reconnect is stored once. The same code as the dashboard\'s',
    '"Connect over Bluetooth" (docs/receiver.md "Bluetooth bridge"), for a computer without a',
    'browser. Needs ' + NOBLE + ' installed beside espruino-gestures.',
    '',
    '  --receiver <url>        the receiver (default http://localhost:8080)',
    '  --token-file <file>     a file holding the board\'s device token (token create --device);',
    '                          or $' + TOKEN_ENV + '. Never on the command line: `ps` shows it',
    '  --labels <list>         the model\'s labels in order, e.g. idle,snake,updown,wave',
    '                          (the payload carries the index; without: move_<n>)',
    '  --board <name>          the board\'s advertised name, address or id (default: the first',
    '                          named ' + BOARD_NAME_PREFIXES.join(', ') + ')',
    '  --queue-file <file>     keep events the receiver has not taken yet across restarts',
    '  --no-clock              do not set the board\'s clock over the Nordic UART on connect',
    '',
    'Runs until Ctrl-C.',
  ].join('\n'),
  async run(args, io) {
    var options = {
      receiver: { type: 'string' },
      'token-file': { type: 'string' },
      labels: { type: 'string' },
      board: { type: 'string' },
      'queue-file': { type: 'string' },
      'no-clock': { type: 'boolean' },
    } as const;
    var values: any = parseOptionsOnly(args, options).values;
    var receiver = String(values.receiver ?? 'http://localhost:8080').replace(/\/+$/, '');
    if (!/^https?:\/\/[^/]+$/.test(receiver)) throw usageError('--receiver must be http(s)://host[:port] (got ' + JSON.stringify(values.receiver) + ')');
    var token: string | undefined;
    if (values['token-file']) {
      var file = String(values['token-file']);
      if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw usageError('--token-file ' + file + ': no such file');
      token = fs.readFileSync(file, 'utf8').trim();
    } else token = process.env[TOKEN_ENV]?.trim();
    if (!token) throw usageError('bridge needs the board\'s device token: --token-file <file> or $' + TOKEN_ENV + ' (espruino-gestures token create --device <id> prints one)');
    try {
      var deviceId = await tokenDevice(receiver, token);
    } catch (e: any) {
      throw usageError(e.message);
    }
    var noble;
    try {
      noble = loadNoble();
    } catch (e: any) {
      io.err('bridge: ' + e.message);
      return EXIT_FAILURE;
    }
    io.out('Forwarding as device ' + deviceId + ' to ' + receiver);
    var gw = await startBleGateway({
      noble,
      receiverUrl: receiver,
      token,
      labels: values.labels ? String(values.labels).split(',').map((l: string) => l.trim()) : undefined,
      board: values.board,
      queueFile: values['queue-file'],
      setClock: !values['no-clock'],
      log: (line) => io.out(line),
    });
    await untilStopped(io);
    await gw.close();
    var s = gw.status();
    io.out('Stopped: ' + s.forwarded + ' forwarded, ' + s.duplicates + ' duplicates, ' + (s.errors + s.undecodable) + ' errors, ' + s.queued + ' queued');
    return EXIT_OK;
  },
};

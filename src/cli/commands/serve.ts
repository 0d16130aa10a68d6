// `espruino-gestures serve`: runs the receiver (HTTP API, dashboard, optional MQTT).
import type { CliCommand } from '../command';
import { EXIT_OK } from '../command';
import { startReceiver } from '../../server/receiver';
import { STORAGE_OPTIONS, STORAGE_HELP, storageFrom } from '../storage-options';
import { parseOptionsOnly, usageError } from '../args';
import { untilStopped } from '../until-stopped';

function intOption(v: unknown, name: string, min: number, max: number): number | undefined {
  if (v === undefined) return undefined;
  var n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw usageError('--' + name + ' must be an integer from ' + min + ' to ' + max + ' (got ' + JSON.stringify(v) + ')');
  return n;
}

function minutes(n: number | undefined): number | undefined {
  return n === undefined ? undefined : n * 60000;
}

var LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function logLevel(v: unknown): string | undefined {
  if (v === undefined) return undefined;
  if (LEVELS.indexOf(String(v)) < 0) throw usageError('--log-level must be one of ' + LEVELS.join(', ') + ' (got ' + JSON.stringify(v) + ')');
  return String(v);
}

export var serveCommand: CliCommand = {
  name: 'serve',
  summary: 'Run the receiver: REST API, live dashboard, optional MQTT ingestion',
  help: [
    'Usage: espruino-gestures serve [options]',
    '',
    'Receives gesture events (POST /api/v1/events, legacy POST /api/write-move, MQTT),',
    'stores them, and serves the dashboard at http://<host>:<port>/.',
    '',
    '  --port <n>              default 8080 (0: any free port)',
    '  --host <addr>           default 127.0.0.1; bound wider, reads (dashboard, SSE, read',
    '                          API) need a read token, made at start unless --read-token',
    '  --read-token <t>        the token reads need (repeatable; also $RECEIVER_READ_TOKEN);',
    '                          given on loopback too, it closes reads there as well',
    '  --open-reads            no read token even when bound wider (behind an auth proxy)',
    '  --allowed-host <name>   a Host name clients may use (repeatable; * for any), beside',
    '                          loopback and the bound address (DNS rebinding guard)',
    '  --rate-limit <n>        requests per 10 s per token (default 1000; 0: no limit)',
    '  --log-level <level>     log on stderr: fatal, error, warn, info (default), debug',
    '                          (one line per request), trace, silent',
    STORAGE_HELP,
    '  --mqtt-url <url>        also ingest from an MQTT broker (mqtt://host:1883)',
    '  --mqtt-prefix <p>       topic prefix (default gestures: <p>/<device_id>/events)',
    '  --mqtt-username <u>     broker credentials (password from $MQTT_PASSWORD)',
    '  --legacy-open           accept POST /api/write-move without a token (old devices)',
    '  --legacy-labels <list>  label names by move index for legacy events',
    '                          (default idle,x,y,circle as the seed)',
    '  --cors-origin <origin>  let pages from this origin read the GET endpoints',
    '                          (repeatable; * for any), e.g. the original web page',
    '  --body-limit <bytes>    largest request body (default 65536)',
    '  --max-batch <n>         most events per request (default 500)',
    '  --offline-after <min>   a device not heard from for this many minutes shows as',
    '                          offline on the dashboard and in /api/v1/devices (default 10)',
    '  --json                  print the listening address as one JSON line',
    '',
    'Devices need a token: espruino-gestures token create --device <id>',
  ].join('\n'),
  async run(args, io) {
    var options = {
        ...STORAGE_OPTIONS,
        port: { type: 'string' },
        host: { type: 'string' },
        'mqtt-url': { type: 'string' },
        'mqtt-prefix': { type: 'string' },
        'mqtt-username': { type: 'string' },
        'legacy-open': { type: 'boolean' },
        'legacy-labels': { type: 'string' },
        'body-limit': { type: 'string' },
        'max-batch': { type: 'string' },
        'cors-origin': { type: 'string', multiple: true },
        json: { type: 'boolean' },
        'read-token': { type: 'string', multiple: true },
        'open-reads': { type: 'boolean' },
        'allowed-host': { type: 'string', multiple: true },
        'rate-limit': { type: 'string' },
        'log-level': { type: 'string' },
        'offline-after': { type: 'string' },
    } as const;
    var values: any = parseOptionsOnly(args, options).values;
    var rateLimit = intOption(values['rate-limit'], 'rate-limit', 0, 1e9);
    var rx = await startReceiver({
      ...storageFrom(values),
      port: intOption(values.port, 'port', 0, 65535) ?? 8080,
      host: values.host as string | undefined,
      mqtt: values['mqtt-url'] ? {
        url: values['mqtt-url'] as string,
        prefix: values['mqtt-prefix'] as string | undefined,
        username: values['mqtt-username'] as string | undefined,
        password: process.env.MQTT_PASSWORD,
      } : undefined,
      legacy: { open: Boolean(values['legacy-open']), labels: values['legacy-labels'] ? String(values['legacy-labels']).split(',') : undefined },
      bodyLimit: intOption(values['body-limit'], 'body-limit', 256, 16 * 1024 * 1024),
      maxBatch: intOption(values['max-batch'], 'max-batch', 1, 10000),
      offlineAfterMs: minutes(intOption(values['offline-after'], 'offline-after', 1, 100000)),
      corsOrigins: values['cors-origin'] as string[] | undefined,
      readTokens: (values['read-token'] as string[] | undefined) ?? (process.env.RECEIVER_READ_TOKEN ? [process.env.RECEIVER_READ_TOKEN] : undefined),
      openReads: Boolean(values['open-reads']),
      allowedHosts: values['allowed-host'] as string[] | undefined,
      rateLimit: rateLimit === 0 ? false : rateLimit === undefined ? undefined : { max: rateLimit },
      // info for a person running it; the tests stay quiet.
      logLevel: logLevel(values['log-level']) ?? (process.env.VITEST ? 'silent' : 'info'),
    });
    var readTokenNote = rx.readToken && !values['read-token'] ? ' (read token: ' + rx.readToken + ')' : '';
    if (values.json) io.out(JSON.stringify({ url: rx.url, port: rx.port, store: rx.store.kind, mqtt: values['mqtt-url'] || null, dashboard: rx.url + '/', readToken: readTokenNote ? rx.readToken : null }));
    else {
      io.out('Receiver listening on ' + rx.url + ' (' + rx.store.kind + (rx.mqtt ? ', MQTT ' + values['mqtt-url'] : '') + ')');
      io.out('Dashboard: ' + rx.url + '/' + readTokenNote);
    }
    await untilStopped(io);
    if (!values.json) io.out('Stopping...');
    await rx.close();
    return EXIT_OK;
  },
};

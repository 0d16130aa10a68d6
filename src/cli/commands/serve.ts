// `espruino-gestures serve`: runs the receiver (HTTP API, dashboard, optional MQTT).
import type { CliCommand } from '../command';
import { EXIT_OK } from '../command';
import { startReceiver } from '../../server/receiver';
import { STORAGE_OPTIONS, STORAGE_HELP, storageFrom, parse, usageError } from '../../server/cli-options';
import { parseError } from '../../host/cli/args';

function intOption(v: unknown, name: string, min: number, max: number): number | undefined {
  if (v === undefined) return undefined;
  var n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw usageError('--' + name + ' must be an integer from ' + min + ' to ' + max + ' (got ' + JSON.stringify(v) + ')');
  return n;
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
    '  --host <addr>           default 127.0.0.1; reads are not authenticated, so bind',
    '                          to a public address only behind a proxy that restricts them',
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
    } as const;
    var values: any;
    try {
      values = parse({ args, options, allowPositionals: false }).values;
    } catch (e: any) {
      throw parseError({ message: String(e.message).replace(/ \(see --help\)$/, '') }, Object.keys(options));
    }
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
      corsOrigins: values['cors-origin'] as string[] | undefined,
    });
    if (values.json) io.out(JSON.stringify({ url: rx.url, port: rx.port, store: rx.store.kind, mqtt: values['mqtt-url'] || null, dashboard: rx.url + '/' }));
    else {
      io.out('Receiver listening on ' + rx.url + ' (' + rx.store.kind + (rx.mqtt ? ', MQTT ' + values['mqtt-url'] : '') + ')');
      io.out('Dashboard: ' + rx.url + '/');
    }
    await new Promise<void>((resolve) => {
      var stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        if (io.signal) io.signal.removeEventListener('abort', stop);
        resolve();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
      if (io.signal) {
        if (io.signal.aborted) stop();
        else io.signal.addEventListener('abort', stop);
      }
    });
    if (!values.json) io.out('Stopping...');
    await rx.close();
    return EXIT_OK;
  },
};

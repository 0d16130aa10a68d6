// `espruino-gestures token create|list|revoke`: per-device tokens for the receiver.
import type { CliCommand } from '../command';
import { EXIT_OK, EXIT_FAILURE } from '../command';
import { openStore } from '../../server/receiver';
import { createDeviceToken } from '../../server/tokens';
import { STORAGE_OPTIONS, STORAGE_HELP, storageFrom } from '../storage-options';
import { parse, usageError } from '../args';

export var tokenCommand: CliCommand = {
  name: 'token',
  summary: 'Create, list or revoke per-device receiver tokens',
  help: [
    'Usage: espruino-gestures token create --device <id> [--label <text>] [storage]',
    '       espruino-gestures token list [--device <id>] [storage]',
    '       espruino-gestures token revoke <token-id> | --device <id> [storage]',
    '',
    'A token lets one device post events for its own device_id only. It is printed once;',
    'the receiver stores only its SHA-256. Use the same storage options as `serve`.',
    'Revocation takes effect on the next request (the running receiver checks every time).',
    '',
    STORAGE_HELP,
  ].join('\n'),
  async run(args, io) {
    var options = { ...STORAGE_OPTIONS, device: { type: 'string' }, label: { type: 'string' }, json: { type: 'boolean' } } as const;
    var { values, positionals } = parse(args, options);
    var action = positionals[0];
    if (action !== 'create' && action !== 'list' && action !== 'revoke') throw usageError('expected create, list or revoke (got ' + JSON.stringify(action ?? '') + ')');
    var device = values.device as string | undefined;
    if (action === 'create' && !device) throw usageError('token create needs --device <id>');
    if (action === 'revoke' && !device && !positionals[1]) throw usageError('token revoke needs a token id or --device <id>');
    var store = await openStore(storageFrom(values));
    try {
      if (action === 'create') {
        var created = await createDeviceToken(store, device!, values.label as string | undefined);
        if (values.json) io.out(JSON.stringify({ token: created.token, token_id: created.record.token_id, device_id: device }));
        else {
          io.out(created.token);
          io.err('Token ' + created.record.token_id + ' for device "' + device + '". It is shown only this once: put it in the device config.');
        }
        return EXIT_OK;
      }
      if (action === 'list') {
        var tokens = await store.listTokens(device);
        if (values.json) io.out(JSON.stringify(tokens.map(({ hash, ...t }) => t)));
        else {
          if (!tokens.length) io.out('No tokens' + (device ? ' for device "' + device + '"' : '') + '.');
          for (var t of tokens) {
            io.out([t.token_id, t.device_id.padEnd(20), new Date(t.created_at).toISOString(), t.revoked_at ? 'revoked ' + new Date(t.revoked_at).toISOString() : 'active', t.label ?? ''].join('  ').trimEnd());
          }
        }
        return EXIT_OK;
      }
      var n = await store.revokeTokens(positionals[1] ? { tokenId: positionals[1] } : { deviceId: device }, Date.now());
      if (n === 0) {
        io.err('No active token ' + (positionals[1] ? 'with id ' + positionals[1] : 'for device "' + device + '"') + '.');
        return EXIT_FAILURE;
      }
      io.out('Revoked ' + n + ' token' + (n === 1 ? '' : 's') + '.');
      return EXIT_OK;
    } finally {
      await store.close();
    }
  },
};

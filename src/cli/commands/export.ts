// `espruino-gestures export`: the model file in the form a device or app needs, with its
// size and inference cost.
import { writeFileSync } from 'node:fs';
import type { CliCommand } from '../command';
import { EXIT_OK } from '../command';
import { parse, oneOf, usageError } from '../args';
import { readModelFile } from '../common-options';
import { modelToBase64 } from '../../classifiers/model-encode';
import { encodeModel } from '../../classifiers/model-encode';
import { forestStructure } from '../../host/workflow/forest-structure';
import { describeSpec } from '../../host/workflow/demo';

/** The Storage file every example loads the model from. */
export var DEFAULT_STORAGE_NAME = 'gestures.model';

export var exportCommand: CliCommand = {
  name: 'export',
  summary: 'write a model file as binary, base64 or an Espruino Storage upload snippet',
  help: [
    'Usage: espruino-gestures export --model FILE [--format bin|base64|js] [--out FILE] [--name NAME] [--json]',
    '       espruino-gestures export --model FILE     (size and cost only: the model file is already the binary)',
    '',
    'Prints the model\'s size in bytes and its cost per inference (forests: split nodes visited,',
    'worst case = sum of tree depths), and writes it as:',
    '  bin     the binary model file (what Storage holds)',
    '  base64  one line of base64 (for JSON or HTTP)',
    '  js      Espruino code that writes it to Storage: require("Storage").write(NAME, atob("..."))',
    '',
    'Options:',
    '  --model FILE   model file from `train` (required)',
    '  --format F     bin (default), base64 or js',
    '  --out FILE     where to write (default: print base64/js to stdout; bin: write nothing)',
    '  --name NAME    Storage file name for js (default gestures.model, the name every example',
    '                 loads; at most 28 characters)',
    '',
    'Exit codes: 0 done, 1 failed, 2 bad usage or input (corrupt or truncated model file).',
  ].join('\n'),
  run: async function (args, io) {
    var p = parse(args, { model: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' }, name: { type: 'string' } });
    var format = oneOf(p.values, 'format', ['bin', 'base64', 'js'], 'bin')!;
    var name = p.values.name || DEFAULT_STORAGE_NAME;
    if (name.length > 28) throw usageError('--name: Storage names are at most 28 characters, "' + name + '" has ' + name.length);
    var m = readModelFile(p.values.model);
    var bytes = encodeModel(m.spec, m.classifier, { training: m.training || undefined }).bytes;
    var binOnly = format === 'bin' && !p.values.out; // nothing to write: the model file is the binary
    var b64 = modelToBase64(bytes);
    var structure = forestStructure(m.classifier);
    var body: string | Uint8Array = format === 'bin' ? bytes
      : format === 'base64' ? b64 + '\n'
      : '// ' + describeSpec(m.spec) + '\nrequire("Storage").write(' + JSON.stringify(name) + ', atob("' + b64 + '"));\n';
    if (p.values.out) writeFileSync(p.values.out, body);
    var info = { kind: m.kind, bytes: bytes.byteLength, labels: m.spec.labels, structure: structure, format: format, out: p.values.out || null };
    if (p.values.json) {
      io.out(JSON.stringify(Object.assign(info, p.values.out || binOnly ? {} : { data: body }), null, 2));
      return EXIT_OK;
    }
    if (!p.values.out && !binOnly) io.out(String(body).replace(/\n$/, ''));
    var cost = structure ? structure.trees + ' trees, ' + structure.nodes + ' split nodes; at most ' + structure.worstCaseNodes + ' nodes visited per inference' : 'cost: one pass over ' + m.spec.labels.length + ' classes';
    (p.values.out || binOnly ? io.out : io.err)(m.kind + ' model: ' + bytes.byteLength + ' bytes; ' + cost + (p.values.out ? ' -> ' + p.values.out : ''));
    if (binOnly) io.out(p.values.model + ' is already the binary for Storage; --format js writes an upload snippet, --out FILE a copy');
    return EXIT_OK;
  },
};

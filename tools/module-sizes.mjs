// Which source modules cost what in a board bundle: builds src/boards/<board>.ts with the
// same TypeScript settings as rollup.config.mjs and minifies each module's rendered code on
// its own (terser, top-level names are kept (nothing would use them on their own), so the
// figures slightly overstate each module; their order is what matters).
// Usage: node tools/module-sizes.mjs [board ...]
import { rollup } from 'rollup';
import typescript from '@rollup/plugin-typescript';
import { minify } from 'terser';
import { BOARDS } from './boards.mjs';

var boards = process.argv.slice(2);
if (boards.length === 0) boards = Object.keys(BOARDS);

async function sizes(board) {
  var bundle = await rollup({
    input: 'src/boards/' + board + '.ts',
    treeshake: { moduleSideEffects: false },
    plugins: [typescript({
      tsconfig: './tsconfig.device.json',
      compilerOptions: { noEmit: false, declaration: false, sourceMap: false, removeComments: true },
      include: ['src/*.d.ts', 'src/core/**/*.ts', 'src/drivers/**/*.ts', 'src/pipeline/**/*.ts',
        'src/classifiers/**/*.ts', 'src/sinks/**/*.ts', 'src/boards/**/*.ts'],
    })],
    onwarn: function () {},
  });
  var out = await bundle.generate({ format: 'cjs', exports: 'named', strict: false, esModule: false, freeze: false });
  var rows = [];
  for (var id of Object.keys(out.output[0].modules)) {
    var code = out.output[0].modules[id].code || '';
    if (!code.trim()) continue;
    var min = await minify(code, { ecma: 5, compress: { ecma: 5, passes: 2 }, mangle: true, module: false, toplevel: false });
    rows.push({ module: id.replace(process.cwd() + '/', ''), bytes: (min.code || '').length });
  }
  await bundle.close();
  rows.sort(function (a, b) { return b.bytes - a.bytes; });
  var total = rows.reduce(function (s, r) { return s + r.bytes; }, 0);
  console.log('\n' + board + ' (sum of per-module minified bytes: ' + total + ')');
  rows.forEach(function (r) { console.log(String(r.bytes).padStart(7) + '  ' + r.module); });
}

for (var b of boards) await sizes(b);

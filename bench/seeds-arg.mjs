// `--seeds LO-HI` (default 1-20) for the benches that repeat a study over seeds.
export function seedsFromArgs(argv) {
  var i = argv.indexOf('--seeds');
  var [lo, hi] = (i >= 0 ? argv[i + 1] : '1-20').split('-').map(Number);
  var seeds = [];
  for (var s = lo; s <= (hi || lo); s++) seeds.push(s);
  var range = seeds.length > 1 ? 'seeds ' + seeds[0] + '-' + seeds[seeds.length - 1] : 'seed ' + seeds[0];
  return { seeds: seeds, range: range };
}

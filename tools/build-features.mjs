// Rollup plugin: sets features a board's bundle is built without (tools/boards.mjs,
// `without`) to false in src/core/build-features.ts, after TypeScript. terser then folds
// `BuildFeatures.x` to false and removes the code it guards; the option checks that name
// the feature still throw a clear BAD_CONFIG.
var FEATURES_MODULE = /src[\\/]core[\\/]build-features\.ts$/;

export function buildFeatures(without) {
  return {
    name: 'build-features',
    transform(code, id) {
      if (!FEATURES_MODULE.test(id) || !without || without.length === 0) return null;
      without.forEach(function (name) {
        var flag = new RegExp('(\\b' + name + ':\\s*)true\\b');
        if (!flag.test(code)) throw new Error('build-features: no feature "' + name + '" in ' + id);
        code = code.replace(flag, '$1false');
      });
      return { code: code, map: null };
    },
  };
}

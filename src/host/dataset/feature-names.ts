// Names of a spec's features in the order the device computes them: `<channel>_<ms>` for
// raw points (time-major, as the seed's tables), `<channel>_<stat>` for statistics
// (channel-major), `<channel>_band<k>` for spectral bands, `<sensor>_mag_<stat>` and
// `corr_<channel>_<channel>` for the cross block. Used to line up features computed
// elsewhere (scikit-learn) with ours.
import type { FeatureSpec } from '../../core/types';
import { featureMask, RAW_BIT, STATS_BIT, SPECTRAL_BIT, CROSS_BIT, sensorChannels } from '../../core/spec';

/** Statistics of each magnitude in the 'cross' block (src/pipeline/cross-axis.ts). */
var MAGNITUDE_STATS = ['mean', 'std', 'min', 'max'];

export function featureNames(spec: FeatureSpec): string[] {
  var names: string[] = [], i, c, ch = spec.channels, mask = featureMask(spec.features);
  if (mask & RAW_BIT) {
    for (i = 0; i < spec.points; i++) {
      var ms = Math.round((i * 1000) / spec.rateHz);
      for (c = 0; c < ch.length; c++) names.push(ch[c] + '_' + ms);
    }
  }
  var stats = mask & STATS_BIT ? spec.stats || [] : [];
  for (c = 0; c < ch.length; c++) for (i = 0; i < stats.length; i++) names.push(ch[c] + '_' + stats[i]);
  var bands = mask & SPECTRAL_BIT ? spec.spectralBands || 0 : 0;
  for (c = 0; c < ch.length; c++) for (i = 0; i < bands; i++) names.push(ch[c] + '_band' + i);
  if (mask & CROSS_BIT) {
    ['acc', 'gyro'].forEach(function (sensor) {
      if (sensorChannels(ch, sensor).length > 1) MAGNITUDE_STATS.forEach(function (s) { names.push(sensor + '_mag_' + s); });
    });
    for (c = 0; c < ch.length; c++) for (i = c + 1; i < ch.length; i++) names.push('corr_' + ch[c] + '_' + ch[i]);
  }
  return names;
}

// Names of a spec's features in the order the device computes them: `<channel>_<ms>` for
// raw points (time-major, as the seed's tables), `<channel>_<stat>` for statistics
// (channel-major). Used to line up features computed elsewhere (scikit-learn) with ours.
import type { FeatureSpec } from '../../core/types';

export function featureNames(spec: FeatureSpec): string[] {
  var names: string[] = [], i, c;
  if (spec.features === 'raw') {
    for (i = 0; i < spec.points; i++) {
      var ms = Math.round((i * 1000) / spec.rateHz);
      for (c = 0; c < spec.channels.length; c++) names.push(spec.channels[c] + '_' + ms);
    }
    return names;
  }
  var stats = spec.stats || [];
  for (c = 0; c < spec.channels.length; c++) for (i = 0; i < stats.length; i++) names.push(spec.channels[c] + '_' + stats[i]);
  return names;
}

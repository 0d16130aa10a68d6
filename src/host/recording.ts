// A continuous recording in memory: what every reader produces and replay consumes.

/** Samples of one continuous recording, channel values interleaved sample-major. */
export interface Recording {
  /** Where it came from (file path or a name), used in messages and reports. */
  source: string;
  /** Channel names in the order of `values` (the seed's names: acc_x, ..., gyro_z). */
  channels: string[];
  /** Nominal sample rate in Hz (from the time column, or given). */
  rateHz: number;
  /** Sample times in ms, as in the file's time column (from 0 when the file has none). */
  timesMs: Float64Array;
  /** values[i * channels.length + c] is channel c of sample i. */
  values: Float32Array;
  /** Problems that were tolerated or repaired while reading (truncated file, dropped rows). */
  warnings: string[];
}

export function sampleCount(rec: Recording): number {
  return rec.timesMs.length;
}

export function durationMs(rec: Recording): number {
  var n = rec.timesMs.length;
  return n ? rec.timesMs[n - 1] - rec.timesMs[0] : 0;
}

/** One channel as its own array (for plots and statistics). */
export function channelSeries(rec: Recording, channel: string): Float32Array {
  var c = rec.channels.indexOf(channel);
  if (c < 0) throw new Error(rec.source + ': no channel "' + channel + '" (has ' + rec.channels.join(', ') + ')');
  var k = rec.channels.length;
  var out = new Float32Array(rec.timesMs.length);
  for (var i = 0; i < out.length; i++) out[i] = rec.values[i * k + c];
  return out;
}

/** A new recording holding only `channels`, in that order (a channel subset). */
export function selectChannels(rec: Recording, channels: string[]): Recording {
  var idx = channels.map(function (name) {
    var c = rec.channels.indexOf(name);
    if (c < 0) throw new Error(rec.source + ': no channel "' + name + '" (has ' + rec.channels.join(', ') + ')');
    return c;
  });
  var k = rec.channels.length;
  var n = rec.timesMs.length;
  var values = new Float32Array(n * idx.length);
  for (var i = 0; i < n; i++) for (var j = 0; j < idx.length; j++) values[i * idx.length + j] = rec.values[i * k + idx[j]];
  return { source: rec.source, channels: channels.slice(), rateHz: rec.rateHz, timesMs: rec.timesMs, values: values, warnings: rec.warnings.slice() };
}

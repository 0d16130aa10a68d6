// What the zoomable view needs of one evaluated recording, as compact JSON numbers.
import type { Recording } from '../recording';
import type { ReplayResult } from '../eval/replay';
import type { TruthEvent } from '../eval/event-metrics';
import type { ZoomData } from './zoom-client';
import { channelGroups, CHANNEL_COLORS, darken } from './svg-plot';

/** Beyond this many samples a recording's lines are thinned (every k-th sample) to keep the file small. */
export var ZOOM_MAX_SAMPLES = 120000;

function sig(v: number): number {
  return isFinite(v) ? Number(v.toPrecision(4)) : 0;
}

export function zoomData(rec: Recording, replay: ReplayResult, truths: TruthEvent[], labels: string[], colors: string[]): ZoomData {
  var n = rec.timesMs.length, k = rec.channels.length, L = labels.length;
  var t0 = n ? rec.timesMs[0] : 0;
  var step = Math.max(1, Math.ceil(n / ZOOM_MAX_SAMPLES));
  var t: number[] = [];
  for (var s = 0; s < n; s += step) t.push(Math.round(rec.timesMs[s] - t0) / 1000);
  var groups = channelGroups(rec.channels).map(function (members) {
    return {
      channels: members.map(function (c) { return rec.channels[c]; }),
      colors: members.map(function (c, m) { return CHANNEL_COLORS[m % CHANNEL_COLORS.length]; }),
      values: members.map(function (c) {
        var out: number[] = [];
        for (var s = 0; s < n; s += step) out.push(sig(rec.values[s * k + c]));
        return out;
      }),
    };
  });
  var m = replay.predictions.length;
  var scores = labels.map(function (l, c) {
    var out: number[] = [];
    for (var j = 0; j < m; j++) out.push(replay.classScores.length === m * L ? Math.round(replay.classScores[j * L + c] * 1000) / 1000 : 0);
    return out;
  });
  var sec = function (ms: number) { return Math.round(ms - t0) / 1000; };
  var end = n ? rec.timesMs[n - 1] : t0;
  return {
    t: t, groups: groups, labels: labels, colors: colors, textColors: colors.map(function (c) { return darken(c, 0.35); }),
    predT: replay.predictionTimesMs.map(sec), scores: scores, pred: replay.predictions.slice(),
    hopS: m > 1 ? (replay.predictionTimesMs[1] - replay.predictionTimesMs[0]) / 1000 : 0,
    events: replay.events.map(function (e) { return { t: sec(e.timeMs), label: e.label, gesture: e.gesture }; }),
    truths: truths.map(function (e) { return { a: sec(Math.max(t0, e.startMs)), b: sec(Math.min(end, e.endMs)), label: labels.indexOf(e.label) }; }),
  };
}

/** JSON safe inside <script type="application/json">. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

// How `train --grid` shows an event-scored grid: the best candidates with their mean event
// F1 and its spread over seeds, the seeds with every event and no false one, size and cost.
import type { EventGridResult, EventCandidate } from '../host/workflow/event-grid';
import { describeCandidate } from '../host/workflow/event-grid';
import { describeParams } from '../host/workflow/grid-search';

function row(c: EventCandidate) {
  var events = c.perSeed.map(function (o) { return { seed: o.seed, truePositives: o.truePositives, truths: o.truths, falseEvents: o.falseEvents, wrongGestureEvents: o.wrongGestureEvents }; });
  return {
    candidate: describeCandidate(c), features: c.spec.features, stats: c.spec.stats || null, windowMs: c.spec.windowMs, hopMs: c.spec.hopMs, motionGate: c.spec.motionGate || 0,
    variant: c.pipeline.variant, channels: c.spec.channels, rateHz: c.spec.rateHz, model: describeParams(c.params), debouncer: c.debouncer,
    eventF1: c.score, windowAccuracy: c.windowAccuracy, brier: c.brier, perfectSeeds: c.perfectSeeds, seeds: c.perSeed.length,
    bytes: Math.round(c.bytes), perInference: c.perInference, costUnit: c.costUnit, costPerSecond: c.costPerSecond,
    unscoredRecordings: c.unscoredRecordings, rejected: c.rejected, perSeed: events,
  };
}

export function eventGridSummary(r: EventGridResult, method: string) {
  return { method: method, tieBreak: r.tieBreak, folds: r.folds, candidates: r.candidates.length, ranked: r.ranked.map(row), rejected: r.candidates.filter(function (c) { return c.rejected; }).map(row) };
}

var TIE_TEXT = { brier: 'held-out Brier score, then size', accuracy: 'window accuracy, then size', size: 'size' };

function debouncerFlags(c: EventCandidate): string {
  var d = c.debouncer;
  return '--debouncer ' + d.kind + (d.count !== undefined ? ' --count ' + d.count : '') + (d.minScore !== undefined ? ' --min-score ' + d.minScore : '') +
    (d.refractoryMs !== undefined ? ' --refractory ' + d.refractoryMs : '');
}

export function printEventGrid(io: { out: (s: string) => void }, r: EventGridResult, method: string): void {
  var seeds = r.best ? r.best.perSeed.length : 0;
  io.out('Grid search: ' + r.candidates.length + ' candidates, ' + r.ranked.length + ' within the constraints; event F1 ' + method + ', over ' + seeds + ' seed' + (seeds === 1 ? '' : 's') + '; ties: ' + TIE_TEXT[r.tieBreak]);
  io.out('  mean F1 (min-max, sd)     perfect seeds  bytes  cost/s  candidate');
  r.ranked.slice(0, 10).forEach(function (c) {
    var s = c.score;
    io.out('  ' + s.mean.toFixed(3) + ' (' + s.min.toFixed(3) + '-' + s.max.toFixed(3) + ', ' + s.sd.toFixed(3) + ')  ' + c.perfectSeeds + '/' + c.perSeed.length + '  ' +
      Math.round(c.bytes) + '  ' + c.costPerSecond.toFixed(0) + '  ' + describeCandidate(c));
  });
  var best = r.best!;
  if (best.unscoredRecordings.length) io.out('Not scored (shorter than one window): ' + best.unscoredRecordings.join(', '));
  io.out('Chosen: ' + describeCandidate(best) + '; run it with ' + debouncerFlags(best) + ' (the debouncer is not stored in the model file)');
}

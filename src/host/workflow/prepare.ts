// Turns a labelled recording set into training data with the device's own windowing:
// training windows (densely, as augmentation) and the spec the device will run.
import type { FeatureSpec } from '../../core/types';
import { makeSpec, SpecChoices } from '../dataset/spec';
import { buildDataset, VariantOptions } from '../dataset/variants';
import type { Dataset } from '../dataset/dataset';
import type { RecordingSet } from './recording-set';
import { labelsOf } from './recording-set';

export interface PrepareChoices {
  channels?: string[];
  rateHz?: number;
  windowMs?: number;
  /** The device's hop (ms): goes into the model's spec. */
  hopMs?: number;
  /** Hop between training windows of whole-labelled recordings (default: hopMs). */
  trainHopMs?: number;
  features?: SpecChoices['features'];
  stats?: SpecChoices['stats'];
  spectralBands?: number;
  motionGate?: number;
  downsample?: 'pick' | 'mean';
  variant?: VariantOptions;
  /** Label names (default: from the labels, idle first). */
  labels?: string[];
}

export interface Prepared { spec: FeatureSpec; data: Dataset }

/** A recording's group key: windows of one recording share it (for leave-one-recording-out). */
export function recordingOfGroup(group: string): string {
  var i = group.indexOf('#');
  return i < 0 ? group : group.slice(0, i);
}

export function setLabels(set: RecordingSet): string[] {
  var labels = labelsOf(set.events);
  var spans = set.events.some(function (e) { return e.endMs !== Infinity; });
  if (spans && labels.indexOf('idle') < 0) labels.unshift('idle');
  return labels;
}

export function prepareTraining(set: RecordingSet, c: PrepareChoices): Prepared {
  if (set.recordings.length === 0) throw new Error('no recordings to train on');
  var first = set.recordings[0];
  set.recordings.forEach(function (r) {
    if (r.rateHz !== first.rateHz) throw new Error('recordings differ in rate: ' + first.source + ' ' + first.rateHz + ' Hz, ' + r.source + ' ' + r.rateHz + ' Hz');
  });
  var choices: SpecChoices = {
    channels: c.channels || first.channels,
    sourceRateHz: first.rateHz,
    rateHz: c.rateHz,
    windowMs: c.windowMs,
    hopMs: c.hopMs,
    features: c.features,
    stats: c.stats,
    spectralBands: c.spectralBands,
    motionGate: c.motionGate,
    downsample: c.downsample,
    labels: c.labels || setLabels(set),
  };
  var spec = makeSpec(choices);
  var trainSpec = c.trainHopMs ? makeSpec(Object.assign({}, choices, { hopMs: c.trainHopMs })) : spec;
  var data = buildDataset(set.recordings, set.events, trainSpec, c.variant || { variant: 'centered' });
  data.spec = spec;
  return { spec: spec, data: data };
}

// The streaming pipeline: ring buffers, windower, features, debouncers, GesturePipeline.
export { RingBuffer } from './ring-buffer';
export { validateSpec, featureCount, resolveChannels, windowGeometry, KNOWN_STATS } from '../core/spec';
export type { WindowGeometry } from '../core/spec';
export { computeFeatures } from './features';
export { Windower, PUSH_NOTHING, PUSH_WINDOW, PUSH_INVALID, PUSH_QUIET } from './windower';
export type { WindowHandler, WindowerOptions } from './windower';
export { windowsFromRecording } from './replay';
export type { RecordingWindowHandler } from './replay';
export { OriginalDebouncer } from './debounce-original';
export type { OriginalDebouncerOptions } from './debounce-original';
export { ConsecutiveDebouncer } from './debounce-consecutive';
export type { ConsecutiveDebouncerOptions } from './debounce-consecutive';
export { MajorityDebouncer } from './debounce-majority';
export type { MajorityDebouncerOptions } from './debounce-majority';
export { GesturePipeline } from './pipeline';
export type { GesturePipelineOptions, PipelineEvent, PipelineSource, PipelineCounters, InferenceTimeStats } from './pipeline';

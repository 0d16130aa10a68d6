// Property names terser may shorten in the Espruino bundles. terser can rename local
// variables but not properties, and on Espruino every property name is stored in RAM
// with each object and parsed from flash on every access: `this.lastHealthCheck` costs
// bytes the minifier cannot remove. These names are internal to device code: private
// members and fields of objects that never leave the bundle (never documented, never
// options, never event or JSON fields, never read by examples or by tests of the bundle,
// never quoted in device code, never a property of an Espruino object). The rule is checked
// by test/size/internal-properties.test.ts; a name that becomes public must leave this list.
export var INTERNAL_PROPERTIES = [
  // GesturePipeline
  'buildWindower', 'syncDropped',
  'timeMin', 'timeMax', 'timeSum', 'builtFor', 'droppedBase',
  // Windower
  'picks', 'phases', 'slot', 'direct', 'meanOfRecent', 'taint', 'lastTimeMs', 'fillWindow',
  'blockResult', 'toUsed', 'blockAt', 'blockScale', 'blockOffset',
  // debouncers
  'runLabel', 'runLength', 'runScoreSum', 'firstMs', 'lastMs',
  'smoothed', 'votesFor',
  // classifiers: the scores scratch array and the forest's leaf-row hits
  '_scores', '_hits',
  // MPU6500 driver and its resolved configuration
  'handler', 'errorHandler', 'lastErrorCode', 'inHandler', 'timelineValid',
  'lastDataAt', 'lastHealthCheck', 'fifoLimit', 'readFifo', 'keepTimelineOnClock',
  'framesSince', 'probe', 'resume', 'reconfigure', 'requireInit', 'blockHandler',
  'fifoEnable', 'channelIndex',
  // Bangle.js driver
  'axes', 'pollMs', 'hadPowerSave',
  // outbox memory image (stored as bytes, not by name)
  'nameIdx',
];

/**
 * terser `mangle.properties` options that rename exactly these names (builtins: true lets
 * it rename names that are also browser DOM properties, such as `resume`: here they are ours).
 */
export function internalPropertyMangling() {
  return { regex: new RegExp('^(' + INTERNAL_PROPERTIES.join('|') + ')$'), builtins: true };
}

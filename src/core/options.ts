// Reads numeric options with defaults and clear errors (the debouncers', the windower's, the outbox's).
import { configError } from '../core/errors';

/**
 * options[name] if given, else fallback; BAD_CONFIG when not a number >= min (and <= max when
 * given), or (`whole`) not a whole number. One function for the pipeline's options and the
 * outbox's: on Espruino each function costs variables while loaded.
 */
export function numberOption(owner: string, options: any, name: string, fallback: number, min: number, whole?: boolean, max?: number): number {
  var v = options && options[name] !== undefined ? options[name] : fallback;
  // !(v > max) holds when max is undefined; NaN fails v >= min.
  if (typeof v !== 'number' || !(v >= min && !(v > (max as number))) || (whole && Math.floor(v) !== v)) {
    throw configError(owner + ': option ' + name + ' must be ' + (whole ? 'a whole number ' : 'a number ') +
      (max === undefined ? '>= ' + min : 'from ' + min + ' to ' + max) + ', got ' + v);
  }
  return v;
}

/** The idle label index, which every debouncer needs stated (-1: the model has no idle class). */
export function idleLabelOption(owner: string, options: any): number {
  if (!options || typeof options.idleLabel !== 'number') {
    throw configError(owner + ': option idleLabel is required (the index of the "no gesture" label, or -1 when there is none; a model has it as spec.idleLabel)'
    );
  }
  return numberOption(owner, options, 'idleLabel', -1, -1, true);
}

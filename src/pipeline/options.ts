// Reads numeric options with defaults and clear errors (shared by the debouncers).
import { configError } from '../core/errors';

/**
 * options[name] if given, else fallback; BAD_CONFIG when not a number >= min, or (`whole`)
 * not a whole number. One function for both: on Espruino each costs variables while loaded.
 */
export function numberOption(owner: string, options: any, name: string, fallback: number, min: number, whole?: boolean): number {
  var v = options && options[name] !== undefined ? options[name] : fallback;
  if (typeof v !== 'number' || v !== v || v < min) {
    throw configError(owner + ': option ' + name + ' must be a number >= ' + min + ', got ' + v);
  }
  if (whole && Math.floor(v) !== v) {
    throw configError(owner + ': option ' + name + ' must be a whole number, got ' + v);
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

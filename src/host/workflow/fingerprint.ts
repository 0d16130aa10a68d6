// Fingerprints of recording files: stored in a model file (v2 extension) so `evaluate` can
// say when the recordings it scores were part of the model's training set.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** First 8 bytes of the SHA-256 of the file's bytes, as 16 hex digits. */
export function fileFingerprint(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 16);
}

/** The files among `files` whose fingerprint is in `training`. */
export function trainedOn(files: string[], training: string[] | null): string[] {
  if (!training || !training.length) return [];
  return files.filter(function (f) { return training.indexOf(fileFingerprint(f)) >= 0; });
}

/** The warning evaluate prints (and the report shows) when it scores training data. */
export function trainingDataWarning(seen: string[], total: number): string | null {
  if (!seen.length) return null;
  return (seen.length === total ? 'all ' : seen.length + ' of ') + total + ' recordings scored here were in the model\'s training set (' +
    seen.slice(0, 3).join(', ') + (seen.length > 3 ? ', ...' : '') + '): these scores are not held-out; evaluate on recordings the model never saw';
}

// A seeded uniform [0, 1) generator so splits, SMOTE and shuffles repeat run to run: the
// trainers' PRNG (train/rng.ts), as a plain function.
import { createRng } from '../train/rng';

export function seededRandom(seed: number): () => number {
  return createRng(seed).next;
}

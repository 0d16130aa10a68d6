// Windower steps over a SampleBlock (GesturePipeline.pushBlock): a source's burst taken
// whole, storing only the samples of phases a window can end on. Functions over the
// windower's fields rather than methods, so a bundle without sample blocks has none of it.
import type { SampleBlock } from '../core/types';
import { emitWindow, PUSH_NOTHING } from './windower';

/**
 * Readies a block for takeBlock; false when it must go sample by sample instead ('mean'
 * downsampling, a scale or offset that is not finite, a period longer than maxGapMs).
 */
export function beginBlock(w: any, block: SampleBlock): boolean {
  var nch = w.sample.length, sum = 0, c, s;
  if (w.recent || !(block.periodMs <= w.maxGapMs)) return false;
  for (c = 0; c < nch; c++) {
    s = w.picks[c];
    w.blockAt[c] = block.at[s];
    sum += (w.blockScale[c] = block.scale[s]) + (w.blockOffset[c] = block.offset[s]);
  }
  // int16 words times finite numbers: every value is finite, no sample is invalid.
  return sum - sum === 0;
}

/**
 * Takes the block's samples from index `from` up to the next one that completes a window
 * (or the block's end), storing only those a window can use; returns the index after the
 * last one taken, and blockResult says whether a window was emitted. The same windows, at
 * the same times, as push() with each sample. Call beginBlock(w, block) first.
 */
export function takeBlock(w: any, block: SampleBlock, from: number): number {
  var seen = w.seen, span = w.spanSamples, f = w.factor, points = w.points, nch = w.sample.length;
  var ph = w.phases, slot = w.slot, toUsed = w.toUsed, raw = block.raw, stride = block.stride;
  var at = w.blockAt, sc = w.blockScale, of = w.blockOffset, end, last, taken, i, p, s, d, o, c, v;
  if (from === 0 && seen > 0) {
    v = block.t0 + block.k0 * block.periodMs - w.lastTimeMs;
    if (v > w.maxGapMs || v < -w.maxGapMs) {
      w.gaps++;
      w.reset();
      seen = 0;
    }
  }
  // The sample after which seen is span + m * hop completes a window.
  end = from + (seen < span ? span - 1 - seen : w.hopSamples - 1 - ((seen - span) % w.hopSamples));
  last = end < block.count ? end : block.count - 1;
  for (i = from + toUsed[seen % f]; i <= last; i += 1 + toUsed[(p + 1) % f]) {
    p = (seen + i - from) % f;
    s = slot[p];
    d = (p * points + s) * nch;
    o = i * stride;
    for (c = 0; c < nch; c++) ph[d + c] = raw[o + at[c]] * sc[c] - of[c];
    slot[p] = s + 1 === points ? 0 : s + 1;
  }
  taken = last - from + 1;
  w.seen = seen + taken;
  w.taint = w.taint > taken ? w.taint - taken : 0;
  w.lastTimeMs = block.t0 + (block.k0 + last) * block.periodMs;
  w.blockResult = PUSH_NOTHING;
  if (last === end) {
    if (w.taint > 0) w.skippedWindows++;
    else w.blockResult = emitWindow(w, w.lastTimeMs, (seen + last - from) % f);
  }
  return last + 1;
}

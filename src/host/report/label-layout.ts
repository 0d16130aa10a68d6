// Collision-aware placement of event labels along a time axis: each label goes into the first
// of `lanes` rows where it does not touch the previous label (a label that would run past
// `maxX` is moved left to end there); a label that fits in no row is hidden (its event keeps
// its tick). When fewer than `minShown` of
// the labels fit, none is shown: a scattered subset would read as if it were all the events,
// so a dense stretch shows only ticks until zoomed in.
// The static SVG and the zoomable view (inlined into the report as this function's source
// text) use this same function, so it must stay self-contained: no imports, no helpers.

/** Lane (0 = top) of each label, or -1 when hidden; `left` gets each label's start. `xs` ascending. */
export function placeLabels(xs: ArrayLike<number>, widths: ArrayLike<number>, lanes: number, gap: number, maxX: number, minShown: number, left?: number[]): number[] {
  var ends: number[] = [];
  for (var l = 0; l < lanes; l++) ends.push(-Infinity);
  var out: number[] = [], shown = 0;
  for (var i = 0; i < xs.length; i++) {
    var lane = -1, x = Math.min(xs[i], maxX - widths[i]);
    for (var k = 0; k < lanes; k++) {
      if (ends[k] + gap <= x) { lane = k; break; }
    }
    if (lane >= 0) { ends[lane] = x + widths[i]; shown++; }
    out.push(lane);
    if (left) left[i] = x;
  }
  if (shown < minShown * xs.length) for (var j = 0; j < out.length; j++) out[j] = -1;
  return out;
}

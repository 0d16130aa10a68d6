// The grid search's candidates as a scatter plot: model file size (log scale) against the
// candidate's score, the chosen one ringed, rejected ones (over --max-bytes / --max-nodes)
// hollow, and the front of candidates no smaller-and-better candidate beats joined by a line.
import { escapeHtml } from './svg-plot';

export interface GridPoint {
  /** What the candidate was (model, channels, rate, variant...). */
  label: string;
  bytes: number;
  score: number;
  /** The score's spread (e.g. min and max over seeds), when the grid measured one. */
  low?: number;
  high?: number;
  rejected?: string | null;
  chosen?: boolean;
}

/** Candidates that no other accepted candidate beats with fewer or equal bytes and a higher or equal score. */
export function sizeFront(points: GridPoint[]): GridPoint[] {
  var ok = points.filter(function (p) { return !p.rejected && isFinite(p.score) && p.bytes > 0; });
  ok.sort(function (a, b) { return a.bytes - b.bytes || b.score - a.score; });
  var front: GridPoint[] = [], best = -Infinity;
  ok.forEach(function (p) { if (p.score > best) { front.push(p); best = p.score; } });
  return front;
}

export function gridPlotSvg(points: GridPoint[], metric: string): string {
  var W = 720, H = 340, left = 56, right = 16, top = 14, bottom = 44;
  var usable = points.filter(function (p) { return p.bytes > 0 && isFinite(p.score); });
  if (!usable.length) return '<p>No grid candidate has a size and a score to plot.</p>';
  var bMin = Math.min.apply(null, usable.map(function (p) { return p.bytes; }));
  var bMax = Math.max.apply(null, usable.map(function (p) { return p.bytes; }));
  var lo = Math.min.apply(null, usable.map(function (p) { return p.low !== undefined ? p.low : p.score; }));
  var hi = Math.max.apply(null, usable.map(function (p) { return p.high !== undefined ? p.high : p.score; }));
  var l0 = Math.log10(bMin) - 0.05, l1 = Math.log10(bMax) + 0.05;
  var s0 = Math.max(0, Math.floor((lo - 0.02) * 20) / 20), s1 = Math.min(1, Math.ceil((hi + 0.02) * 20) / 20);
  if (!(s1 > s0)) { s0 = Math.max(0, s0 - 0.05); s1 = s0 + 0.1; }
  var x = function (b: number) { return left + ((Math.log10(b) - l0) / (l1 - l0)) * (W - left - right); };
  var y = function (s: number) { return top + (1 - (s - s0) / (s1 - s0)) * (H - top - bottom); };
  var out = ['<svg xmlns="http://www.w3.org/2000/svg" class="grid-plot" viewBox="0 0 ' + W + ' ' + H + '" width="' + W + '" role="img" aria-label="grid candidates: size against ' + escapeHtml(metric) + '" font-family="system-ui,sans-serif">'];
  out.push('<rect x="' + left + '" y="' + top + '" width="' + (W - left - right) + '" height="' + (H - top - bottom) + '" fill="none" stroke="#ccc"/>');
  for (var e = Math.floor(l0); e <= Math.ceil(l1); e++) {
    [1, 2, 3, 5].forEach(function (m) {
      var b = m * Math.pow(10, e);
      if (Math.log10(b) < l0 || Math.log10(b) > l1) return;
      out.push('<line x1="' + x(b).toFixed(1) + '" x2="' + x(b).toFixed(1) + '" y1="' + top + '" y2="' + (H - bottom) + '" stroke="#eee"/>' +
        '<text x="' + x(b).toFixed(1) + '" y="' + (H - bottom + 14) + '" font-size="10" text-anchor="middle">' + (b >= 1000 ? b / 1000 + ' kB' : b + ' B') + '</text>');
    });
  }
  for (var s = s0; s <= s1 + 1e-9; s += (s1 - s0) > 0.3 ? 0.1 : 0.05) {
    out.push('<text x="' + (left - 6) + '" y="' + (y(s) + 3).toFixed(1) + '" font-size="10" text-anchor="end">' + s.toFixed(2) + '</text>');
  }
  out.push('<text x="' + ((W + left) / 2) + '" y="' + (H - 8) + '" font-size="11" text-anchor="middle">model file size (bytes, log scale)</text>');
  out.push('<text x="12" y="' + (H / 2) + '" font-size="11" text-anchor="middle" transform="rotate(-90 12 ' + (H / 2) + ')">' + escapeHtml(metric) + '</text>');
  var front = sizeFront(usable);
  if (front.length > 1) {
    out.push('<polyline class="size-front" fill="none" stroke="#4f46e5" stroke-width="1" stroke-dasharray="4 3" points="' +
      front.map(function (p) { return x(p.bytes).toFixed(1) + ',' + y(p.score).toFixed(1); }).join(' ') + '"/>');
  }
  usable.forEach(function (p) {
    var px = x(p.bytes).toFixed(1), py = y(p.score).toFixed(1);
    var tip = escapeHtml(p.label + ': ' + p.bytes + ' B, ' + metric + ' ' + p.score.toFixed(3) + (p.low !== undefined ? ' (' + p.low.toFixed(3) + '-' + p.high!.toFixed(3) + ')' : '') + (p.rejected ? ', rejected: ' + p.rejected : '') + (p.chosen ? ', chosen' : ''));
    if (p.low !== undefined && p.high !== undefined) out.push('<line class="spread" x1="' + px + '" x2="' + px + '" y1="' + y(p.low).toFixed(1) + '" y2="' + y(p.high).toFixed(1) + '" stroke="#999"/>');
    out.push('<circle class="candidate' + (p.rejected ? ' rejected' : '') + (p.chosen ? ' chosen' : '') + '" cx="' + px + '" cy="' + py + '" r="' + (p.chosen ? 6 : 4) + '" fill="' + (p.rejected ? 'none' : p.chosen ? '#ef4444' : '#4f46e5') + '" stroke="' + (p.rejected ? '#999' : '#222') + '" stroke-width="' + (p.chosen ? 2 : 0.6) + '"><title>' + tip + '</title></circle>');
  });
  out.push('</svg>');
  return out.join('');
}

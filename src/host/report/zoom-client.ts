// The report's zoomable view, run in the browser: one uPlot chart per sensor and one for the
// per-class confidence, their x ranges kept together (drag across any chart to zoom,
// double-click to show all). Event labels sit in rows above the charts, placed by the same
// placeLabels() as the static view for the range on screen: hidden where they would touch
// (ticks still mark every event), shown as the zoom gives them room.
// This function is inlined into the report as its source text (zoomClient.toString()): it
// must reference nothing outside its body but its arguments.

export interface ZoomData {
  /** Sample times in seconds from the recording's start. */
  t: number[];
  groups: { channels: string[]; colors: string[]; values: number[][] }[];
  labels: string[];
  colors: string[];
  /** The label colours darkened for text on white. */
  textColors: string[];
  /** Inference times (s), per-class scores (scores[label][j]), predicted label per inference. */
  predT: number[];
  scores: number[][];
  pred: number[];
  hopS: number;
  events: { t: number; label: number; gesture: string }[];
  truths: { a: number; b: number; label: number }[];
}

type Place = (xs: ArrayLike<number>, widths: ArrayLike<number>, lanes: number, gap: number, maxX: number, minShown: number, left?: number[]) => number[];

export function zoomClient(root: HTMLElement, d: ZoomData, uPlot: any, placeLabels: Place, minShown: number): void {
  var LANES = 3, LANE_PX = 16;
  var width = Math.max(400, root.clientWidth || 1000);
  var charts: any[] = [];
  var syncing = false;
  var lanes = document.createElement('div');
  lanes.className = 'zoom-labels';
  lanes.style.position = 'relative';
  lanes.style.height = LANES * LANE_PX + 'px';
  lanes.style.overflow = 'hidden';
  root.appendChild(lanes);
  var spans = d.events.map(function (e) {
    var s = document.createElement('span');
    s.className = 'zoom-event-label';
    s.textContent = e.gesture;
    s.style.position = 'absolute';
    s.style.whiteSpace = 'nowrap';
    s.style.font = '11px system-ui,sans-serif';
    s.style.lineHeight = LANE_PX + 'px';
    s.style.visibility = 'hidden';
    s.style.color = d.textColors[e.label];
    lanes.appendChild(s);
    return s;
  });
  // A tick per event under the label rows, so each label sits over its event's line.
  var ticks = d.events.map(function (e) {
    var t = document.createElement('i');
    t.className = 'zoom-event-tick';
    t.style.position = 'absolute';
    t.style.width = '1px';
    t.style.bottom = '0';
    t.style.background = d.colors[e.label];
    t.style.visibility = 'hidden';
    lanes.appendChild(t);
    return t;
  });
  var widths = spans.map(function (s) { return s.offsetWidth + 1; });

  function fmt(sec: number): string {
    var m = Math.floor(sec / 60), s = sec - m * 60;
    return m ? m + ':' + (s < 10 ? '0' : '') + s.toFixed(s % 1 ? 1 : 0) : s.toFixed(sec % 1 ? 1 : 0) + ' s';
  }

  // Shading of labelled spans (behind the series) and a tick per event (over them).
  function drawSpans(u: any) {
    var ctx = u.ctx, b = u.bbox;
    ctx.save();
    ctx.globalAlpha = 0.15;
    d.truths.forEach(function (s) {
      var a = u.valToPos(s.a, 'x', true), z = u.valToPos(s.b, 'x', true);
      if (z < b.left || a > b.left + b.width) return;
      a = Math.max(a, b.left); z = Math.min(z, b.left + b.width);
      ctx.fillStyle = d.colors[s.label];
      ctx.fillRect(a, b.top, Math.max(1, z - a), b.height);
    });
    ctx.restore();
  }
  function drawTicks(u: any) {
    var ctx = u.ctx, b = u.bbox;
    ctx.save();
    ctx.globalAlpha = 0.6;
    ctx.lineWidth = Math.max(1, devicePixelRatio || 1);
    d.events.forEach(function (e) {
      var x = u.valToPos(e.t, 'x', true);
      if (x < b.left || x > b.left + b.width) return;
      ctx.strokeStyle = d.colors[e.label];
      ctx.beginPath(); ctx.moveTo(x, b.top); ctx.lineTo(x, b.top + b.height); ctx.stroke();
    });
    ctx.restore();
  }
  // The predicted label per window, as a strip along the bottom of the confidence chart.
  function drawStrip(u: any) {
    var ctx = u.ctx, b = u.bbox;
    var y0 = u.valToPos(-0.05, 'y', true), y1 = u.valToPos(-0.15, 'y', true);
    ctx.save();
    for (var i = 0; i < d.pred.length;) {
      var j = i;
      while (j + 1 < d.pred.length && d.pred[j + 1] === d.pred[i]) j++;
      var a = Math.max(b.left, u.valToPos(d.predT[i] - d.hopS, 'x', true)), z = Math.min(b.left + b.width, u.valToPos(d.predT[j], 'x', true));
      if (z > a) { ctx.fillStyle = d.colors[d.pred[i]]; ctx.fillRect(a, y0, z - a, y1 - y0); }
      i = j + 1;
    }
    ctx.restore();
  }

  function placeVisible(u: any) {
    var min = u.scales.x.min, max = u.scales.x.max;
    var left = u.over.offsetLeft, xs: number[] = [], ws: number[] = [], idx: number[] = [];
    d.events.forEach(function (e, i) {
      spans[i].style.visibility = 'hidden';
      ticks[i].style.visibility = 'hidden';
      if (e.t < min || e.t > max) return;
      xs.push(left + u.valToPos(e.t, 'x') + 2); ws.push(widths[i]); idx.push(i);
    });
    var lefts: number[] = [];
    var lane = placeLabels(xs, ws, LANES, 3, left + u.over.offsetWidth, minShown, lefts);
    var shown = 0;
    lane.forEach(function (l, k) {
      var tick = ticks[idx[k]];
      tick.style.left = (xs[k] - 2) + 'px';
      tick.style.height = (l < 0 ? 5 : (LANES - l - 1) * LANE_PX + 2) + 'px';
      tick.style.visibility = 'visible';
      if (l < 0) return;
      var s = spans[idx[k]];
      s.style.left = lefts[k] + 'px';
      s.style.top = l * LANE_PX + 'px';
      s.style.visibility = 'visible';
      shown++;
    });
    root.setAttribute('data-x-min', String(min));
    root.setAttribute('data-x-max', String(max));
    root.setAttribute('data-events-in-view', String(xs.length));
    root.setAttribute('data-labels-shown', String(shown));
    root.setAttribute('data-chart-ranges', charts.map(function (c) { return Number(c.scales.x.min).toFixed(3) + '..' + Number(c.scales.x.max).toFixed(3); }).join(' '));
    var note = root.querySelector('.zoom-note');
    if (note) note.textContent = xs.length ? shown + ' of ' + xs.length + ' event labels in view shown' + (shown < xs.length ? ' (' + (shown ? 'the others have' : 'they have') + ' no room: zoom in; ticks mark every event)' : '') : 'no events in view';
  }

  function onScale(u: any, key: string) {
    if (key !== 'x' || syncing) return;
    syncing = true;
    charts.forEach(function (c) { if (c !== u) c.setScale('x', { min: u.scales.x.min, max: u.scales.x.max }); });
    syncing = false;
    placeVisible(charts[0]);
  }

  function chart(series: any[], data: any[], height: number, yRange: any, extraDraw: ((u: any) => void) | null) {
    var opts = {
      width: width, height: height,
      scales: { x: { time: false }, y: yRange ? { range: yRange } : {} },
      // x steps that read as time: 0.1 s ... 1 h
      axes: [{ incrs: [0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600], values: function (u: any, vals: number[]) { return vals.map(fmt); } }, { size: 50 }],
      series: [{ label: 'time', value: function (u: any, v: number) { return v == null ? '-' : fmt(Math.round(v * 100) / 100); } }].concat(series),
      cursor: { drag: { x: true, y: false } },
      hooks: {
        drawClear: [drawSpans],
        draw: [function (u: any) { if (extraDraw) extraDraw(u); drawTicks(u); }],
        setScale: [onScale],
      },
    };
    var holder = document.createElement('div');
    root.appendChild(holder);
    var u = new uPlot(opts, data, holder);
    charts.push(u);
    return u;
  }

  d.groups.forEach(function (g) {
    chart(g.channels.map(function (c, i) { return { label: c, stroke: g.colors[i], width: 1 }; }), [d.t].concat(g.values), 170, null, null);
  });
  chart(d.labels.map(function (l, i) { return { label: 'score: ' + l, stroke: d.colors[i], width: 1.2 }; }), [d.predT].concat(d.scores), 150, [-0.15, 1.05], drawStrip);
  var note = document.createElement('p');
  note.className = 'zoom-note';
  root.insertBefore(note, lanes);
  placeVisible(charts[0]);
  root.setAttribute('data-ready', '1');
}

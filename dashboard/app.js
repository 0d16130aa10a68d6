// Receiver dashboard: plain browser JavaScript, no build step. Reads /api/v1/stats and
// /api/v1/events, then follows /api/v1/stream (Server-Sent Events) for live updates.
(function () {
  'use strict';

  var PALETTE = GESTURE_PALETTE.gestures; // dashboard/palette.js, shared with the HTML report
  var FEED_ROWS = 50;
  var $ = function (id) { return document.getElementById(id); };

  // colors has no prototype: labels such as "__proto__", "constructor" or "toString" are
  // plain keys in it, not Object.prototype's members.
  var state = { device: '', gesture: '', range: '3600000', colors: Object.create(null), nColors: 0, feed: [], plot: null, refreshTimer: null, lastEventTime: null };

  function colorFor(gesture) {
    if (!Object.prototype.hasOwnProperty.call(state.colors, gesture)) state.colors[gesture] = PALETTE[state.nColors++ % PALETTE.length];
    return state.colors[gesture];
  }

  // ---- read token ----------------------------------------------------------------------
  // A receiver bound beyond loopback wants a read token. It is entered once (or given in
  // the address as #read-token=...; a fragment never reaches the server) and kept in this
  // browser's localStorage.
  var TOKEN_KEY = 'espruino-gestures.read-token';
  var fromHash = /(?:^#|&)read-token=([^&]+)/.exec(location.hash);
  if (fromHash) {
    localStorage.setItem(TOKEN_KEY, decodeURIComponent(fromHash[1]));
    history.replaceState(null, '', location.pathname + location.search);
  }
  function readToken() { return localStorage.getItem(TOKEN_KEY) || ''; }

  function askForToken(message) {
    var form = $('token-form');
    $('token-message').textContent = message;
    form.hidden = false;
    $('token-input').focus();
    return new Promise(function (resolve) {
      form.onsubmit = function (ev) {
        ev.preventDefault();
        localStorage.setItem(TOKEN_KEY, $('token-input').value.trim());
        form.hidden = true;
        resolve();
      };
    });
  }

  function rangeStart() {
    return state.range === 'all' ? null : Date.now() - Number(state.range);
  }

  function query(extra) {
    var p = new URLSearchParams();
    if (state.device) p.set('device', state.device);
    if (state.gesture) p.set('gesture', state.gesture);
    var since = rangeStart();
    if (since !== null) p.set('since', String(since));
    for (var k in extra || {}) p.set(k, extra[k]);
    return p.toString();
  }

  function getJSON(url) {
    var token = readToken();
    return fetch(url, token ? { headers: { authorization: 'Bearer ' + token } } : {}).then(function (r) {
      if (!r.ok) {
        var err = new Error(url + ': HTTP ' + r.status);
        err.status = r.status;
        throw err;
      }
      return r.json();
    });
  }

  function fmtTime(ms) {
    var d = new Date(ms);
    var today = new Date().toDateString() === d.toDateString();
    return (today ? '' : d.toLocaleDateString() + ' ') + d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  }

  function ago(ms) {
    var s = Math.max(0, Math.round((Date.now() - ms) / 1000));
    if (s < 60) return s + ' s ago';
    if (s < 3600) return Math.round(s / 60) + ' min ago';
    if (s < 86400) return Math.round(s / 3600) + ' h ago';
    return Math.round(s / 86400) + ' d ago';
  }

  function el(tag, attrs, children) {
    var n = document.createElement(tag);
    for (var k in attrs || {}) {
      if (k === 'text') n.textContent = attrs[k];
      else if (k === 'style') n.setAttribute('style', attrs[k]);
      else n.setAttribute(k, attrs[k]);
    }
    (children || []).forEach(function (c) { n.appendChild(c); });
    return n;
  }

  // ---- filters ----------------------------------------------------------------------
  function fillSelect(select, values, allLabel) {
    var current = select.value;
    select.textContent = '';
    select.appendChild(el('option', { value: '', text: allLabel }));
    values.forEach(function (v) { select.appendChild(el('option', { value: v, text: v })); });
    select.value = values.indexOf(current) >= 0 ? current : '';
  }

  function refreshFilterOptions() {
    return getJSON('/api/v1/stats?bucket=86400000').then(function (all) {
      all.by_gesture.map(function (g) { return g.gesture; }).sort().forEach(colorFor);
      fillSelect($('f-device'), all.by_device.map(function (d) { return d.device_id; }).sort(), 'All devices');
      fillSelect($('f-gesture'), all.by_gesture.map(function (g) { return g.gesture; }).sort(), 'All gestures');
    });
  }

  // ---- KPIs, bars, devices -------------------------------------------------------------
  function renderStats(s) {
    $('k-total').textContent = s.total.toLocaleString();
    $('k-total-note').textContent = state.range === 'all' ? 'all time' : 'in ' + $('f-range').selectedOptions[0].textContent.toLowerCase();
    $('k-devices').textContent = String(s.by_device.length);
    var top = s.by_gesture[0];
    $('k-top').textContent = top ? top.gesture : '–';
    $('k-top').style.color = top ? colorFor(top.gesture) : '';
    $('k-top-note').textContent = top && s.total ? Math.round((100 * top.count) / s.total) + '% of events' : '\u00a0';
    state.lastEventTime = s.last_time;
    renderLast();

    var bars = $('by-gesture');
    bars.textContent = '';
    var max = s.by_gesture.reduce(function (m, g) { return Math.max(m, g.count); }, 0);
    s.by_gesture.forEach(function (g) {
      var fill = el('div', { class: 'fill', style: 'width:' + (max ? (100 * g.count) / max : 0) + '%;background:' + colorFor(g.gesture) });
      bars.appendChild(el('li', {}, [el('span', { text: g.gesture }), el('div', { class: 'track' }, [fill]), el('span', { class: 'count', text: g.count.toLocaleString() })]));
    });
    if (!s.by_gesture.length) bars.appendChild(el('li', { class: 'muted', text: 'No gestures yet' }));

    state.devices = s.by_device;
    renderDevices();
  }

  function renderDevices() {
    var devices = $('devices');
    devices.textContent = '';
    (state.devices || []).forEach(function (d) {
      devices.appendChild(el('tr', {}, [el('td', { text: d.device_id }), el('td', { class: 'num', text: d.count.toLocaleString() }), el('td', { class: 'muted', text: ago(d.last_time) })]));
    });
  }

  function renderLast() {
    var t = state.lastEventTime;
    $('k-last').textContent = t ? ago(t) : '–';
    $('k-last-note').textContent = t ? fmtTime(t) : '\u00a0';
  }

  // ---- timeline (uPlot, stacked bars per gesture) ---------------------------------------
  function timelineData(s) {
    var bucket = s.bucket_ms;
    var since = rangeStart();
    var from = since !== null ? since : s.first_time;
    var to = since !== null ? Date.now() : s.last_time;
    if (from === null || to === null) { from = Date.now() - 3600000; to = Date.now(); }
    var start = Math.floor(from / bucket) * bucket;
    var xs = [];
    for (var t = start; t <= to && xs.length < 400; t += bucket) xs.push(t);
    var gestures = s.by_gesture.map(function (g) { return g.gesture; }).sort();
    var index = {};
    xs.forEach(function (x, i) { index[x] = i; });
    var counts = gestures.map(function () { return xs.map(function () { return 0; }); });
    s.timeline.forEach(function (b) {
      var i = index[b.t];
      if (i !== undefined) counts[gestures.indexOf(b.gesture)][i] = b.count;
    });
    return { xs: xs, gestures: gestures, counts: counts, bucket: bucket };
  }

  function renderTimeline(s) {
    var d = timelineData(s);
    $('bucket-note').textContent = 'events per ' + describeBucket(d.bucket);
    // Stack: series k is the sum of gestures k..n-1, drawn tallest first so each shows on top.
    var stacked = d.counts.map(function (_, k) {
      return d.xs.map(function (_, i) {
        var sum = 0;
        for (var j = k; j < d.counts.length; j++) sum += d.counts[j][i];
        return sum;
      });
    });
    var data = [d.xs.map(function (x) { return x / 1000; })].concat(stacked);
    var series = [{}].concat(d.gestures.map(function (g, k) {
      return {
        label: g,
        fill: colorFor(g),
        stroke: colorFor(g),
        width: 0,
        paths: uPlot.paths.bars({ size: [0.72, 40] }),
        points: { show: false },
        value: function (u, v, si, i) { return i == null ? '–' : String(d.counts[k][i]); },
      };
    }));
    var el0 = $('chart');
    var width = el0.clientWidth || 760;
    if (state.plot) state.plot.destroy();
    state.plot = new uPlot({
      width: width,
      height: 260,
      series: series,
      scales: { x: { time: true }, y: { range: function (u, min, max) { return [0, Math.max(4, Math.ceil(max * 1.15))]; } } },
      axes: [
        { stroke: '#6b7185', grid: { stroke: '#f0f1f6' }, ticks: { stroke: '#e5e7ef' } },
        { stroke: '#6b7185', grid: { stroke: '#f0f1f6' }, ticks: { stroke: '#e5e7ef' }, size: 44, incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 5000, 10000] },
      ],
      legend: { live: true },
      cursor: { points: { show: false } },
    }, data, el0);
  }

  function describeBucket(ms) {
    if (ms < 60000) return ms / 1000 + ' s';
    if (ms < 3600000) return ms / 60000 + ' min';
    if (ms < 86400000) return ms / 3600000 + ' h';
    return ms / 86400000 + ' d';
  }

  // ---- live feed --------------------------------------------------------------------------
  function feedRow(e, isNew) {
    var score = e.score === null ? el('span', { class: 'muted', text: '—' }) : el('span', { class: 'score' }, [
      el('span', { class: 'meter' }, [el('span', { style: 'width:' + Math.round(e.score * 100) + '%' })]),
      el('span', { text: e.score.toFixed(2) }),
    ]);
    return el('tr', isNew ? { class: 'new' } : {}, [
      el('td', { text: fmtTime(e.time) }),
      el('td', { text: e.device_id }),
      el('td', {}, [el('span', { class: 'pill', style: 'background:' + colorFor(e.gesture), text: e.gesture })]),
      el('td', {}, [score]),
      el('td', { class: 'num', text: e.id === null ? '—' : String(e.id) }),
      el('td', {}, [el('span', { class: 'src', text: e.source })]),
    ]);
  }

  function renderFeed(newSeq) {
    var body = $('feed');
    body.textContent = '';
    state.feed.forEach(function (e) { body.appendChild(feedRow(e, e.seq === newSeq)); });
    $('feed-empty').hidden = state.feed.length > 0;
  }

  function matches(e) {
    if (state.device && e.device_id !== state.device) return false;
    if (state.gesture && e.gesture !== state.gesture) return false;
    var since = rangeStart();
    return since === null || e.time >= since;
  }

  // ---- loading ------------------------------------------------------------------------------
  function loadAll() {
    var q = query();
    var span = state.range === 'all' ? null : Number(state.range);
    var bucket = span ? String(pickBucket(span)) : null;
    return Promise.all([
      getJSON('/api/v1/stats?' + (bucket ? query({ bucket: bucket }) : q)),
      getJSON('/api/v1/events?' + query({ limit: String(FEED_ROWS) })),
    ]).then(function (r) {
      renderStats(r[0]);
      renderTimeline(r[0]);
      state.feed = r[1].events;
      renderFeed(null);
    });
  }

  function pickBucket(span) {
    var steps = [5000, 10000, 30000, 60000, 300000, 600000, 1800000, 3600000, 21600000, 86400000];
    for (var i = 0; i < steps.length; i++) if (span / steps[i] <= 90) return steps[i];
    return 86400000;
  }

  // Many events per second must not mean many reloads: refresh the aggregates at most once a second.
  function scheduleRefresh() {
    if (state.refreshTimer) return;
    state.refreshTimer = setTimeout(function () {
      state.refreshTimer = null;
      getJSON('/api/v1/stats?' + (state.range === 'all' ? query() : query({ bucket: String(pickBucket(Number(state.range))) }))).then(function (s) {
        renderStats(s);
        renderTimeline(s);
      });
      refreshHealth();
    }, 1000);
  }

  // Other panels (health.js) follow the same stream through window events.
  function tell(type, detail) {
    window.dispatchEvent(new CustomEvent('gestures:' + type, { detail: detail }));
  }

  function connect() {
    // EventSource cannot send headers: the read token goes in the query.
    var token = readToken();
    var source = new EventSource('/api/v1/stream' + (token ? '?access_token=' + encodeURIComponent(token) : ''));
    var opened = false;
    source.onopen = function () {
      // After a reconnect (the receiver restarted), events stored meanwhile were never streamed.
      if (opened) refreshFilterOptions().then(loadAll, function () {});
      opened = true;
      $('live').className = 'live on';
      $('live-text').textContent = 'Live';
      tell('open', null);
    };
    source.onerror = function () {
      $('live').className = 'live off';
      $('live-text').textContent = 'Reconnecting';
    };
    source.addEventListener('status', function (msg) { tell('status', JSON.parse(msg.data)); });
    source.addEventListener('gesture', function (msg) {
      var e = JSON.parse(msg.data);
      tell('event', e);
      var known = Object.prototype.hasOwnProperty.call(state.colors, e.gesture);
      colorFor(e.gesture);
      if (!known || !Array.prototype.some.call($('f-device').options, function (o) { return o.value === e.device_id; })) refreshFilterOptions();
      if (!matches(e)) return;
      state.feed.unshift(e);
      state.feed.sort(function (a, b) { return b.time - a.time || b.seq - a.seq; });
      state.feed = state.feed.slice(0, FEED_ROWS);
      renderFeed(e.seq);
      state.lastEventTime = Math.max(state.lastEventTime || 0, e.time);
      renderLast();
      scheduleRefresh();
    });
  }

  ['f-device', 'f-gesture', 'f-range'].forEach(function (id) {
    $(id).addEventListener('change', function () {
      state.device = $('f-device').value;
      state.gesture = $('f-gesture').value;
      state.range = $('f-range').value;
      loadAll();
    });
  });
  window.addEventListener('resize', function () {
    if (state.plot) state.plot.setSize({ width: $('chart').clientWidth, height: 260 });
  });
  // "ago" texts age: redraw them.
  setInterval(function () { renderLast(); renderDevices(); }, 5000);

  function refreshHealth() {
    return getJSON('/api/v1/health').then(function (h) {
      $('storage').textContent = (h.storage === 'postgres' ? 'PostgreSQL' : 'SQLite') + (h.mqtt !== 'off' ? ' · MQTT ' + h.mqtt : '');
      var c = h.counters;
      var rejected = Object.keys(c.rejected).reduce(function (s, k) { return s + c.rejected[k]; }, 0);
      $('i-stored').textContent = c.stored.toLocaleString();
      $('i-duplicates').textContent = c.duplicates.toLocaleString();
      $('i-conflicts').textContent = c.conflicts.toLocaleString();
      $('i-conflicts').className = c.conflicts ? 'warn' : '';
      $('i-rejected').textContent = rejected.toLocaleString();
      $('i-rejected').className = rejected ? 'warn' : '';
      $('i-rejected').title = Object.keys(c.rejected).map(function (k) { return k + ': ' + c.rejected[k]; }).join('\n');
    }, function () {});
  }
  refreshHealth();
  // Rejections and retries are not streamed: poll the counters.
  setInterval(refreshHealth, 5000);

  function start() {
    refreshFilterOptions().then(loadAll).then(connect, function (err) {
      if (err.status === 401) {
        $('live-text').textContent = 'Read token needed';
        return askForToken(readToken() ? 'That read token was refused: enter the current one.' : 'This receiver needs its read token to show data.').then(start);
      }
      $('live-text').textContent = 'Error: ' + err.message;
      connect();
    });
  }
  start();
})();

// Dashboard operations: the device-health panel (GET /api/v1/devices) and the CSV export
// link (GET /api/v1/events.csv with the page's filters). Plain browser JavaScript, no build
// step. Live: app.js passes on the SSE stream's messages as window events
// ("gestures:event" for a stored gesture, "gestures:status" for a device's status report),
// and the online/offline state is recomputed every few seconds from the last-seen times.
(function () {
  'use strict';

  var TOKEN_KEY = 'espruino-gestures.read-token'; // app.js keeps the read token here
  var $ = function (id) { return document.getElementById(id); };
  var health = { devices: [], offlineAfterMs: 600000, skewMs: 0, timer: null };

  function readToken() { return localStorage.getItem(TOKEN_KEY) || ''; }

  function el(tag, attrs, text) {
    var n = document.createElement(tag);
    for (var k in attrs || {}) n.setAttribute(k, attrs[k]);
    if (text !== undefined) n.textContent = text;
    return n;
  }

  function ago(ms) {
    var s = Math.max(0, Math.round((Date.now() + health.skewMs - ms) / 1000));
    if (s < 60) return s + ' s ago';
    if (s < 3600) return Math.round(s / 60) + ' min ago';
    if (s < 86400) return Math.round(s / 3600) + ' h ago';
    return Math.round(s / 86400) + ' d ago';
  }

  function minutes(ms) {
    return ms % 60000 ? Math.round(ms / 1000) + ' s' : ms / 60000 + ' min';
  }

  /** State from last seen, as the server computes it, on this browser's clock (minus the skew). */
  function stateOf(d) {
    if (d.last_seen === null) return 'never_seen';
    return Date.now() + health.skewMs - d.last_seen < health.offlineAfterMs ? 'online' : 'offline';
  }

  var STATE_TEXT = { online: 'Online', offline: 'Offline', never_seen: 'Never seen' };

  function counterCell(v, warn) {
    if (v === null || v === undefined) return el('td', { class: 'num muted' }, '–');
    return el('td', { class: 'num' + (warn && v > 0 ? ' warn' : '') }, v.toLocaleString());
  }

  function render() {
    var body = $('health-rows');
    if (!body) return;
    body.textContent = '';
    var counts = { online: 0, offline: 0, never_seen: 0 };
    health.devices.forEach(function (d) {
      var state = stateOf(d);
      counts[state]++;
      var s = d.status || {};
      var tr = el('tr', { 'data-device': d.device_id, 'data-state': state });
      var name = el('td');
      name.appendChild(el('span', { class: 'state-dot ' + state, title: STATE_TEXT[state] }));
      name.appendChild(document.createTextNode(d.device_id));
      tr.appendChild(name);
      tr.appendChild(el('td', { class: 'state ' + state }, STATE_TEXT[state]));
      tr.appendChild(el('td', { class: 'muted', title: d.last_seen === null ? '' : new Date(d.last_seen).toLocaleString() }, d.last_seen === null ? '–' : ago(d.last_seen)));
      tr.appendChild(counterCell(d.events_last_hour, false));
      tr.appendChild(counterCell(s.queued, false));
      tr.appendChild(counterCell(s.sent, false));
      tr.appendChild(counterCell(s.dropped, true));
      tr.appendChild(counterCell(s.rejected, true));
      tr.appendChild(counterCell(s.failures, true));
      var reported = el('td', { class: 'muted' }, d.status ? ago(d.status.reported_at) + ' · ' + d.status.source : 'no report yet');
      if (d.status) reported.title = Object.keys(d.status.other || {}).map(function (k) { return k + ': ' + d.status.other[k]; }).join('\n');
      tr.appendChild(reported);
      body.appendChild(tr);
    });
    $('health-empty').hidden = health.devices.length > 0;
    $('health-summary').textContent = counts.online + ' online · ' + counts.offline + ' offline' + (counts.never_seen ? ' · ' + counts.never_seen + ' never seen' : '') +
      ' · offline after ' + minutes(health.offlineAfterMs);
  }

  function load() {
    var token = readToken();
    return fetch('/api/v1/devices', token ? { headers: { authorization: 'Bearer ' + token } } : {}).then(function (r) {
      if (!r.ok) throw new Error('HTTP ' + r.status);
      return r.json();
    }).then(function (h) {
      health.devices = h.devices;
      health.offlineAfterMs = h.offline_after_ms;
      health.skewMs = h.now - Date.now();
      render();
    }, function () { /* a 401 is app.js's to handle (the token form); "gestures:open" follows */ });
  }

  // Many events per second must not mean many reloads: at most one a second.
  function scheduleLoad() {
    if (health.timer) return;
    health.timer = setTimeout(function () {
      health.timer = null;
      load();
    }, 1000);
  }

  // ---- CSV export -------------------------------------------------------------------------
  /** The export URL for the filters on the page now (the range counts back from this moment). */
  function csvUrl() {
    var p = new URLSearchParams();
    var device = $('f-device').value, gesture = $('f-gesture').value, range = $('f-range').value;
    if (device) p.set('device', device);
    if (gesture) p.set('gesture', gesture);
    if (range !== 'all') p.set('since', String(Date.now() - Number(range)));
    // A download link cannot send a header: the read token goes in the query, as for SSE.
    if (readToken()) p.set('access_token', readToken());
    var q = p.toString();
    return '/api/v1/events.csv' + (q ? '?' + q : '');
  }

  var link = $('csv-link');
  if (link) {
    var update = function () { link.href = csvUrl(); };
    ['f-device', 'f-gesture', 'f-range'].forEach(function (id) { $(id).addEventListener('change', update); });
    // Set again at the click: "last hour" means the hour before the click.
    link.addEventListener('click', update);
    update();
  }

  window.addEventListener('gestures:event', scheduleLoad);
  window.addEventListener('gestures:status', scheduleLoad);
  // The stream (re)connected: also after the read-token form, or the receiver's restart.
  window.addEventListener('gestures:open', load);
  // Devices go offline by saying nothing: recompute the states as time passes, and reload
  // now and then for what no event tells (a token created, a device first seen elsewhere).
  setInterval(render, 5000);
  setInterval(load, 30000);
  load();
})();

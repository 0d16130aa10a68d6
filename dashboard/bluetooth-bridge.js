// "Connect over Bluetooth": Web Bluetooth to a Puck.js / Bangle.js / Pixl.js running
// createBleNotifySink, and the events it notifies forwarded to this receiver's
// POST /api/v1/events under the device's own token. Each event keeps the id the device's
// outbox gave it, so a repeated notification or a re-sent event after a reconnect is a
// duplicate the receiver folds, never a second row. Notifications are decoded by the device
// code itself and queued by the SDK's forwarder (EspruinoGesturesBle, /dashboard/bridge-core.js,
// built from src/sinks/ble-payload.ts and src/browser/event-forwarder.ts). Events wait in
// localStorage while the receiver is unreachable.
// The device token is kept in this page's memory only: never stored, never in a URL.
(function () {
  'use strict';

  var QUEUE_KEY = 'espruino-gestures.bridge-queue.';
  var LABELS_KEY = 'espruino-gestures.bridge-labels.';
  var MAX_BATCH = 50;
  var MAX_RETRY_MS = 30000; // reconnect backoff cap
  var NAME_PREFIXES = ['Puck.js', 'Bangle.js', 'Pixl.js', 'MDBT42Q'];
  var codec = window.EspruinoGesturesBle;
  // The Nordic UART, Espruino's console over BLE: the bridge sets the board's clock through it
  // on each connect (src/browser/nordic-uart.ts): until then its outbox holds events.
  var UART_SERVICE = codec && codec.UART_SERVICE_UUID;
  var root = document.getElementById('bluetooth-bridge');
  if (!root) return;

  var s = {
    token: null, tokenId: null, deviceId: null, labels: [],
    device: null, char: null, wanted: false, attempt: 0, reconnectTimer: null,
    fw: null, // the forwarder of the token in use
    counts: { received: 0, errors: 0 }, // notifications, and what went wrong before forwarding
  };

  // ---- panel -------------------------------------------------------------------------
  function el(tag, attrs, children) {
    var n = document.createElement(tag);
    for (var k in attrs || {}) {
      if (k === 'text') n.textContent = attrs[k];
      else n.setAttribute(k, attrs[k]);
    }
    (children || []).forEach(function (c) { n.appendChild(c); });
    return n;
  }
  function counter(id, label) {
    return el('div', {}, [el('dt', { text: label }), el('dd', { id: id, text: '0' })]);
  }
  var tokenInput = el('input', { id: 'bt-token', type: 'password', autocomplete: 'off', spellcheck: 'false', placeholder: 'egt_…  (token create --device <id>)', 'aria-label': 'Device token' });
  var labelsInput = el('input', { id: 'bt-labels', type: 'text', autocomplete: 'off', spellcheck: 'false', placeholder: 'idle, wave, …  (the model\u2019s labels, in order)', 'aria-label': 'Labels' });
  var tokenForm = el('form', { id: 'bt-token-form', class: 'bt-row' }, [
    el('label', {}, [el('span', { text: 'Device token' }), tokenInput]),
    el('button', { id: 'bt-use-token', type: 'submit', text: 'Use token' }),
  ]);
  var tokenShown = el('div', { id: 'bt-token-shown', class: 'bt-row', hidden: '' }, [
    el('span', { class: 'bt-device-label', text: 'Forwarding as' }),
    el('strong', { id: 'bt-device' }),
    el('span', { id: 'bt-token-id', class: 'muted' }),
    el('button', { id: 'bt-forget', type: 'button', class: 'secondary', text: 'Forget token' }),
  ]);
  var clockBox = el('input', { id: 'bt-set-clock', type: 'checkbox', checked: '' });
  var connectBtn = el('button', { id: 'bt-connect', type: 'button', text: 'Connect over Bluetooth', disabled: '' });
  var disconnectBtn = el('button', { id: 'bt-disconnect', type: 'button', class: 'secondary', text: 'Disconnect', hidden: '' });
  // Folded to one line until used: most receivers hear their devices over HTTP or MQTT.
  var openBtn = el('button', { id: 'bt-open', type: 'button', class: 'secondary', text: 'Connect over Bluetooth…' });
  var body = el('div', { class: 'bt-body', hidden: '' }, [
    el('div', { class: 'bt-setup' }, [tokenForm, tokenShown,
      el('div', { class: 'bt-row' }, [el('label', {}, [el('span', { text: 'Labels' }), labelsInput]), connectBtn, disconnectBtn]),
      el('label', { class: 'bt-check' }, [clockBox, el('span', { text: 'Set the board\u2019s clock on connect (over the Nordic UART, as the Web IDE does)' })])]),
    el('dl', { class: 'bt-counts' }, [counter('bt-received', 'Notifications'), counter('bt-forwarded', 'Forwarded'), counter('bt-duplicates', 'Duplicates'), counter('bt-errors', 'Errors'), counter('bt-queued', 'Queued')]),
  ]);
  var message = el('div', { id: 'bt-message', class: 'bt-message muted', hidden: '' });
  root.className = 'card bt-bridge';
  root.appendChild(el('div', { class: 'card-head bt-head' }, [
    el('div', {}, [el('h2', { text: 'Bluetooth bridge' }), el('span', { class: 'muted', text: 'events from a Puck.js, Bangle.js or Pixl.js, forwarded to this receiver' })]),
    el('div', { class: 'bt-head-right' }, [el('span', { id: 'bt-state', class: 'bt-state off', text: 'Not connected' }), openBtn]),
  ]));
  root.appendChild(body);
  root.appendChild(message);
  openBtn.addEventListener('click', function () {
    body.hidden = false;
    message.hidden = false;
    openBtn.hidden = true;
    (s.token ? labelsInput : tokenInput).focus();
  });

  function $(id) { return document.getElementById(id); }
  function setState(kind, text) {
    $('bt-state').className = 'bt-state ' + kind;
    $('bt-state').textContent = text;
    connectBtn.hidden = kind === 'connected' || kind === 'reconnecting' || kind === 'connecting';
    disconnectBtn.hidden = !connectBtn.hidden;
  }
  function say(text, isError) {
    message.textContent = text;
    message.className = 'bt-message ' + (isError ? 'error' : 'muted');
  }
  function renderCounts() {
    var f = s.fw ? s.fw.status() : { forwarded: 0, duplicates: 0, errors: 0, queued: 0 };
    var errors = s.counts.errors + f.errors;
    $('bt-received').textContent = String(s.counts.received);
    $('bt-forwarded').textContent = String(f.forwarded);
    $('bt-duplicates').textContent = String(f.duplicates);
    $('bt-errors').textContent = String(errors);
    $('bt-errors').className = errors ? 'warn' : '';
    $('bt-queued').textContent = String(f.queued);
    $('bt-queued').className = f.queued ? 'warn' : '';
  }
  function fail(text) {
    s.counts.errors++;
    say(text, true);
    renderCounts();
  }

  if (!codec) {
    say('The Bluetooth decoder (/dashboard/bridge-core.js) is missing: run `npm run build` in the package, then reload.', true);
    return;
  }
  if (!navigator.bluetooth) {
    say('Web Bluetooth is not available in this browser: use Chrome or Edge (desktop or Android) on https:// or http://localhost.', true);
  }

  // ---- the device token ----------------------------------------------------------------
  function answer(r) {
    return r.json().then(function (body) { return { status: r.status, body: body }; }, function () { return { status: r.status, body: null }; });
  }
  function why(res) {
    return res.body && res.body.message ? res.body.message : 'HTTP ' + res.status;
  }

  tokenForm.addEventListener('submit', function (ev) {
    ev.preventDefault();
    var token = tokenInput.value.trim();
    if (!token) return say('Paste the device\u2019s token: `espruino-gestures token create --device <id>` prints it once.', true);
    fetch('/api/v1/device-token', { headers: { authorization: 'Bearer ' + token } }).then(answer).then(function (res) {
      if (res.status !== 200) return say('That token was refused: ' + why(res), true);
      s.token = token;
      s.tokenId = res.body.token_id;
      s.deviceId = res.body.device_id;
      tokenInput.value = '';
      tokenForm.hidden = true;
      tokenShown.hidden = false;
      $('bt-device').textContent = s.deviceId;
      $('bt-token-id').textContent = '(token ' + s.tokenId + ')';
      labelsInput.value = localStorage.getItem(LABELS_KEY + s.deviceId) || '';
      readLabels();
      connectBtn.disabled = !navigator.bluetooth;
      var n = startForwarding();
      say(n ? n + (n === 1 ? ' event from an earlier session is' : ' events from an earlier session are') + ' waiting: forwarding.' : 'Token accepted for device ' + s.deviceId + '. Connect to the board.');
      renderCounts();
      s.fw.resume();
    }, function (err) { say('Cannot reach the receiver to check the token: ' + err.message, true); });
  });

  $('bt-forget').addEventListener('click', function () {
    disconnect();
    s.token = s.tokenId = s.deviceId = null;
    if (s.fw) s.fw.stop();
    s.fw = null;
    tokenShown.hidden = true;
    tokenForm.hidden = false;
    connectBtn.disabled = true;
    say('Token forgotten. Events still queued stay in this browser until the token is given again.');
    renderCounts();
  });

  // Names by move index, for the gesture field (the payload carries only the index).
  function readLabels() {
    var text = labelsInput.value.trim();
    s.labels = text ? text.split(',').map(function (l, i) { return l.trim() || 'move_' + i; }) : [];
    if (s.deviceId) localStorage.setItem(LABELS_KEY + s.deviceId, labelsInput.value);
  }
  labelsInput.addEventListener('change', readLabels);

  // ---- Bluetooth -------------------------------------------------------------------------
  connectBtn.addEventListener('click', function () {
    if (!s.token) return say('Give the device token first.', true);
    readLabels();
    setState('connecting', 'Choosing a device');
    // The board's advertisement holds its name but not the 128-bit service (it does not fit),
    // so match the Espruino boards by name, or anything advertising the service.
    var filters = [{ services: [codec.GESTURE_SERVICE_UUID] }].concat(NAME_PREFIXES.map(function (p) { return { namePrefix: p }; }));
    var chosen = false;
    navigator.bluetooth.requestDevice({ filters: filters, optionalServices: [codec.GESTURE_SERVICE_UUID, UART_SERVICE] }).then(function (device) {
      chosen = true;
      if (s.device && s.device !== device) s.device.removeEventListener('gattserverdisconnected', onDisconnected);
      s.device = device;
      device.addEventListener('gattserverdisconnected', onDisconnected);
      s.wanted = true;
      s.attempt = 0;
      return attach();
    }).catch(function (err) {
      // The first connect failed: no reconnecting to a board that never answered.
      s.wanted = false;
      if (chosen && s.device.gatt.connected) s.device.gatt.disconnect();
      setState('off', 'Not connected');
      if (!chosen) say('No device chosen (' + describe(err) + ').');
      else fail('Could not connect: ' + describe(err));
    });
  });

  disconnectBtn.addEventListener('click', disconnect);

  function disconnect() {
    s.wanted = false;
    if (s.reconnectTimer) clearTimeout(s.reconnectTimer);
    s.reconnectTimer = null;
    if (s.device && s.device.gatt.connected) s.device.gatt.disconnect();
    setState('off', 'Disconnected');
  }

  function describe(err) {
    return err ? (err.name && err.name !== 'Error' ? err.name + ': ' : '') + err.message : 'unknown error';
  }

  function deviceName() { return s.device.name || s.device.id || 'the device'; }

  function attach() {
    setState('connecting', 'Connecting to ' + deviceName());
    var server;
    return s.device.gatt.connect().then(function (connected) {
      server = connected;
      return server.getPrimaryService(codec.GESTURE_SERVICE_UUID).catch(function (err) {
        // Not a transient failure: this board runs no gesture sink. Stop, do not retry.
        s.wanted = false;
        s.device.gatt.disconnect();
        throw new Error(deviceName() + ' has no gesture service (' + codec.GESTURE_SERVICE_UUID + '): is an app with createBleNotifySink running on it? (' + describe(err) + ')');
      });
    }).then(function (service) {
      return service.getCharacteristic(codec.GESTURE_EVENT_CHAR_UUID);
    }).then(function (ch) {
      // A new characteristic object after each reconnect: listen on that one only.
      if (s.char) s.char.removeEventListener('characteristicvaluechanged', onValue);
      s.char = ch;
      ch.addEventListener('characteristicvaluechanged', onValue);
      return ch.startNotifications();
    }).then(function () {
      return clockBox.checked ? setClock(server) : '';
    }).then(function (clockNote) {
      s.attempt = 0;
      setState('connected', 'Connected to ' + deviceName());
      say('Connected: events from ' + deviceName() + ' go to the receiver as device ' + s.deviceId + '.' + clockNote);
    });
  }

  function setClock(server) {
    return server.getPrimaryService(UART_SERVICE).then(function (uart) {
      return uart.getCharacteristic(codec.UART_RX_UUID);
    }).then(function (rx) {
      var write = (rx.writeValueWithResponse || rx.writeValue).bind(rx);
      var chain = Promise.resolve();
      codec.clockCommandChunks(Date.now()).forEach(function (chunk) {
        chain = chain.then(function () { return write(chunk); });
      });
      return chain;
    }).then(function () {
      return ' Board clock set.';
    }, function (err) {
      return ' Board clock not set (' + describe(err) + '): if its events stay queued on it, set its clock from the Web IDE.';
    });
  }

  function onDisconnected() {
    if (!s.wanted) return setState('off', 'Disconnected');
    scheduleReconnect();
  }

  // The board keeps unsent events in its outbox while the link is down and sends them after
  // the reconnect; the receiver folds any it already has.
  function scheduleReconnect() {
    if (s.reconnectTimer || !s.wanted) return;
    s.attempt++;
    var delay = Math.min(MAX_RETRY_MS, 1000 * Math.pow(2, s.attempt - 1));
    setState('reconnecting', 'Reconnecting (attempt ' + s.attempt + ')');
    say('Connection to ' + deviceName() + ' lost: reconnecting in ' + delay / 1000 + ' s.');
    s.reconnectTimer = setTimeout(function () {
      s.reconnectTimer = null;
      if (!s.wanted) return;
      attach().catch(function (err) {
        if (!s.wanted) {
          setState('off', 'Not connected');
          return fail(describe(err));
        }
        say('Reconnect failed: ' + describe(err));
        if (s.device.gatt.connected) s.device.gatt.disconnect();
        else scheduleReconnect();
      });
    }, delay);
  }

  function onValue(ev) {
    var dv = ev.target.value;
    s.counts.received++;
    var e;
    try {
      e = codec.decodeGesturePayload(new Uint8Array(dv.buffer, dv.byteOffset, dv.byteLength), { deviceId: s.deviceId, labels: s.labels });
    } catch (err) {
      return fail('Notification not understood: ' + err.message);
    }
    renderCounts();
    s.fw.push(e); // the same notification twice before it was forwarded: one queue entry
  }

  // ---- forwarding (the shared queue, src/browser/event-forwarder.ts) ------------------------
  function loadQueue(deviceId) {
    try {
      var q = JSON.parse(localStorage.getItem(QUEUE_KEY + deviceId) || '[]');
      return Array.isArray(q) ? q : [];
    } catch (err) {
      return [];
    }
  }

  function startForwarding() {
    if (s.fw) s.fw.stop();
    var deviceId = s.deviceId, token = s.token;
    s.fw = codec.createEventForwarder({
      initial: loadQueue(deviceId),
      post: function (batch) {
        return fetch('/api/v1/events', {
          method: 'POST',
          headers: { authorization: 'Bearer ' + token, 'content-type': 'application/json', 'x-gesture-via': 'ble' },
          body: JSON.stringify(batch),
        }).then(answer);
      },
      save: function (queue) {
        try {
          if (queue.length) localStorage.setItem(QUEUE_KEY + deviceId, JSON.stringify(queue));
          else localStorage.removeItem(QUEUE_KEY + deviceId);
        } catch (err) {
          say('Cannot keep the queue in this browser\u2019s storage (' + err.message + '): events are held in this page only.', true);
        }
      },
      onChange: function (st, said) {
        if (said) say(st.message, st.isError);
        renderCounts();
      },
      maxBatch: MAX_BATCH,
    });
    return s.fw.status().queued;
  }

  window.addEventListener('online', function () {
    if (s.fw) s.fw.resume();
  });
  renderCounts();
})();

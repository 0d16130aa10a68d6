// A tiny MQTT 3.1.1 publisher over Espruino's require("net") (the MQTT module is not
// available offline): CONNECT, PUBLISH at QoS 1 with PUBACK, PINGREQ keep-alive, reconnect
// with backoff. As an outbox sink it gives at-least-once delivery: a batch counts as sent
// only when every PUBACK came back; otherwise the outbox sends it again (ids make repeats
// harmless at the receiver). Topic: gestures/<device_id>/events. Device code: ES5.
import type { DeviceError, GestureEvent } from '../core/types';
import { deviceError, ErrorCodes, configError } from '../core/errors';
import type { Sink, SendDone } from './sink';
import { errorText } from './sink';
import type { WifiLike } from './http';
import { asciiJson } from './event-json';
import { isValidDeviceId } from './device-id';
import { reportStatus, STATUS_EVERY_MS } from './status-report';
import {
  MqttParser, connectPacket, publishPacket, pingPacket, disconnectPacket, packetIdOf,
  MQTT_CONNACK, MQTT_PUBACK, MQTT_PINGRESP, CONNACK_REASONS
} from './mqtt-packets';

export interface MqttSinkOptions {
  host: string;
  /** Default 1883. */
  port?: number;
  /** Goes into the topic; also the default client id. */
  deviceId: string;
  /** Default "gestures/<deviceId>/events". */
  topic?: string;
  /** Default "eg-<deviceId>". */
  clientId?: string;
  username?: string;
  password?: string;
  /** Default 30. A ping goes out every half of it; a missing answer ends the connection. */
  keepAliveS?: number;
  /** CONNACK and PUBACK deadline. Default 10000 ms. */
  ackTimeoutMs?: number;
  /** Reconnect delay, doubling per failure. Defaults 1000 / 30000 ms. */
  reconnectMinMs?: number;
  reconnectMaxMs?: number;
  /** Events per send() (one PUBLISH each, all in flight together). Default 5. */
  maxBatch?: number;
  /** Defaults to require("net"): Espruino's sockets, which send and deliver binary strings. */
  net?: any;
  /** require("Wifi"): connect when it joins, stop when it drops. Without it, connect at once. */
  wifi?: WifiLike;
  /**
   * Publish the outbox's counters to `statusTopic` this often while connected (the
   * dashboard's device health). Default 300000 (5 min); 0: never.
   */
  statusEveryMs?: number;
  /** Default "gestures/<deviceId>/status". */
  statusTopic?: string;
}

export interface MqttSink extends Sink {
  /** Closes the session politely and stops reconnecting. */
  stop(): void;
  stats(): { connects: number; connacks: number; published: number; acked: number; drops: number; pings: number };
}


export function createMqttSink(options: MqttSinkOptions): MqttSink {
  var o = options;
  if (!o || typeof o.host !== 'string' || !o.host) throw configError('MQTT sink needs a broker host');
  if (typeof o.deviceId !== 'string' || !isValidDeviceId(o.deviceId)) {
    throw configError('MQTT sink deviceId must be 1-64 characters of A-Z a-z 0-9 . _ : - (it is part of the topic), got ' + o.deviceId);
  }
  var port = o.port || 1883;
  var topic = o.topic || 'gestures/' + o.deviceId + '/events';
  var keepAliveS = o.keepAliveS || 30;
  var ackTimeoutMs = o.ackTimeoutMs || 10000;
  var minDelay = o.reconnectMinMs || 1000;
  var maxDelay = o.reconnectMaxMs || 30000;
  var parser = new MqttParser();
  var st = { connects: 0, connacks: 0, published: 0, acked: 0, drops: 0, pings: 0 };
  var sock: any = null;
  var up = false;
  var stopped = false;
  var wifiUp = true;
  var failures = 0;
  var reconnectTimer: any = null;
  var connackTimer: any = null;
  var pingTimer: any = null;
  var awaitingPong = false;
  var nextPacketId = 1;
  var listeners: Array<(up: boolean) => void> = [];
  // The batch in flight: packet ids still waiting for PUBACK, and its callback.
  var waiting: { [pid: string]: boolean } = {};
  var waitingCount = 0;
  var batchDone: SendDone | null = null;
  var batchTimer: any = null;

  function setUp(v: boolean): void {
    if (v === up) return;
    up = v;
    for (var i = 0; i < listeners.length; i++) listeners[i](v);
  }

  function endBatch(err: DeviceError | null): void {
    var done = batchDone;
    batchDone = null;
    waiting = {};
    waitingCount = 0;
    if (batchTimer) { clearTimeout(batchTimer); batchTimer = null; }
    if (done) done(err);
  }

  function clearTimers(): void {
    if (connackTimer) { clearTimeout(connackTimer); connackTimer = null; }
    if (pingTimer) { clearInterval(pingTimer); pingTimer = null; }
  }

  /** Ends the connection (if any), fails the batch in flight, and plans the next attempt. */
  function drop(reason: string): void {
    var had = sock;
    sock = null;
    clearTimers();
    parser.reset();
    if (had) {
      st.drops++;
      try { had.end(); } catch (e) { /* already gone */ }
    }
    setUp(false);
    endBatch(deviceError(ErrorCodes.NETWORK, 'MQTT ' + o.host + ':' + port + ': ' + reason, { retry: true }));
    scheduleReconnect();
  }

  function scheduleReconnect(): void {
    if (stopped || !wifiUp || reconnectTimer || sock) return;
    var delay = minDelay * Math.pow(2, failures);
    if (delay > maxDelay) delay = maxDelay;
    failures++;
    reconnectTimer = setTimeout(function () {
      reconnectTimer = null;
      connect();
    }, delay);
  }

  function onPacket(type: number, body: string): void {
    if (type === MQTT_CONNACK) {
      if (connackTimer) { clearTimeout(connackTimer); connackTimer = null; }
      var rc = body.charCodeAt(1);
      if (rc !== 0) return drop('broker refused the connection: ' + (CONNACK_REASONS[rc] || 'code ' + rc));
      st.connacks++;
      failures = 0;
      awaitingPong = false;
      pingTimer = setInterval(ping, keepAliveS * 500);
      setUp(true);
    } else if (type === MQTT_PUBACK) {
      var pid = packetIdOf(body);
      if (waiting[pid]) {
        delete waiting[pid];
        st.acked++;
        if (--waitingCount === 0) endBatch(null);
      }
    } else if (type === MQTT_PINGRESP) {
      awaitingPong = false;
    }
  }

  function ping(): void {
    if (!sock) return;
    if (awaitingPong) return drop('no answer to PINGREQ within ' + keepAliveS / 2 + ' s');
    awaitingPong = true;
    st.pings++;
    sock.write(pingPacket());
  }

  function connect(): void {
    if (stopped || sock || !wifiUp) return;
    var s: any;
    st.connects++;
    try {
      var net = o.net || require('net');
      s = net.connect({ host: o.host, port: port }, function () {
        if (s !== sock) return;
        s.write(connectPacket({ clientId: o.clientId || 'eg-' + o.deviceId, keepAliveS: keepAliveS, username: o.username, password: o.password }));
      });
    } catch (e) {
      // Espruino throws at once when offline or when the host does not resolve.
      return scheduleReconnect();
    }
    sock = s;
    connackTimer = setTimeout(function () {
      connackTimer = null;
      if (s === sock) drop('no CONNACK within ' + ackTimeoutMs + ' ms');
    }, ackTimeoutMs);
    s.on('data', function (d: string) {
      if (s !== sock) return;
      var packets;
      try {
        packets = parser.push(d);
      } catch (e) {
        return drop(errorText(e));
      }
      for (var i = 0; i < packets.length && s === sock; i++) onPacket(packets[i].type, packets[i].body);
    });
    s.on('error', function (e: any) { if (s === sock) drop('socket error ' + errorText(e)); });
    s.on('close', function () { if (s === sock) drop('connection closed'); });
  }

  if (o.wifi) {
    var status = o.wifi.getStatus ? o.wifi.getStatus() : null;
    wifiUp = !!status && status.station === 'connected';
    o.wifi.on('connected', function () { wifiUp = true; failures = 0; connect(); });
    o.wifi.on('disconnected', function () {
      wifiUp = false;
      if (reconnectTimer) { clearTimeout(reconnectTimer); reconnectTimer = null; }
      if (sock) drop('Wi-Fi disconnected');
    });
  }
  // Start on the next tick so the caller can wire the outbox first.
  setTimeout(connect, 0);

  return {
    maxBatch: o.maxBatch || 5,
    send: function (events: GestureEvent[], done: SendDone) {
      if (!sock || !up) return done(deviceError(ErrorCodes.NETWORK, 'MQTT not connected', { retry: true }));
      batchDone = done;
      for (var i = 0; i < events.length; i++) {
        var pid = nextPacketId;
        nextPacketId = nextPacketId === 65535 ? 1 : nextPacketId + 1;
        waiting[pid] = true;
        waitingCount++;
        st.published++;
        sock.write(publishPacket(topic, asciiJson(events[i]), pid, false));
      }
      batchTimer = setTimeout(function () {
        batchTimer = null;
        // A lost PUBACK means the link is not what it seems: start a fresh session.
        drop('no PUBACK within ' + ackTimeoutMs + ' ms');
      }, ackTimeoutMs);
    },
    isUp: function () { return up; },
    onLinkChange: function (fn: (up: boolean) => void) { listeners.push(fn); },
    // QoS 1 with a packet id no batch waits for: the broker queues it for a receiver that is
    // down, and its PUBACK is ignored (a lost report is not resent; the next is newer).
    watchStats: reportStatus(o.statusEveryMs === undefined ? STATUS_EVERY_MS : o.statusEveryMs, function () { return up && !stopped; }, function (body) {
      var pid = nextPacketId;
      nextPacketId = pid === 65535 ? 1 : pid + 1;
      sock.write(publishPacket(o.statusTopic || 'gestures/' + o.deviceId + '/status', body, pid, false));
    }),
    stop: function () {
      stopped = true;
      if (reconnectTimer) { clearTimeout(reconnectTimer); reconnectTimer = null; }
      var had = sock;
      if (had) {
        try { had.write(disconnectPacket()); } catch (e) { /* gone */ }
      }
      drop('stopped');
    },
    stats: function () {
      return { connects: st.connects, connacks: st.connacks, published: st.published, acked: st.acked, drops: st.drops, pings: st.pings };
    }
  };
}

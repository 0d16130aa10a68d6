// require("Wifi") as on an ESP32: connect with a callback, 'connected'/'disconnected'
// events, getStatus/getIP. Joining takes virtual time; the network switch drops the link.
// Reasons are the ESP32 port's strings (wifiReasonToString in jswrap_esp32_network.c):
// getStatus().station is "connected" or the last disconnect reason.
import type { EspruinoSandbox } from '../sandbox';
import { makeEmitter } from './emitter';
import type { NetworkState } from './network-state';

export interface FakeWifiOptions {
  /** Only this SSID joins (any when omitted). */
  ssid?: string;
  /** Required password (any when omitted). */
  password?: string;
  /** Virtual ms from connect() to 'connected'. Default 1500. */
  connectDelayMs?: number;
  /** Virtual ms from the network coming back to the automatic re-join. Default 2000. */
  rejoinDelayMs?: number;
  /**
   * Virtual ms from setSNTP (while joined) to the first answer, which steps the device clock
   * to the host's time underneath Espruino, as lwIP's SNTP does on an ESP32. Default 800;
   * null: no NTP server answers.
   */
  sntpDelayMs?: number | null;
  ip?: string;
}

export function createFakeWifi(sb: EspruinoSandbox, state: NetworkState, options: FakeWifiOptions) {
  var connectDelay = options.connectDelayMs === undefined ? 1500 : options.connectDelayMs;
  var rejoinDelay = options.rejoinDelayMs === undefined ? 2000 : options.rejoinDelayMs;
  var ip = options.ip || '192.168.1.50';
  var wanted: string | null = null; // SSID the device asked for
  var connecting = false;
  var lastReason = 'Unknown reason'; // the ESP32 port's text for "no disconnect yet"
  var stats = { connects: 0, joins: 0, drops: 0, sntpSyncs: 0 };
  var sntpDelay = options.sntpDelayMs === undefined ? 800 : options.sntpDelayMs;
  var sntpTimer: number | null = null;
  var sntpOn = false;
  var ntpBase: number | null = null;

  /** lwIP SNTP polls until a server answers: the first answer after joining sets the clock. */
  function sntpPoll(): void {
    if (!sntpOn || sntpTimer !== null || sntpDelay === null) return;
    sntpTimer = sb.timers.setTimeout(function () {
      sntpTimer = null;
      if (!state.joined) return; // tried again on the next join
      stats.sntpSyncs++;
      // The server's clock: the host's time at its first answer, then running with virtual time.
      if (ntpBase === null) ntpBase = Date.now() - sb.now();
      sb.setDeviceClock(ntpBase + sb.now());
    }, sntpDelay);
  }

  function details(): any {
    var d = new state.realm.Object() as any;
    d.ip = ip;
    d.netmask = '255.255.255.0';
    d.gw = '192.168.1.1';
    return d;
  }

  function join(cb?: (err: any) => void): void {
    connecting = true;
    sb.timers.setTimeout(function () {
      connecting = false;
      if (!wanted) return;
      if (!state.up) {
        lastReason = 'NO_AP_FOUND';
        if (cb) cb(lastReason); // stays wanted: re-joins when the network comes back
        return;
      }
      state.joined = true;
      stats.joins++;
      if (cb) cb(null);
      wifi.emit('connected', details());
      if (!stats.sntpSyncs) sntpPoll();
    }, connectDelay);
  }

  var wifi = makeEmitter({
    connect: function (ssid: string, opts?: any, cb?: (err: any) => void) {
      if (typeof opts === 'function') { cb = opts; opts = {}; }
      stats.connects++;
      if (options.ssid !== undefined && ssid !== options.ssid) {
        sb.timers.setTimeout(function () { lastReason = 'NO_AP_FOUND'; if (cb) cb(lastReason); }, connectDelay);
        return;
      }
      var password = opts && opts.password;
      if (options.password !== undefined && password !== options.password) {
        sb.timers.setTimeout(function () { lastReason = 'AUTH_FAIL'; if (cb) cb(lastReason); }, connectDelay);
        return;
      }
      wanted = ssid;
      join(cb);
    },
    disconnect: function (cb?: () => void) {
      var was = state.joined;
      wanted = null;
      state.joined = false;
      state.killAll();
      lastReason = 'ASSOC_LEAVE';
      sb.timers.setTimeout(function () {
        if (was) wifi.emit('disconnected', { ssid: '', reason: 'ASSOC_LEAVE' });
        if (cb) cb();
      }, 0);
    },
    getStatus: function (cb?: (s: any) => void) {
      var s = new state.realm.Object() as any;
      s.mode = 'sta';
      s.station = state.joined ? 'connected' : lastReason;
      if (cb) cb(s);
      return s;
    },
    getIP: function (cb?: (d: any) => void) {
      var d = details();
      if (!state.joined) d.ip = '0.0.0.0';
      if (cb) cb(d);
      return d;
    },
    getDetails: function (cb?: (d: any) => void) {
      var d = new state.realm.Object() as any;
      d.status = state.joined ? 'connected' : 'off';
      d.ssid = wanted || '';
      if (cb) cb(d);
      return d;
    },
    /** ESP32 (jswrap_esp32_network.c): both strings, zone a POSIX TZ ("UTC0"); the clock is set later, with no event. */
    setSNTP: function (server: any, zone: any) {
      if (typeof zone !== 'string') throw new state.realm.Error('Zone is not a string');
      if (typeof server !== 'string') throw new state.realm.Error('Server is not a string');
      sntpOn = true;
      if (state.joined) sntpPoll();
    },
    setHostname: function () {},
    save: function () {},
    restore: function () {},
  });

  /** The test's switch. Going down drops the station (event at the current virtual time). */
  function setNetworkUp(up: boolean): void {
    if (up === state.up) return;
    state.up = up;
    if (!up) {
      state.killAll();
      if (state.joined) {
        state.joined = false;
        stats.drops++;
        lastReason = 'BEACON_TIMEOUT';
        sb.timers.setTimeout(function () { wifi.emit('disconnected', { ssid: wanted, reason: 'BEACON_TIMEOUT' }); }, 0);
      }
    } else if (wanted && !state.joined) {
      sb.timers.setTimeout(function () { if (wanted && !connecting) join(); }, Math.max(rejoinDelay - connectDelay, 0));
    }
  }

  return { wifi, setNetworkUp, stats };
}

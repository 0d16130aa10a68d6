// BLE sinks for nRF52 boards (Puck.js, Pixl.js, Bangle.js 2): notifications on a custom
// characteristic while a central is connected, or the gesture in Espruino manufacturer
// data (0x0590) of the advertisement for listeners that never connect. Device code: ES5.
import type { GestureEvent } from '../core/types';
import { deviceError, ErrorCodes, configError } from '../core/errors';
import type { Sink, SendDone } from './sink';
import { BuildFeatures, notInThisBuild } from '../core/build-features';
import { encodeGesturePayload, GESTURE_PAYLOAD_BYTES, ESPRUINO_MANUFACTURER_ID } from './ble-payload';

/** Custom 128-bit UUIDs of the gesture service and its event characteristic. */
export var GESTURE_SERVICE_UUID = '6e2a0001-8f4b-4c6e-9d1a-5b3c7e9f2a10';
export var GESTURE_EVENT_CHAR_UUID = '6e2a0002-8f4b-4c6e-9d1a-5b3c7e9f2a10';

export interface BleNotifySinkOptions {
  serviceUuid?: string;
  charUuid?: string;
  /** Keep the Nordic UART (console) service. Default true: losing it locks you out of the board. */
  uart?: boolean;
  /**
   * Put the service UUID in the advertisement. Default false: a 128-bit UUID takes 18 of the
   * 31 bytes, more than is left beside the flags and the board's default name.
   */
  advertiseService?: boolean;
  /** Defaults to the NRF global. */
  nrf?: any;
}

function getNrf(given: any): any {
  if (given) return given;
  if (typeof NRF !== 'undefined') return NRF;
  throw configError('BLE sink needs the NRF object (an nRF52 board, or pass options.nrf)');
}


/** One characteristic spec object, built without computed keys (Espruino cannot parse them). */
function serviceSpec(svc: string, chr: string, value: any, create: boolean): any {
  var c: any = { value: value, notify: true };
  if (create) {
    c.maxLen = GESTURE_PAYLOAD_BYTES;
    c.readable = true;
    c.description = 'Gesture event';
  }
  var s: any = {};
  s[chr] = c;
  var spec: any = {};
  spec[svc] = s;
  return spec;
}

/** Notifies each event (17 bytes) on the gesture characteristic; the link is up while a central is connected. */
export function createBleNotifySink(options?: BleNotifySinkOptions): Sink {
  var o = options || {};
  var nrf = getNrf(o.nrf);
  var svc = o.serviceUuid || GESTURE_SERVICE_UUID;
  var chr = o.charUuid || GESTURE_EVENT_CHAR_UUID;
  var buf = new Uint8Array(GESTURE_PAYLOAD_BYTES);
  nrf.setServices(serviceSpec(svc, chr, buf, true), o.advertiseService ? { uart: o.uart !== false, advertise: [svc] } : { uart: o.uart !== false });
  // Through call(): terser inlines a function called once, which would put the closures back in this scope.
  return notifySink.call(null, nrf, svc, chr, buf);
}

/**
 * The sink's closures, made apart from createBleNotifySink: Espruino keeps a closure's whole
 * scope, and this one holds only what sending needs (not the options and their object).
 */
function notifySink(nrf: any, svc: string, chr: string, buf: Uint8Array): Sink {
  // Espruino fires 'connect' once, to the listeners there are then: a central connected
  // before this (the Web IDE after an upload) is only seen in the security status.
  var up = !!(typeof nrf.getSecurityStatus === 'function' && (nrf.getSecurityStatus() || {}).connected);
  var listeners: Array<(up: boolean) => void> = [];
  // One listener for both events (a function costs about 6 variables): 'connect' passes the
  // central's address (a string), 'disconnect' the reason code (a number).
  function onLink(arg: any): void {
    var v = typeof arg === 'string';
    if (v === up) return;
    up = v;
    for (var i = 0; i < listeners.length; i++) listeners[i](v);
  }
  nrf.on('connect', onLink);
  nrf.on('disconnect', onLink);
  return {
    maxBatch: 1,
    send: function (events: GestureEvent[], done: SendDone) {
      try {
        encodeGesturePayload(events[0], buf);
        nrf.updateServices(serviceSpec(svc, chr, buf, false));
      } catch (e: any) { // its text written out, not errorText(): a function costs variables while loaded
        return done(deviceError(ErrorCodes.NETWORK, 'BLE notify failed: ' + (e && e.message ? e.message : String(e)), { retry: true }));
      }
      done(null);
    },
    isUp: function () { return up; },
    onLinkChange: function (fn: (up: boolean) => void) { listeners.push(fn); }
  };
}

export interface BleAdvertSinkOptions {
  /** Shown in the advertisement; it must fit beside the payload (at most 5 characters). */
  name?: string;
  /** Advertising interval, ms. Default 100 (scanners catch a short burst). */
  intervalMs?: number;
  /** How long each event stays on air before the next may replace it. Default 2000 ms. */
  holdMs?: number;
  nrf?: any;
}

/** Bytes of an advertisement: flags (3) + manufacturer data (2 + 2 + payload) + name (2 + length). */
export var ADVERT_LIMIT = 31;

/** Puts each event in Espruino manufacturer data for `holdMs`; scanners dedupe by id. Always "up". */
export function createBleAdvertSink(options?: BleAdvertSinkOptions): Sink {
  if (!BuildFeatures.bleAdvert) {
    throw configError(notInThisBuild('createBleAdvertSink', 'use createBleNotifySink'));
  }
  var o = options || {};
  var nrf = getNrf(o.nrf);
  var name = o.name || '';
  var used = 3 + 4 + GESTURE_PAYLOAD_BYTES + (name ? 2 + name.length : 0);
  if (used > ADVERT_LIMIT) {
    throw configError('BLE advert name "' + name + '" does not fit: the advertisement would be ' + used +
      ' bytes, the limit is ' + ADVERT_LIMIT + ' (names of at most ' + (ADVERT_LIMIT - 3 - 4 - GESTURE_PAYLOAD_BYTES - 2) + ' characters)');
  }
  var holdMs = o.holdMs === undefined ? 2000 : o.holdMs;
  var buf = new Uint8Array(GESTURE_PAYLOAD_BYTES);
  return {
    maxBatch: 1,
    send: function (events: GestureEvent[], done: SendDone) {
      try {
        encodeGesturePayload(events[0], buf);
        var data: number[] = [];
        for (var i = 0; i < buf.length; i++) data.push(buf[i]);
        var adv: any = { manufacturer: ESPRUINO_MANUFACTURER_ID, manufacturerData: data, interval: o.intervalMs || 100 };
        if (name) adv.name = name;
        else adv.showName = false;
        nrf.setAdvertising({}, adv);
      } catch (e: any) {
        return done(deviceError(ErrorCodes.NETWORK, 'BLE advertising failed: ' + (e && e.message ? e.message : String(e)), { retry: true }));
      }
      setTimeout(function () { done(null); }, holdMs);
    }
  };
}

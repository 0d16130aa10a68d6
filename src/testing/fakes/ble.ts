// The NRF object of an nRF52 board (Puck.js, Pixl.js, Bangle.js 2) for the sandbox: records
// services, characteristic updates, notifications and the raw advertising bytes (31-byte
// limit enforced), and lets the test connect and disconnect a central. As on the board,
// 'connect' and 'disconnect' fire once, when they happen, to the listeners there are then:
// an app started while a central is connected (after an upload from the Web IDE) hears
// nothing and must read NRF.getSecurityStatus().connected.
import type { EspruinoSandbox } from '../sandbox';
import { makeEmitter } from './emitter';
import { toBytes } from './realm';

export interface BleNotification {
  /** Virtual ms. */
  at: number;
  service: string;
  characteristic: string;
  bytes: Uint8Array;
}

export interface BleAdvert {
  at: number;
  /** The advertising packet as sent on air (AD structures). */
  bytes: Uint8Array;
  options: any;
}

var ADVERT_LIMIT = 31;

function uuidBytes(uuid: string): number[] {
  var hex = uuid.replace(/-/g, '').replace(/^0x/i, '');
  var out: number[] = [];
  for (var i = hex.length - 2; i >= 0; i -= 2) out.push(parseInt(hex.substr(i, 2), 16)); // little-endian on air
  return out;
}

function ad(type: number, payload: number[]): number[] {
  return [payload.length + 1, type].concat(payload);
}

export function installBleFakes(sb: EspruinoSandbox, options?: { name?: string; address?: string; connected?: boolean }) {
  var opts = options || {};
  var defaultName = opts.name || (sb.board === 'PUCKJS' ? 'Puck.js' : sb.board === 'PIXLJS' ? 'Pixl.js' : 'Bangle.js') + ' 1a2b';
  var services: { [svc: string]: { [chr: string]: any } } = {};
  var serviceOptions: any = null;
  var notifications: BleNotification[] = [];
  var adverts: BleAdvert[] = [];
  var connected = !!opts.connected;

  /** Builds the packet Espruino would put on air, or throws as the SoftDevice refuses it. */
  function advertBytes(data: any, o: any): Uint8Array {
    var out: number[] = [2, 0x01, 0x06]; // flags: LE general discoverable, BR/EDR not supported
    if (Array.isArray(data) || ArrayBuffer.isView(data)) return Uint8Array.from(toBytes(data));
    var showName = !o || o.showName !== false;
    if (showName) {
      var name = (o && o.name) || defaultName;
      out = out.concat(ad(0x09, Array.from(Buffer.from(name, 'latin1'))));
    }
    for (var key of Object.keys(data || {})) {
      var d = Array.from(toBytes(typeof data[key] === 'number' ? [data[key]] : data[key]));
      out = out.concat(ad(0x16, uuidBytes(key).concat(d)));
    }
    if (o && o.manufacturer !== undefined) {
      var m = Array.from(toBytes(o.manufacturerData || []));
      out = out.concat(ad(0xff, [o.manufacturer & 0xff, (o.manufacturer >> 8) & 0xff].concat(m)));
    }
    if (out.length > ADVERT_LIMIT) {
      throw new sb.realm.Error('Got BLE error 0xc (DATA_SIZE): advertising data is ' + out.length + ' bytes, the limit is ' + ADVERT_LIMIT);
    }
    return Uint8Array.from(out);
  }

  var nrf = makeEmitter({
    setServices: function (spec: any, o?: any) {
      services = {};
      for (var svc of Object.keys(spec || {})) {
        services[svc] = {};
        for (var chr of Object.keys(spec[svc])) {
          var c = spec[svc][chr];
          services[svc][chr] = { notify: !!c.notify, readable: !!c.readable, maxLen: c.maxLen || 20, value: toBytes(c.value === undefined ? [] : c.value) };
        }
      }
      serviceOptions = o || {};
    },
    updateServices: function (spec: any) {
      for (var svc of Object.keys(spec || {})) {
        if (!services[svc]) throw new sb.realm.Error('Unable to find service with UUID ' + svc);
        for (var chr of Object.keys(spec[svc])) {
          var existing = services[svc][chr];
          if (!existing) throw new sb.realm.Error('Unable to find characteristic with UUID ' + chr);
          var upd = spec[svc][chr];
          if (upd.value === undefined) continue;
          var bytes = toBytes(upd.value);
          if (bytes.length > existing.maxLen) throw new sb.realm.Error('Value is ' + bytes.length + ' bytes, maxLen is ' + existing.maxLen);
          existing.value = bytes;
          if (upd.notify) {
            if (!existing.notify) throw new sb.realm.Error("Can't notify: characteristic " + chr + ' was not created with notify:true');
            if (connected) notifications.push({ at: sb.now(), service: svc, characteristic: chr, bytes: bytes.slice() });
          }
        }
      }
    },
    setAdvertising: function (data: any, o?: any) {
      adverts.push({ at: sb.now(), bytes: advertBytes(data, o), options: o || {} });
    },
    getAddress: function () { return opts.address || 'c0:ff:ee:12:34:56 random'; },
    setConnectionInterval: function () {},
    setTxPower: function () {},
    sleep: function () {},
    wake: function () {},
    disconnect: function () { central.disconnect(); },
    getSecurityStatus: function () {
      var st = new sb.realm.Object() as any;
      st.connected = connected;
      st.encrypted = false; st.mitm_protected = false; st.bonded = false;
      return st;
    },
  });

  var central = {
    /** A central (phone, gateway) connects: 'connect' fires now, to the listeners there are now. */
    connect: function (address?: string) {
      if (connected) return;
      connected = true;
      nrf.emit('connect', address || '11:22:33:44:55:66 public');
    },
    disconnect: function (reason?: number) {
      if (!connected) return;
      connected = false;
      nrf.emit('disconnect', reason === undefined ? 19 : reason);
    },
  };

  sb.defineGlobal('NRF', nrf);
  return {
    nrf,
    central,
    notifications,
    adverts,
    get services() { return services; },
    get serviceOptions() { return serviceOptions; },
    isConnected: function () { return connected; },
  };
}

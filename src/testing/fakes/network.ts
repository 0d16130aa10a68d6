// installNetworkFakes(sb): require("Wifi"), require("http") and require("net") inside the
// sandbox, bridged to real sockets on 127.0.0.1, plus the test's switch to take the
// network down and up. Alternate `await sb.advance(ms)` with `await net.settle()`.
import type { EspruinoSandbox } from '../sandbox';
import { IoBridge } from './network-io';
import { NetworkState, HostTarget } from './network-state';
import { createFakeWifi, FakeWifiOptions } from './network-wifi';
import { createFakeHttp } from './network-http';
import { createFakeNet, FakeNetOptions } from './network-net';

export interface NetworkFakesOptions {
  /** Device host name -> real port on 127.0.0.1 (or {host, port}). localhost/127.0.0.1 pass through. */
  hosts?: { [name: string]: number | HostTarget };
  wifi?: FakeWifiOptions;
  net?: FakeNetOptions;
  /** Sockets need Wifi.connect() first, as on an ESP32. Default true. */
  requireWifiJoin?: boolean;
}

export function installNetworkFakes(sb: EspruinoSandbox, options?: NetworkFakesOptions) {
  var opts = options || {};
  var state = new NetworkState(sb.realm, opts.hosts || {}, opts.requireWifiJoin !== false);
  var io = new IoBridge(sb);
  var wifi = createFakeWifi(sb, state, opts.wifi || {});
  var http = createFakeHttp(sb, state, io);
  var net = createFakeNet(sb, state, io, opts.net || {});
  sb.defineModule('Wifi', wifi.wifi);
  sb.defineModule('http', http.module);
  sb.defineModule('net', net.module);
  return {
    state,
    /** The Wifi module object the device sees (emit events on it for odd cases). */
    wifi: wifi.wifi,
    wifiStats: wifi.stats,
    /** Every HTTP request the device made, with status or error. */
    httpRequests: http.requests,
    netStats: net.stats,
    /** Takes the access point away (sockets drop silently, 'disconnected' fires) or brings it back. */
    setNetworkUp: wifi.setNetworkUp,
    /** Waits for real I/O in flight and delivers its results into the sandbox. */
    settle: function () { return io.settle(); },
    isIdle: function () { return io.isIdle(); },
  };
}

export type NetworkFakes = ReturnType<typeof installNetworkFakes>;

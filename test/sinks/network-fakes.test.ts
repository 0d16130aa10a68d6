// The sandbox's Wifi/http fakes behave as Espruino does, over real sockets.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createEspruinoSandbox } from '../../src/testing/sandbox';
import { installNetworkFakes } from '../../src/testing/fakes/network';

var server: http.Server;
var port: number;
var seen: Array<{ method: string; url: string; headers: http.IncomingHttpHeaders; body: string }> = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    var body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      if (req.url === '/hangup') return req.socket.destroy();
      res.writeHead(201, { 'Content-Type': 'text/plain' });
      res.end('stored:' + body.length);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

function setup() {
  var sb = createEspruinoSandbox({ board: 'ESP32' });
  var net = installNetworkFakes(sb, { hosts: { 'api.example': port }, wifi: { ssid: 'lab', password: 'pw' } });
  sb.run('var log = []; var http = require("http"); var wifi = require("Wifi");');
  return { sb, net };
}

var POST = `function post(path) {
  var req = http.request({ host: 'api.example', port: 80, path: path, method: 'POST', headers: { 'Content-Length': 5 } }, function (res) {
    log.push('status ' + typeof res.statusCode + ' ' + res.statusCode);
    res.on('data', function (d) { log.push('data ' + d); });
    res.on('close', function () { log.push('close'); });
  });
  req.on('error', function (e) { log.push('error ' + e.code + ' ' + e.message); });
  req.end('hello');
}`;

describe('sandbox network fakes', () => {
  it('throws "Not connected to the internet" until Wifi has joined', async () => {
    var { sb, net } = setup();
    sb.run(POST);
    expect(() => sb.run('post("/a")')).toThrow('Not connected to the internet');
    sb.run('wifi.connect("lab", { password: "pw" }, function (err) { log.push("joined " + err); }); wifi.on("connected", function (d) { log.push("connected " + d.ip); });');
    await sb.advance(1000);
    expect(sb.run('wifi.getStatus().station')).toBe('Unknown reason'); // ESP32: the last disconnect reason until joined
    await sb.advance(1000);
    expect(sb.run('log')).toEqual(['joined null', 'connected 192.168.1.50']);
    expect(sb.run('wifi.getStatus().station')).toBe('connected');
    await net.settle();
  });

  it('refuses a wrong password with the ESP32 reason', async () => {
    var { sb } = setup();
    sb.run('wifi.connect("lab", { password: "nope" }, function (err) { log.push("err " + err); });');
    await sb.advance(2000);
    expect(sb.run('log')).toEqual(['err AUTH_FAIL']);
  });

  it('bridges a request to the real server and answers with Espruino events at settle()', async () => {
    var { sb, net } = setup();
    sb.run(POST + 'wifi.connect("lab", { password: "pw" });');
    await sb.advance(2000);
    sb.run('post("/events")');
    await sb.advance(5000);
    expect(sb.run('log.length')).toBe(0); // real replies never arrive inside advance()
    await net.settle();
    expect(sb.run('log')).toEqual(['status string 201', 'data stored:5', 'close']);
    var last = seen[seen.length - 1];
    expect(last).toMatchObject({ method: 'POST', url: '/events', body: 'hello' });
    expect(last.headers['user-agent']).toMatch(/^Espruino/);
    expect(net.httpRequests[0]).toMatchObject({ path: '/events', status: 201, at: 2000 });
  });

  it('reports a connection closed without an answer as Espruino error -15 "no response"', async () => {
    var { sb, net } = setup();
    sb.run(POST + 'wifi.connect("lab", { password: "pw" });');
    await sb.advance(2000);
    sb.run('post("/hangup")');
    await net.settle();
    expect(sb.run('log')).toEqual(['error -15 no response']);
  });

  it('throws "Unable to locate host" for a host it cannot map', async () => {
    var { sb } = setup();
    sb.run('wifi.connect("lab", { password: "pw" });');
    await sb.advance(2000);
    expect(() => sb.run('http.request({ host: "nowhere.example", path: "/" }).end()')).toThrow('Unable to locate host');
  });

  it('drops requests in flight silently and signals disconnected when the network goes down', async () => {
    var { sb, net } = setup();
    sb.run(POST + 'wifi.connect("lab", { password: "pw" }); wifi.on("disconnected", function () { log.push("down"); }); wifi.on("connected", function () { log.push("up"); });');
    await sb.advance(2000);
    sb.run('post("/events")');
    net.setNetworkUp(false);
    await net.settle();
    await sb.advance(10);
    expect(sb.run('log')).toEqual(['up', 'down']);
    expect(net.httpRequests[0].killed).toBe(true);
    expect(() => sb.run('post("/events")')).toThrow('Not connected to the internet');
    net.setNetworkUp(true);
    await sb.advance(2000);
    expect(sb.run('log')).toEqual(['up', 'down', 'up']);
  });

  it('is also settled by the sandbox-wide sb.idle()', async () => {
    var { sb } = setup();
    sb.run(POST + 'wifi.connect("lab", { password: "pw" });');
    await sb.advance(2000);
    sb.run('post("/idle")');
    await sb.idle();
    expect(sb.run('log')).toEqual(['status string 201', 'data stored:5', 'close']);
  });

  it('loses a reply that had arrived but was not yet delivered when the network went', async () => {
    var { sb, net } = setup();
    sb.run(POST + 'wifi.connect("lab", { password: "pw" });');
    await sb.advance(2000);
    sb.run('post("/late")');
    await new Promise((r) => setTimeout(r, 100)); // the real reply is in, waiting for settle()
    net.setNetworkUp(false);
    await net.settle();
    expect(sb.run('log')).toEqual([]);
    expect(net.httpRequests[0].killed).toBe(true);
  });

  it('sends no body when the device gives no Content-Length, as a real server would read none', async () => {
    var { sb, net } = setup();
    sb.run('wifi.connect("lab", { password: "pw" });');
    await sb.advance(2000);
    sb.run('http.request({ host: "api.example", port: 80, path: "/nolength", method: "POST" }, function (res) { res.on("data", function (d) { log.push(d); }); }).end("hello");');
    await net.settle();
    expect(sb.run('log')).toEqual(['stored:0']);
    expect(net.httpRequests[0].bodyIgnored).toBe(true);
  });
});

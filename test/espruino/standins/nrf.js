// Stand-in (plain ES5, inside the real interpreter): the NRF object's GATT server side.
// setServices/updateServices keep the characteristics; while a central is connected, an
// update of a characteristic with notify:true is a notification, printed as
// @@NOTIFY {"t": epoch ms, "bytes": [...]} for the test. getSecurityStatus().connected is
// the link state. A central connects `connectAfterMs` after create (an 'connect' event, as
// Espruino emits it once), or is already connected with connected:true.
// Usage (in .boot0): global.NRF = require("standin-nrf").create({ connectAfterMs: 500 });
exports.create = function (o) {
  var nrf = { connected: !!o.connected, services: null, stats: { notifications: 0, updates: 0 } };
  function bytes(v) {
    var out = [];
    if (typeof v === "string") { for (var i = 0; i < v.length; i++) out.push(v.charCodeAt(i)); return out; }
    for (var j = 0; j < v.length; j++) out.push(v[j] & 255);
    return out;
  }
  function each(spec, fn) {
    for (var s in spec) for (var c in spec[s]) fn(s, c, spec[s][c]);
  }
  nrf.setServices = function (spec, options) {
    nrf.services = {};
    each(spec, function (s, c, ch) { nrf.services[s + "/" + c] = ch; });
    nrf.serviceOptions = options;
  };
  nrf.updateServices = function (spec) {
    nrf.stats.updates++;
    each(spec, function (s, c, ch) {
      var known = nrf.services && nrf.services[s + "/" + c];
      if (!known) throw new Error("Unable to find service/characteristic " + s + "/" + c);
      if (ch.value === undefined) return;
      if (ch.notify && nrf.connected) {
        var b = bytes(ch.value);
        if (b.length > 20) throw new Error("Value too long for a notification: " + b.length);
        nrf.stats.notifications++;
        print("@@NOTIFY " + JSON.stringify({ t: Date.now(), bytes: b }));
      }
    });
  };
  nrf.getSecurityStatus = function () { return { connected: nrf.connected }; };
  nrf.getAddress = function () { return "f0:00:00:00:00:01 random"; };
  nrf.setAdvertising = function () {};
  nrf.disconnect = function () {
    if (!nrf.connected) return;
    nrf.connected = false;
    nrf.emit("disconnect", 0x13);
  };
  nrf.connect = function () {
    if (nrf.connected) return;
    nrf.connected = true;
    nrf.emit("connect", "c0:00:00:00:00:02 public");
  };
  if (!nrf.connected && o.connectAfterMs !== undefined) setTimeout(nrf.connect, o.connectAfterMs);
  return nrf;
};

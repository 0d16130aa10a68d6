// Stand-in (plain ES5, inside the real interpreter): the ESP32 "Wifi" module. The Linux
// build's own http and net modules use the host's sockets, so only joining a network is
// pretended: connect() succeeds after `joinMs` (or fails with "wrong password" when the
// password differs) and emits 'connected'; getStatus().station follows.
// Usage: Modules.addCached("Wifi", function () { ...this file... });  exports.configure(o)
var state = { station: "off", ssid: null };
var settings = { joinMs: 200, ssid: "my-network", password: "my-password" };
var wifi = exports;
exports.configure = function (o) { for (var k in o) settings[k] = o[k]; };
exports.connect = function (ssid, options, cb) {
  state.station = "connecting";
  setTimeout(function () {
    if (ssid !== settings.ssid || (options && options.password) !== settings.password) {
      state.station = "wrong_password";
      if (cb) cb("wrong password");
      return;
    }
    state.station = "connected";
    state.ssid = ssid;
    wifi.emit("connected", { ip: "127.0.0.1" });
    if (cb) cb(null);
  }, settings.joinMs);
};
exports.disconnect = function () {
  state.station = "off";
  wifi.emit("disconnected", { reason: "8" });
};
exports.getStatus = function () { return { station: state.station, ap: "disabled", mode: "sta" }; };
exports.getIP = function (cb) { var r = { ip: "127.0.0.1", netmask: "255.0.0.0", gw: "127.0.0.1", mac: "30:ae:a4:00:00:01" }; if (cb) cb(null, r); return r; };
exports.setSNTP = function () {};

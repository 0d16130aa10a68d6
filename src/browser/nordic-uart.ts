// Espruino's console over BLE (the Nordic UART service, which createBleNotifySink keeps):
// both bridges set the board's clock through it after each connect, as the Web IDE does,
// because a board that lost power counts from boot and its outbox holds events until then.
// ES5, no DOM and no Node APIs.

export var UART_SERVICE_UUID = '6e400001-b5a3-f393-e0a9-e50e24dcca9e';
/** The board's receive side: what a central writes here is typed into the console. */
export var UART_RX_UUID = '6e400002-b5a3-f393-e0a9-e50e24dcca9e';
/** Bytes per write: the smallest BLE MTU, which every central and board support. */
export var UART_CHUNK_BYTES = 20;

/** The console line that sets the clock to `nowMs`; "\x10" first: Espruino runs it without echo. */
export function clockCommand(nowMs: number): string {
  return '\x10setTime(' + nowMs / 1000 + ');\n';
}

/** The line as bytes, cut into writes of at most UART_CHUNK_BYTES (the command is ASCII). */
export function clockCommandChunks(nowMs: number): Uint8Array[] {
  var text = clockCommand(nowMs);
  var out: Uint8Array[] = [];
  for (var at = 0; at < text.length; at += UART_CHUNK_BYTES) {
    var part = text.slice(at, at + UART_CHUNK_BYTES);
    var bytes = new Uint8Array(part.length);
    for (var i = 0; i < part.length; i++) bytes[i] = part.charCodeAt(i);
    out.push(bytes);
  }
  return out;
}

// JSON bodies for the receiver, in pure ASCII: Espruino's JSON.stringify escapes non-ASCII
// as \uXXXX while Node's does not, so escaping here makes byte length == string length
// everywhere (Content-Length, MQTT lengths). Device code: ES5.
import type { GestureEvent } from '../core/types';

function hex4(n: number): string {
  var h = n.toString(16);
  while (h.length < 4) h = '0' + h;
  return h;
}

/**
 * JSON.stringify with every character above 0x7e written as \uXXXX. Espruino's own
 * JSON.stringify already does that, so the rewrite only runs on other engines.
 */
export function asciiJson(value: any): string {
  var text = JSON.stringify(value);
  if (typeof E !== 'undefined') return text;
  var out = '';
  for (var i = 0; i < text.length; i++) {
    var code = text.charCodeAt(i);
    out += code > 0x7e ? '\\u' + hex4(code) : text[i];
  }
  return out;
}

/** Body of `POST /api/v1/events`: an array of events (the receiver also takes one object). */
export function eventsBody(events: GestureEvent[]): string {
  return asciiJson(events);
}

/** Body of the original device's `POST /api/write-move`: `{device_id, time, move}`. */
export function writeMoveBody(event: GestureEvent): string {
  return asciiJson({ device_id: event.device_id, time: event.time, move: event.move });
}

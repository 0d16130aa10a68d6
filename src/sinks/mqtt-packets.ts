// The few MQTT 3.1.1 packets a publishing device needs, as binary strings (one char per
// byte: what Espruino sockets send and receive), and a stream parser for the replies.
// Topic, client id and payload must be ASCII (asciiJson makes payloads so). Device code: ES5.
import { inputError } from '../core/errors';

export var MQTT_CONNECT = 1, MQTT_CONNACK = 2, MQTT_PUBLISH = 3, MQTT_PUBACK = 4,
  MQTT_PINGREQ = 12, MQTT_PINGRESP = 13, MQTT_DISCONNECT = 14;

/** CONNACK return codes 1-5, as the spec names them. */
export var CONNACK_REASONS = ['accepted', 'unacceptable protocol version', 'identifier rejected',
  'server unavailable', 'bad user name or password', 'not authorized'];

function u16(n: number): string {
  return String.fromCharCode((n >> 8) & 0xff, n & 0xff);
}

function str(s: string): string {
  return u16(s.length) + s;
}

/** The "remaining length" varint: 7 bits per byte, high bit = more. */
export function encodeLength(n: number): string {
  var out = '';
  do {
    var b = n % 128;
    n = Math.floor(n / 128);
    out += String.fromCharCode(n > 0 ? b | 0x80 : b);
  } while (n > 0);
  return out;
}

function packet(firstByte: number, body: string): string {
  return String.fromCharCode(firstByte) + encodeLength(body.length) + body;
}

export interface ConnectOptions {
  clientId: string;
  keepAliveS: number;
  username?: string;
  password?: string;
}

/** CONNECT with a clean session: unacknowledged messages are the outbox's job, not the broker's. */
export function connectPacket(o: ConnectOptions): string {
  var flags = 0x02;
  var payload = str(o.clientId);
  if (o.username !== undefined) { flags |= 0x80; payload += str(o.username); }
  if (o.password !== undefined) { flags |= 0x40; payload += str(o.password); }
  return packet(MQTT_CONNECT << 4, str('MQTT') + String.fromCharCode(4, flags) + u16(o.keepAliveS) + payload);
}

/** PUBLISH at QoS 1 (the broker answers PUBACK with the same packet id). */
export function publishPacket(topic: string, payload: string, packetId: number, dup: boolean): string {
  return packet((MQTT_PUBLISH << 4) | (dup ? 0x08 : 0) | 0x02, str(topic) + u16(packetId) + payload);
}

export function pingPacket(): string {
  return packet(MQTT_PINGREQ << 4, '');
}

export function disconnectPacket(): string {
  return packet(MQTT_DISCONNECT << 4, '');
}

export interface MqttPacket {
  type: number;
  flags: number;
  body: string;
}

/** Splits a byte stream into packets; data may arrive in any chunking. */
export class MqttParser {
  private buf = '';

  /** Adds received data; returns the packets now complete. Throws on a malformed length. */
  push(data: string): MqttPacket[] {
    this.buf += data;
    var out: MqttPacket[] = [];
    for (;;) {
      if (this.buf.length < 2) break;
      var len = 0, mult = 1, i = 1, b = 0;
      do {
        if (i >= this.buf.length) return out; // length bytes still coming
        b = this.buf.charCodeAt(i++);
        len += (b & 0x7f) * mult;
        mult *= 128;
        if (i > 5) throw inputError('MQTT: malformed remaining length');
      } while (b & 0x80);
      if (this.buf.length < i + len) break;
      var first = this.buf.charCodeAt(0);
      out.push({ type: first >> 4, flags: first & 0x0f, body: this.buf.substr(i, len) });
      this.buf = this.buf.substr(i + len);
    }
    return out;
  }

  reset(): void {
    this.buf = '';
  }
}

/** Packet id of a PUBACK body. */
export function packetIdOf(body: string): number {
  return (body.charCodeAt(0) << 8) | body.charCodeAt(1);
}

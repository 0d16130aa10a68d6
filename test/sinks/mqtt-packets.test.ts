// Our hand-written MQTT packets, checked against an independent parser (mqtt-packet, the
// one the mqtt npm client uses) and back.
import { describe, it, expect } from 'vitest';
import mqttPacket from 'mqtt-packet';
import { connectPacket, publishPacket, pingPacket, encodeLength, MqttParser, packetIdOf, MQTT_PUBACK, MQTT_CONNACK } from '../../src/sinks/mqtt-packets';

function parseWithLibrary(binary: string): any[] {
  var parser = mqttPacket.parser({ protocolVersion: 4 });
  var out: any[] = [];
  var errors: any[] = [];
  parser.on('packet', (p: any) => out.push(p));
  parser.on('error', (e: any) => errors.push(e));
  parser.parse(Buffer.from(binary, 'latin1'));
  if (errors.length) throw errors[0];
  return out;
}

describe('MQTT 3.1.1 packets', () => {
  it('encodes CONNECT with client id, keep-alive, credentials and a clean session', () => {
    var [p] = parseWithLibrary(connectPacket({ clientId: 'eg-esp32-a', keepAliveS: 30, username: 'dev', password: 'pw' }));
    expect(p).toMatchObject({ cmd: 'connect', protocolId: 'MQTT', protocolVersion: 4, clean: true, keepalive: 30, clientId: 'eg-esp32-a', username: 'dev' });
    expect(p.password.toString()).toBe('pw');
  });

  it('encodes PUBLISH at QoS 1 with a packet id, also past 127 and 16383 bytes of length', () => {
    for (var size of [10, 200, 20000]) {
      var payload = 'x'.repeat(size);
      var [p] = parseWithLibrary(publishPacket('gestures/d/events', payload, 513, size === 200));
      expect(p).toMatchObject({ cmd: 'publish', qos: 1, messageId: 513, topic: 'gestures/d/events', dup: size === 200 });
      expect(p.payload.toString()).toBe(payload);
    }
    expect(parseWithLibrary(pingPacket())[0].cmd).toBe('pingreq');
    expect(encodeLength(321).split('').map((c) => c.charCodeAt(0))).toEqual([0xc1, 0x02]);
  });

  it('parses replies however the stream is chunked', () => {
    var stream = Buffer.concat([
      mqttPacket.generate({ cmd: 'connack', returnCode: 0, sessionPresent: false } as any),
      mqttPacket.generate({ cmd: 'puback', messageId: 258 } as any),
      mqttPacket.generate({ cmd: 'puback', messageId: 7 } as any),
    ]).toString('latin1');
    for (var chunk of [1, 2, 3, stream.length]) {
      var parser = new MqttParser();
      var got: Array<[number, string]> = [];
      for (var i = 0; i < stream.length; i += chunk) {
        for (var p of parser.push(stream.substr(i, chunk))) got.push([p.type, p.body]);
      }
      expect(got.map(([t]) => t)).toEqual([MQTT_CONNACK, MQTT_PUBACK, MQTT_PUBACK]);
      expect(packetIdOf(got[1][1])).toBe(258);
      expect(packetIdOf(got[2][1])).toBe(7);
    }
  });

  it('rejects a malformed remaining length', () => {
    expect(() => new MqttParser().push('\x40\xff\xff\xff\xff\xff')).toThrow(/malformed/);
  });
});

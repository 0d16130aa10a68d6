// Overlapping MQTT message handling with the PUBACK still sent only after the commit.
// mqtt.js reads the next incoming packet only after the previous one's PUBACK is written,
// which happens when handleMessage calls back. Calling back after the commit would allow one
// message per commit (a few hundred per second with an fsync each), and no group commit.
// So handleMessage calls back at once and the PUBACK mqtt.js then writes is held until the
// message is handled: messages in the broker's in-flight window are handled together (one
// shared commit), and PUBACKs still leave in arrival order (MQTT 3.1.1 section 4.6).
import type mqtt from 'mqtt';

type Packet = { cmd: string; messageId?: number; qos?: number };
type SendPacket = (packet: Packet, cb?: (err?: Error) => void, ...rest: unknown[]) => void;

/**
 * Installs handleMessage on `client`. `handle` resolves when the message may be acknowledged
 * (stored, or refused and answered); when it rejects, no PUBACK is sent, so the broker
 * delivers the message again on the next connection.
 */
export function handleWithOrderedAcks(client: mqtt.MqttClient, handle: (packet: mqtt.IPublishPacket) => Promise<void>, onError: (err: unknown) => void): { drain(): Promise<void> } {
  var inner = client as unknown as { _sendPacket: SendPacket };
  var send = inner._sendPacket.bind(client);
  /** Per message id: settles true when the PUBACK may go, false when it must not. */
  var held = new Map<number, { ready: Promise<boolean>; connection: number }>();
  var connection = 0;
  var last: Promise<unknown> = Promise.resolve();
  client.on('connect', () => {
    // PUBACKs held for an older connection are dropped: the broker redelivers those messages.
    connection++;
    held.clear();
    last = Promise.resolve();
  });

  inner._sendPacket = (packet, cb, ...rest) => {
    var h = packet.cmd === 'puback' && packet.messageId !== undefined ? held.get(packet.messageId) : undefined;
    if (!h) return send(packet, cb, ...rest);
    held.delete(packet.messageId as number);
    var mine = h;
    // In order: this PUBACK goes after every earlier one, and only once its message is handled.
    last = last.then(() => mine.ready).then((ok) => {
      if (ok && mine.connection === connection && client.connected) send(packet, undefined, ...rest);
    });
    // mqtt.js may read the next packet now.
    if (cb) cb();
  };

  client.handleMessage = (packet, callback) => {
    var done = handle(packet).then(() => true, (err) => {
      onError(err);
      return false;
    });
    if (packet.qos !== 1 || packet.messageId === undefined) {
      // QoS 0 has no PUBACK; QoS 2 keeps mqtt.js's own flow.
      done.then(() => callback());
      return;
    }
    held.set(packet.messageId, { ready: done, connection });
    callback();
  };

  return {
    /** Resolves when every PUBACK held so far is sent (or dropped): call before a clean end. */
    drain: () => last.then(() => {}),
  };
}

// MQTT ingestion: devices publish one event or an array to <prefix>/<device_id>/events.
// Same validation and idempotency as HTTP; the payload's device_id must match the topic.
// Who may publish to which topic is the broker's job (e.g. a mosquitto ACL
// `pattern write gestures/%u/events`): this side trusts the topic, not the client.
// Results go back on <prefix>/<device_id>/ack so a device can clear its outbox.
import type mqtt from 'mqtt';
import { requirePeer } from '../node/optional-deps';
import type { Ingestor } from './ingest';
import { checkEventBatch, ValidationError, isValidDeviceId } from './validate';
import { ingestChecked } from './batch-results';
import { handleWithOrderedAcks } from './mqtt-ordered-acks';
import { validateStatus } from './device-status';

export interface MqttOptions {
  url: string;
  /** Topic prefix; default "gestures". */
  prefix?: string;
  username?: string;
  password?: string;
  /**
   * Default "espruino-gestures-receiver-<prefix>". The session is persistent (clean: false):
   * the broker keeps QoS 1 events that arrive while the receiver is down and delivers them
   * when it reconnects with the same client id. Two receivers must not share an id.
   */
  clientId?: string;
  /** Largest payload accepted, bytes (as the HTTP body limit). */
  maxPayload?: number;
}

/** Where failures go (the receiver's pino logger); no fastify type here, so the published types need no fastify. */
export interface ErrorLog {
  error(details: object, message: string): void;
}

export interface MqttIngestion {
  readonly connected: boolean;
  close(): Promise<void>;
}

export async function startMqttIngestion(o: MqttOptions, ingestor: Ingestor, maxBatch: number, defaultMaxPayload: number, log: ErrorLog): Promise<MqttIngestion> {
  var prefix = o.prefix ?? 'gestures';
  var maxPayload = o.maxPayload ?? defaultMaxPayload;
  var client = requirePeer<typeof mqtt>('mqtt').connect(o.url, {
    username: o.username,
    password: o.password,
    clientId: o.clientId ?? 'espruino-gestures-receiver-' + prefix.replace(/[^A-Za-z0-9_-]/g, '_'),
    clean: false,
    reconnectPeriod: 2000,
    connectTimeout: 10000,
  });
  // The PUBACK goes only after the store commits: delivery is at-least-once end to end (a
  // crash before the commit means the broker sends it again). Messages in the broker's
  // in-flight window are handled together and share a group commit (mqtt-ordered-acks.ts).
  // Set before connecting: a persistent session delivers queued events right after CONNACK.
  // Every message is acknowledged, whatever happens to it: an unacknowledged one stays in
  // the broker's in-flight window for ever (resent on every reconnect), and after 20 of them
  // nothing from any device gets through. What was not stored is counted under its reason
  // and kept as a dead letter, so `handle` below never rejects.
  var acks = handleWithOrderedAcks(client, (packet) => {
    var payload = Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(String(packet.payload ?? ''));
    return handle(packet.topic, payload).catch(async (err) => {
      ingestor.reject('internal');
      log.error({ err, topic: packet.topic }, 'MQTT message failed; acknowledged and kept as a dead letter');
      await deadLetter(packet.topic, payload, 'internal', 'internal error: ' + (err && err.message ? err.message : String(err)));
    });
  }, () => ingestor.reject('internal'));
  await new Promise<void>((resolve, reject) => {
    var onError = (err: Error) => { client.end(true); reject(new Error('MQTT broker ' + o.url + ': ' + err.message)); };
    client.once('error', onError);
    client.once('connect', () => {
      client.off('error', onError);
      client.subscribe([prefix + '/+/events', prefix + '/+/status'], { qos: 1 }, (err) => (err ? reject(err) : resolve()));
    });
  });
  // Later errors (broker restarts) are retried by the client; keep them from crashing us.
  client.on('error', () => {});

  function reply(device: string, body: unknown) {
    client.publish(prefix + '/' + device + '/ack', JSON.stringify(body), { qos: 1 });
  }

  /** Keeps a copy of a message that was acknowledged but not stored (never throws). */
  async function deadLetter(topic: string, payload: Buffer, reason: string, message: string) {
    var parts = topic.split('/');
    var device = parts[parts.length - 2];
    try {
      await ingestor.store.addDeadLetter({
        received_at: Date.now(), source: 'mqtt', topic, device_id: isValidDeviceId(device) ? device : null, reason, message, payload,
      });
    } catch (e) {
      // The store itself is failing (it is in the health answer): the log keeps the payload.
      log.error({ err: e, topic, reason, payload: payload.toString('base64') }, 'could not store an MQTT dead letter');
    }
  }

  async function refuse(topic: string, device: string | null, payload: Buffer, reason: string, answer: Record<string, unknown>) {
    ingestor.reject(reason);
    await deadLetter(topic, payload, reason, String(answer.message));
    if (device) reply(device, answer);
  }

  async function handle(topic: string, payload: Buffer) {
    var parts = topic.split('/');
    var device = parts[parts.length - 2];
    if (!isValidDeviceId(device)) return refuse(topic, null, payload, 'invalid_topic', { message: 'topic ' + JSON.stringify(topic.slice(0, 200)) + ' does not name a valid device id' });
    if (payload.length > maxPayload) {
      return refuse(topic, device, payload, 'body_too_large', { error: 'body_too_large', message: 'payload exceeds ' + maxPayload + ' bytes' });
    }
    var body: unknown;
    try {
      body = JSON.parse(payload.toString('utf8'));
    } catch (e: any) {
      return refuse(topic, device, payload, 'malformed_json', { error: 'malformed_json', message: 'the payload is not valid JSON: ' + e.message });
    }
    if (parts[parts.length - 1] === 'status') return handleStatus(topic, device, payload, body);
    try {
      var checked = checkEventBatch(body, Date.now(), maxBatch);
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      return refuse(topic, device, payload, 'invalid_event', { error: 'invalid_event', message: e.message, problems: e.problems });
    }
    for (var c of checked) {
      if (c.ok && c.event.device_id !== device) {
        return refuse(topic, device, payload, 'forbidden', { error: 'forbidden', message: 'topic is for device "' + device + '" but an event is for "' + c.event.device_id + '"' });
      }
    }
    var answer = await ingestChecked(ingestor, checked, 'mqtt');
    // Refused events of a batch (counted by ingestChecked): the message is kept for them.
    if (answer.refused) await deadLetter(topic, payload, 'invalid_event', (answer.problems ?? []).map((p) => p.path + ': ' + p.message).join('; '));
    reply(device, answer);
  }

  /** <prefix>/<device>/status: the device's outbox counters (no answer is sent). */
  async function handleStatus(topic: string, device: string, payload: Buffer, body: unknown) {
    try {
      var status = validateStatus(body, Date.now(), 'mqtt');
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      return refuse(topic, null, payload, 'invalid_status', { message: e.message });
    }
    if (status.device_id !== device) return refuse(topic, null, payload, 'forbidden', { message: 'topic is for device "' + device + '" but the status is for "' + status.device_id + '"' });
    await ingestor.ingestStatus(status);
  }

  return {
    get connected() { return client.connected; },
    // Messages being handled still get their PUBACK, so a clean stop causes no redelivery.
    close: () => acks.drain().then(() => new Promise<void>((resolve) => client.end(false, {}, () => resolve()))),
  };
}

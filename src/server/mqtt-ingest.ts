// MQTT ingestion: devices publish one event or an array to <prefix>/<device_id>/events.
// Same validation and idempotency as HTTP; the payload's device_id must match the topic.
// Who may publish to which topic is the broker's job (e.g. a mosquitto ACL
// `pattern write gestures/%u/events`): this side trusts the topic, not the client.
// Results go back on <prefix>/<device_id>/ack so a device can clear its outbox.
import type mqtt from 'mqtt';
import { requirePeer } from './optional-deps';
import type { Ingestor } from './ingest';
import { validateEventBatch, ValidationError, DEVICE_ID_PATTERN } from './validate';
import { handleWithOrderedAcks } from './mqtt-ordered-acks';

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

export interface MqttIngestion {
  readonly connected: boolean;
  close(): Promise<void>;
}

export async function startMqttIngestion(o: MqttOptions, ingestor: Ingestor, maxBatch: number, defaultMaxPayload: number): Promise<MqttIngestion> {
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
  var acks = handleWithOrderedAcks(client, (packet) => handle(packet.topic, packet.payload as Buffer), () => ingestor.reject('internal'));
  await new Promise<void>((resolve, reject) => {
    var onError = (err: Error) => { client.end(true); reject(new Error('MQTT broker ' + o.url + ': ' + err.message)); };
    client.once('error', onError);
    client.once('connect', () => {
      client.off('error', onError);
      client.subscribe(prefix + '/+/events', { qos: 1 }, (err) => (err ? reject(err) : resolve()));
    });
  });
  // Later errors (broker restarts) are retried by the client; keep them from crashing us.
  client.on('error', () => {});

  function reply(device: string, body: unknown) {
    client.publish(prefix + '/' + device + '/ack', JSON.stringify(body), { qos: 1 });
  }

  async function handle(topic: string, payload: Buffer) {
    var parts = topic.split('/');
    var device = parts[parts.length - 2];
    if (!DEVICE_ID_PATTERN.test(device)) { ingestor.reject('invalid_topic'); return; }
    if (payload.length > maxPayload) {
      ingestor.reject('body_too_large');
      return reply(device, { error: 'body_too_large', message: 'payload exceeds ' + maxPayload + ' bytes' });
    }
    var body: unknown;
    try {
      body = JSON.parse(payload.toString('utf8'));
    } catch (e: any) {
      ingestor.reject('malformed_json');
      return reply(device, { error: 'malformed_json', message: 'the payload is not valid JSON: ' + e.message });
    }
    try {
      var events = validateEventBatch(body, Date.now(), maxBatch);
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      ingestor.reject('invalid_event');
      return reply(device, { error: 'invalid_event', message: e.message, problems: e.problems });
    }
    var other = events.find((e) => e.device_id !== device);
    if (other) {
      ingestor.reject('forbidden');
      return reply(device, { error: 'forbidden', message: 'topic is for device "' + device + '" but an event is for "' + other.device_id + '"' });
    }
    reply(device, await ingestor.ingestEvents(events, 'mqtt'));
  }

  return {
    get connected() { return client.connected; },
    // Messages being handled still get their PUBACK, so a clean stop causes no redelivery.
    close: () => acks.drain().then(() => new Promise<void>((resolve) => client.end(false, {}, () => resolve()))),
  };
}

// Every error answer has the same shape: { error: <stable code>, message: <for people> }.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ValidationError } from './validate';
import type { Ingestor } from './ingest';

export class HttpError extends Error {
  constructor(readonly statusCode: number, readonly code: string, message: string) {
    super(message);
    this.name = 'HttpError';
  }
}

function isClientStatus(s: unknown): boolean {
  return typeof s === 'number' && s >= 400 && s < 500;
}

export function errorHandler(ingestor: Ingestor, bodyLimit: number) {
  return function (err: FastifyError | Error, req: FastifyRequest, reply: FastifyReply) {
    var status: number;
    var body: Record<string, unknown>;
    var code = (err as FastifyError).code;
    if (err instanceof ValidationError) {
      status = 422;
      body = { error: 'invalid_event', message: err.message, problems: err.problems };
    } else if (err instanceof HttpError) {
      status = err.statusCode;
      body = { error: err.code, message: err.message };
    } else if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      status = 413;
      body = { error: 'body_too_large', message: 'request body exceeds ' + bodyLimit + ' bytes; send fewer events per request' };
    } else if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      status = 415;
      body = { error: 'unsupported_media_type', message: 'send JSON with "Content-Type: application/json"' };
    } else if (code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
      status = 400;
      body = { error: 'malformed_json', message: 'the body is empty; expected JSON' };
    } else if (code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err instanceof SyntaxError) {
      status = 400;
      body = { error: 'malformed_json', message: 'the body is not valid JSON: ' + err.message };
    } else if (isClientStatus((err as FastifyError).statusCode)) {
      // fastify's own refusals (bad Content-Length, bad URL, a body cut off by the request
      // timeout, ...): the client's fault, so its status, never a 500.
      status = (err as FastifyError).statusCode as number;
      body = { error: status === 400 ? 'bad_request' : 'client_error', message: err.message };
    } else {
      req.log.error(err);
      status = 500;
      body = { error: 'internal', message: 'internal error; see the receiver log' };
    }
    // Only refused writes count as rejections (the health counters are about ingest).
    if (status !== 500 && req.method === 'POST') ingestor.reject(body.error as string);
    reply.status(status).send(body);
  };
}

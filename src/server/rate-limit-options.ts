// The receiver's rate-limit settings (ReceiverOptions.rateLimit). A file of its own with no
// imports, so the published receiver types do not need fastify's types (rate-limit.ts has them).
export interface RateLimitOptions {
  /** Requests per window and key; default 1000. */
  max?: number;
  /** Window, ms; default 10000. */
  windowMs?: number;
}

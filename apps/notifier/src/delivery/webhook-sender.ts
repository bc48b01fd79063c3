// Sends one signed webhook through the SSRF guard. The signature covers the exact bytes sent; the id
// is the delivery id, the same on every retry, so receivers can deduplicate. What went wrong is told
// two ways: a coarse reason for the delivery log (no addresses, no resolver or socket errors: the
// log must not turn Talkwatch into a port scanner), the details for the operator's log.
import { Inject, Injectable, Logger, type LoggerService } from '@nestjs/common';
import { OutboundHttp, OutboundRefused, OutboundTimeout } from '@talkwatch/infra';
import { NOTIFIER_CONFIG, type NotifierConfig } from '../config.js';
import { CLOCK, OUTBOUND_HTTP, type Clock } from '../tokens.js';
import { webhookOutcomeOf, type SendOutcome } from './send-outcome.js';
import { signWebhook } from './webhook-signature.js';

@Injectable()
export class WebhookSender {
  private readonly logger = new Logger(WebhookSender.name);

  constructor(
    @Inject(NOTIFIER_CONFIG) private readonly config: NotifierConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(OUTBOUND_HTTP) private readonly http: OutboundHttp,
  ) {}

  /** Signed with every secret given (the current one, and the previous one during a rotation's overlap). */
  async send(target: { url: string; secrets: readonly string[] }, id: string, body: string): Promise<SendOutcome> {
    const now = this.clock();
    const timestamp = Math.floor(now.getTime() / 1000);
    try {
      const answer = await this.http.request({
        method: 'POST',
        url: target.url,
        connectTimeoutMs: this.config.delivery.webhookConnectTimeoutMs,
        timeoutMs: this.config.delivery.webhookTimeoutMs,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Talkwatch-Webhooks/0.1',
          'webhook-id': id,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': target.secrets.map((secret) => signWebhook(secret, id, timestamp, body)).join(' '),
        },
        body,
      });
      const retryAfter = answer.headers['retry-after'];
      return webhookOutcomeOf(answer.status, typeof retryAfter === 'string' ? retryAfter : undefined, this.clock());
    } catch (error) {
      return this.outcomeOfError(id, error);
    }
  }

  private outcomeOfError(id: string, error: unknown): SendOutcome {
    return outcomeOfRequestError(this.logger, `webhook ${id}`, error);
  }
}

/** What a request that threw comes to: coarse for the delivery log, detailed for the operator's. */
export function outcomeOfRequestError(logger: Pick<LoggerService, 'warn'>, what: string, error: unknown): SendOutcome {
  const detail = error instanceof Error ? error.message : String(error);
  if (error instanceof OutboundRefused) {
    logger.warn(`${what} not sent: ${error.reason}: ${detail}`);
    // A host that does not resolve may come back; a refused destination will not become allowed.
    return error.reason === 'unresolvable'
      ? { kind: 'retry', reason: 'the host name did not resolve' }
      : { kind: 'failed', reason: 'destination refused: not a public address, or not an http(s) URL without credentials' };
  }
  logger.warn(`${what} failed: ${detail}`);
  if (error instanceof OutboundTimeout) {
    return { kind: 'retry', reason: error.phase === 'connect' ? 'timed out connecting' : 'timed out waiting for the answer' };
  }
  return { kind: 'retry', reason: 'network error' };
}

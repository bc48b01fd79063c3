// Posts one message to a Slack incoming webhook through the SSRF guard, like a webhook but unsigned
// (the URL is the credential). Slack answers 200 "ok"; 404/410 mean the hook or channel is gone.
import { Inject, Injectable, Logger } from '@nestjs/common';
import { OutboundHttp } from '@talkwatch/infra';
import { NOTIFIER_CONFIG, type NotifierConfig } from '../config.js';
import { CLOCK, OUTBOUND_HTTP, type Clock } from '../tokens.js';
import { webhookOutcomeOf, type SendOutcome } from './send-outcome.js';
import { outcomeOfRequestError } from './webhook-sender.js';

@Injectable()
export class SlackSender {
  private readonly logger = new Logger(SlackSender.name);

  constructor(
    @Inject(NOTIFIER_CONFIG) private readonly config: NotifierConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(OUTBOUND_HTTP) private readonly http: OutboundHttp,
  ) {}

  async send(url: string, id: string, body: string): Promise<SendOutcome> {
    try {
      const answer = await this.http.request({
        method: 'POST',
        url,
        connectTimeoutMs: this.config.delivery.webhookConnectTimeoutMs,
        timeoutMs: this.config.delivery.webhookTimeoutMs,
        headers: { 'content-type': 'application/json', 'user-agent': 'Talkwatch-Webhooks/0.1' },
        body,
      });
      // Slack answers 404 no_service / 403 invalid_token for a hook that was removed: it will not come back.
      if (answer.status === 404 || answer.status === 403) return { kind: 'gone', reason: `receiver answered ${answer.status}: subscription disabled` };
      const retryAfter = answer.headers['retry-after'];
      return webhookOutcomeOf(answer.status, typeof retryAfter === 'string' ? retryAfter : undefined, this.clock());
    } catch (error) {
      return outcomeOfRequestError(this.logger, `slack message ${id}`, error);
    }
  }
}

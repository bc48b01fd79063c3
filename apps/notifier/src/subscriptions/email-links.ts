// Use cases behind the links in emails, which need no API key: the signed token says which
// subscription, and following the link confirms it (double opt-in) or unsubscribes it.
import { Inject, Injectable } from '@nestjs/common';
import { ProblemError } from '@talkwatch/infra';
import { CLOCK, LINK_TOKENS, type Clock } from '../tokens.js';
import type { LinkPurpose, LinkTokens } from './link-tokens.js';
import { SubscriptionsRepository } from './subscriptions.repository.js';

function subscriptionOfToken(tokens: LinkTokens, purpose: LinkPurpose, token: string | undefined): string {
  const id = token === undefined ? undefined : tokens.verify(purpose, token);
  if (id === undefined) throw new ProblemError(400, 'invalid-link', 'This link is not valid', 'The token in the link is missing, damaged or not for this page.');
  return id;
}

@Injectable()
export class ConfirmEmailSubscription {
  constructor(
    private readonly subscriptions: SubscriptionsRepository,
    @Inject(LINK_TOKENS) private readonly tokens: LinkTokens,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Checks a link without acting on it (the page a GET shows, where the button confirms). */
  check(token: string | undefined): string {
    return subscriptionOfToken(this.tokens, 'confirm', token);
  }

  async execute(token: string | undefined): Promise<void> {
    const id = subscriptionOfToken(this.tokens, 'confirm', token);
    if (!(await this.subscriptions.confirmEmail(id, this.clock()))) {
      throw new ProblemError(410, 'confirmation-expired', 'This subscription can no longer be confirmed', 'It was not confirmed in time, or was removed: subscribe again.');
    }
  }
}

@Injectable()
export class UnsubscribeByLink {
  constructor(
    private readonly subscriptions: SubscriptionsRepository,
    @Inject(LINK_TOKENS) private readonly tokens: LinkTokens,
  ) {}

  check(token: string | undefined): string {
    return subscriptionOfToken(this.tokens, 'unsubscribe', token);
  }

  /** Idempotent: unsubscribing twice is no error (mail clients may send the one-click POST again). */
  async execute(token: string | undefined): Promise<void> {
    await this.subscriptions.remove(subscriptionOfToken(this.tokens, 'unsubscribe', token));
  }
}

// The tokens in the links of emails (confirm a subscription, unsubscribe): the subscription id and
// an HMAC-SHA256 over what the link does and that id, with a server secret. Whoever holds the email
// can follow its link without an API key; nobody can make a link for another subscription.
import { createHmac, timingSafeEqual } from 'node:crypto';

export type LinkPurpose = 'confirm' | 'unsubscribe';

export class LinkTokens {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = Buffer.from(secret, 'utf8');
  }

  sign(purpose: LinkPurpose, subscriptionId: string): string {
    return `${Buffer.from(subscriptionId, 'utf8').toString('base64url')}.${this.mac(purpose, subscriptionId).toString('base64url')}`;
  }

  /** The subscription id the token was made for, or undefined when it was not made by us for this purpose. */
  verify(purpose: LinkPurpose, token: string): string | undefined {
    const match = /^([A-Za-z0-9_-]{1,400})\.([A-Za-z0-9_-]{43})$/.exec(token);
    if (!match?.[1] || !match[2]) return undefined;
    const subscriptionId = Buffer.from(match[1], 'base64url').toString('utf8');
    const given = Buffer.from(match[2], 'base64url');
    const expected = this.mac(purpose, subscriptionId);
    return given.length === expected.length && timingSafeEqual(given, expected) ? subscriptionId : undefined;
  }

  private mac(purpose: LinkPurpose, subscriptionId: string): Buffer {
    return createHmac('sha256', this.key).update(`talkwatch-link\u0000${purpose}\u0000${subscriptionId}`).digest();
  }
}

/** The absolute links an email carries. */
export class EmailLinks {
  constructor(
    private readonly publicUrl: string,
    private readonly tokens: LinkTokens,
  ) {}

  confirm(subscriptionId: string): string {
    return `${this.publicUrl}/email/confirm?token=${this.tokens.sign('confirm', subscriptionId)}`;
  }

  unsubscribe(subscriptionId: string): string {
    return `${this.publicUrl}/email/unsubscribe?token=${this.tokens.sign('unsubscribe', subscriptionId)}`;
  }
}

// Email is a port: SMTP at scale, a file outbox when no SMTP server is configured.
export interface OutboundEmail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html?: string | undefined;
  /** Stable across retries: receivers and tests can deduplicate by it. */
  readonly messageId: string;
  /** The one-click unsubscribe URL (RFC 8058): List-Unsubscribe and List-Unsubscribe-Post headers. */
  readonly unsubscribeUrl?: string | undefined;
}

export interface Mailer {
  send(email: OutboundEmail): Promise<void>;
  verify(): Promise<void>;
  close(): void;
}

/** The message as nodemailer takes it, the same for every transport. */
export function toMailOptions(from: string, email: OutboundEmail) {
  const unsubscribe: Record<string, string> = email.unsubscribeUrl
    ? { 'List-Unsubscribe': `<${email.unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }
    : {};
  return {
    from,
    to: email.to,
    subject: email.subject,
    text: email.text,
    ...(email.html === undefined ? {} : { html: email.html }),
    messageId: email.messageId,
    headers: { 'X-Talkwatch-Delivery': email.messageId, ...unsubscribe },
  };
}

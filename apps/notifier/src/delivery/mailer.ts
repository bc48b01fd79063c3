// Email is a port: SMTP at scale, a file outbox when no SMTP server is configured.
export interface OutboundEmail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  /** Stable across retries: receivers and tests can deduplicate by it. */
  readonly messageId: string;
}

export interface Mailer {
  send(email: OutboundEmail): Promise<void>;
  verify(): Promise<void>;
  close(): void;
}

/** The message as nodemailer takes it, the same for every transport. */
export function toMailOptions(from: string, email: OutboundEmail) {
  return {
    from,
    to: email.to,
    subject: email.subject,
    text: email.text,
    messageId: email.messageId,
    headers: { 'X-Talkwatch-Delivery': email.messageId },
  };
}

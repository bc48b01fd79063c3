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

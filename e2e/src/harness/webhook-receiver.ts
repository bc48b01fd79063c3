// A real HTTP receiver that checks Standard Webhooks signatures on its own (not with the app's code).
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';

export interface ReceivedWebhook {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly verified: boolean;
}

export interface WebhookReceiver {
  readonly url: string;
  readonly received: ReceivedWebhook[];
  secret: string | undefined;
  close(): Promise<void>;
}

export function verifyStandardWebhook(secret: string, headers: IncomingHttpHeaders, body: string): boolean {
  const id = headers['webhook-id'];
  const timestamp = headers['webhook-timestamp'];
  const signatures = headers['webhook-signature'];
  if (typeof id !== 'string' || typeof timestamp !== 'string' || typeof signatures !== 'string') return false;
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return false;
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest();
  return signatures.split(' ').some((entry) => {
    const [version, mac] = entry.split(',');
    if (version !== 'v1' || !mac) return false;
    const given = Buffer.from(mac, 'base64');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

export interface WebhookReceiverOptions {
  /** Answer each request this much later (a receiver that takes its time). */
  readonly delayMs?: number;
  /** Called as each request arrives, before it is answered. */
  readonly onRequest?: (webhook: ReceivedWebhook, count: number) => void;
}

export async function startWebhookReceiver(options: WebhookReceiverOptions = {}): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const receiver: { secret: string | undefined } = { secret: undefined };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const verified = receiver.secret !== undefined && verifyStandardWebhook(receiver.secret, req.headers, body);
      const webhook = { headers: req.headers, body, verified };
      received.push(webhook);
      options.onRequest?.(webhook, received.length);
      setTimeout(() => {
        res.statusCode = verified ? 204 : 401;
        res.end();
      }, options.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return Object.assign(receiver, {
    url: `http://127.0.0.1:${port}/hooks/talkwatch`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => { resolve(); })),
  });
}

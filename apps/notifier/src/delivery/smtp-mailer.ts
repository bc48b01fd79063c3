import nodemailer, { type Transporter } from 'nodemailer';
import { toMailOptions, type Mailer, type OutboundEmail } from './mailer.js';

export class SmtpMailer implements Mailer {
  private readonly transport: Transporter;

  /**
   * `timeoutMs` bounds a whole send, not only each wait: a server that answers slowly but
   * steadily must not keep an attempt going past its delivery's lease (another notifier would
   * then take the delivery over and send it too).
   */
  constructor(
    smtpUrl: string,
    private readonly from: string,
    private readonly timeoutMs = 30_000,
  ) {
    this.transport = nodemailer.createTransport({ url: smtpUrl, connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs });
  }

  async send(email: OutboundEmail): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        reject(new Error(`the SMTP server took longer than ${this.timeoutMs} ms`));
      }, this.timeoutMs);
    });
    try {
      await Promise.race([this.transport.sendMail(toMailOptions(this.from, email)), deadline]);
    } finally {
      clearTimeout(timer);
    }
  }

  async verify(): Promise<void> {
    await this.transport.verify();
  }

  close(): void {
    this.transport.close();
  }
}

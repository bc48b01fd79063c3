import nodemailer, { type Transporter } from 'nodemailer';
import { toMailOptions, type Mailer, type OutboundEmail } from './mailer.js';

export class SmtpMailer implements Mailer {
  private readonly transport: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    this.transport = nodemailer.createTransport(smtpUrl);
  }

  async send(email: OutboundEmail): Promise<void> {
    await this.transport.sendMail(toMailOptions(this.from, email));
  }

  async verify(): Promise<void> {
    await this.transport.verify();
  }

  close(): void {
    this.transport.close();
  }
}

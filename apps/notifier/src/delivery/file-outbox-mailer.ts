// Email without an SMTP server: each message is written as an .eml file a person can open.
// The file name comes from the Message-ID, so a retried delivery overwrites instead of duplicating.
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Logger } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { toMailOptions, type Mailer, type OutboundEmail } from './mailer.js';

export class FileOutboxMailer implements Mailer {
  private readonly logger = new Logger('Outbox');
  private readonly composer: Transporter;

  constructor(
    private readonly directory: string,
    private readonly from: string,
  ) {
    this.composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  }

  async send(email: OutboundEmail): Promise<void> {
    const info = (await this.composer.sendMail(toMailOptions(this.from, email))) as { message: Buffer };
    await mkdir(this.directory, { recursive: true });
    const name = `${email.messageId.replace(/[<>]/g, '').replace(/[^A-Za-z0-9._-]/g, '_')}.eml`;
    const file = path.join(this.directory, name);
    // Write then rename: a crash never leaves half a message behind.
    await writeFile(`${file}.tmp`, info.message);
    await rename(`${file}.tmp`, file);
    this.logger.log(`email to ${email.to} written to ${file}`);
  }

  async verify(): Promise<void> {
    await mkdir(this.directory, { recursive: true });
  }

  close(): void {
    this.composer.close();
  }
}

// The SMTP adapter against a real SMTP server (smtp-server): it hands a message over, and a server
// that stalls cannot hold one send past the configured time (the delivery's lease depends on it).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SMTPServer } from 'smtp-server';
import { SmtpMailer } from './smtp-mailer.js';

async function listen(server: SMTPServer): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.server.address();
  return typeof address === 'object' && address ? address.port : 0;
}

describe('SmtpMailer (real SMTP servers)', () => {
  const received: string[] = [];
  const prompt = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      let text = '';
      stream.on('data', (c: Buffer) => (text += c.toString()));
      stream.on('end', () => {
        received.push(text);
        callback();
      });
    },
  });
  // Takes the message, then never says so.
  const stalled = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream) {
      stream.resume();
    },
  });
  let promptPort = 0;
  let stalledPort = 0;

  before(async () => {
    [promptPort, stalledPort] = await Promise.all([listen(prompt), listen(stalled)]);
  });

  after(async () => {
    await Promise.all(
      [prompt, stalled].map(
        (server) =>
          new Promise<void>((resolve) => {
            server.close(() => {
              resolve();
            });
          }),
      ),
    );
  });

  it('sends a message with its Message-ID', async () => {
    const mailer = new SmtpMailer(`smtp://127.0.0.1:${promptPort}`, 'Talkwatch <alerts@talkwatch.test>', 2000);
    await mailer.send({ to: 'desk@example.org', subject: 'New round', text: 'Envoys meet.', messageId: '<msg_1@talkwatch>' });
    mailer.close();
    assert.equal(received.length, 1);
    assert.match(received[0] ?? '', /^Message-ID: <msg_1@talkwatch>$/im);
  });

  it('gives up on a server that stalls, within its time limit', async () => {
    const mailer = new SmtpMailer(`smtp://127.0.0.1:${stalledPort}`, 'Talkwatch <alerts@talkwatch.test>', 500);
    const started = Date.now();
    await assert.rejects(mailer.send({ to: 'desk@example.org', subject: 'New round', text: 'Envoys meet.', messageId: '<msg_2@talkwatch>' }));
    const took = Date.now() - started;
    mailer.close();
    assert.ok(took >= 450 && took < 1500, `gave up after ${took} ms`);
  });
});

// docker-compose.yml cannot be run here, so it is checked as data: the notifier service must build
// this app, pass only variables its config schema knows, and point at the services the file defines.
// The checks all app services share live in @talkwatch/infra/testing; the notifier adds mail.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeComposeApp, required } from '@talkwatch/infra/testing';
import { notifierEnvSchema, loadNotifierConfig } from './config.js';

describeComposeApp(
  {
    app: 'notifier',
    envSchema: notifierEnvSchema,
    loadConfig: loadNotifierConfig,
    extraDependencies: [{ service: 'mailpit', condition: 'service_started', when: 'mailpit is up' }],
  },
  ({ compose, env }) => {
    it('sends alert emails to the mailpit service over SMTP', () => {
      const smtpUrl = loadNotifierConfig(env).mail.smtpUrl;
      assert.ok(smtpUrl, 'the compose notifier must send real email');
      const smtp = new URL(smtpUrl);
      assert.equal(smtp.protocol, 'smtp:');
      assert.equal(smtp.hostname, 'mailpit');
      // Mailpit listens for SMTP on 1025 unless MP_SMTP_BIND_ADDR says otherwise.
      const bind = compose.service('mailpit').environment().MP_SMTP_BIND_ADDR ?? '0.0.0.0:1025';
      assert.equal(smtp.port, '1025');
      assert.ok(bind.endsWith(':1025'), `mailpit SMTP is bound to ${bind}`);
      assert.match(required(compose.service('mailpit').raw, 'image'), /^axllent\/mailpit:/);
    });
  },
);

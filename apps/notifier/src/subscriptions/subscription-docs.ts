import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { changeKinds } from './change-kinds.js';

const kindsDescription =
  'Change kinds to hear of: new-round (round.added), round-status (round.status-changed), reschedule (round.rescheduled), ' +
  'new-demand (demand.added), response (demand.responded), track-status (track.status-changed), correction (round/demand/response.withdrawn). ' +
  'Empty or absent: every kind but track-status.';

/** What every kind of subscription filters by. */
export class SubscriptionFilterDoc {
  @ApiPropertyOptional({ type: [String], description: 'Track ids to follow. With parties: a track listed here or having one of the parties; both empty: every track' })
  trackIds?: string[];
  @ApiPropertyOptional({ type: [String], description: 'Party names (any spelling of case and accents): every track with one of them among its parties, tracks that appear later included' })
  parties?: string[];
  @ApiPropertyOptional({ type: [String], enum: changeKinds, description: kindsDescription }) changeKinds?: string[];
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    minimum: 0,
    maximum: 1,
    description: 'Changes brought by a report of lower confidence are not alerted (changes without one, such as corrections, are); null: no minimum',
  })
  minConfidence?: number | null;
}

export class WebhookSubscriptionRequestDoc extends SubscriptionFilterDoc {
  @ApiProperty({ enum: ['webhook'] }) kind!: 'webhook';
  @ApiProperty({ description: 'http(s), no credentials, a public address unless OUTBOUND_ALLOWLIST permits it' }) url!: string;
  @ApiPropertyOptional({ description: 'whsec_… secret; generated when omitted' }) secret?: string;
}

export class EmailSubscriptionRequestDoc extends SubscriptionFilterDoc {
  @ApiProperty({ enum: ['email'] }) kind!: 'email';
  @ApiProperty({ description: 'Gets a confirmation email first; nothing else until its link is followed (within EMAIL_CONFIRM_WITHIN)' }) email!: string;
  @ApiPropertyOptional({ enum: ['immediate', 'daily', 'weekly'], default: 'immediate', description: 'daily / weekly: one email grouping the changes by track, at DIGEST_HOUR in DIGEST_TIME_ZONE (weekly: on DIGEST_WEEKDAY)' })
  digest?: string;
}

export class SlackSubscriptionRequestDoc extends SubscriptionFilterDoc {
  @ApiProperty({ enum: ['slack'] }) kind!: 'slack';
  @ApiProperty({ description: 'A Slack incoming-webhook URL (https://hooks.slack.com/services/…); checked like a webhook URL' }) url!: string;
}

export class SubscriptionPatchDoc extends SubscriptionFilterDoc {
  @ApiPropertyOptional({ description: 'true: send to it again (after a 410 disabled it); false: pause it' }) enabled?: boolean;
  @ApiPropertyOptional({ enum: ['immediate', 'daily', 'weekly'], description: 'Email only; alerts already waiting for a digest keep it' }) digest?: string;
}

export class SecretRotationDoc {
  @ApiPropertyOptional({ description: 'The new whsec_… secret; generated when omitted' }) secret?: string;
  @ApiPropertyOptional({ description: 'How long the old secret keeps signing beside the new one (30m, 24h, 7d; 0 ends it at once). Default 24h', default: '24h' })
  overlap?: string;
}

class SubscriptionDocBase {
  @ApiProperty() id!: string;
  @ApiProperty({ type: [String] }) trackIds!: string[];
  @ApiProperty({ type: [String] }) parties!: string[];
  @ApiProperty({ type: [String], enum: changeKinds, description: 'Empty: every kind but track-status' }) changeKinds!: string[];
  @ApiProperty({ type: Number, nullable: true }) minConfidence!: number | null;
  @ApiProperty({ description: 'false: nothing is sent to it until PATCH {enabled: true}' }) enabled!: boolean;
  @ApiProperty({ nullable: true, type: String }) disabledAt!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'e.g. receiver answered 410 Gone: subscription disabled' }) disabledReason!: string | null;
  @ApiProperty() createdAt!: string;
}

export class WebhookSubscriptionDoc extends SubscriptionDocBase {
  @ApiProperty({ enum: ['webhook'] }) kind!: 'webhook';
  @ApiProperty() url!: string;
  @ApiPropertyOptional({ description: 'Returned once, when created or rotated' }) secret?: string;
  @ApiProperty({ nullable: true, type: String, description: 'Until then the secret before the last rotation signs too' }) previousSecretSignsUntil!: string | null;
}

export class EmailSubscriptionDoc extends SubscriptionDocBase {
  @ApiProperty({ enum: ['email'] }) kind!: 'email';
  @ApiProperty() email!: string;
  @ApiProperty({ enum: ['pending', 'confirmed', 'expired'], description: 'Alerts are sent only once confirmed' }) confirmation!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Unconfirmed: it expires then' }) confirmBy!: string | null;
  @ApiProperty({ enum: ['immediate', 'daily', 'weekly'] }) digest!: string;
}

export class SlackSubscriptionDoc extends SubscriptionDocBase {
  @ApiProperty({ enum: ['slack'] }) kind!: 'slack';
  @ApiProperty({ description: 'Masked: its last part is the credential' }) url!: string;
}

export class DeliveryDoc {
  @ApiProperty({ description: 'Also the webhook-id / Message-ID, the same on every attempt' }) id!: string;
  @ApiProperty() changeId!: string;
  @ApiProperty({ enum: ['pending', 'sending', 'delivered', 'failed', 'cancelled'] }) status!: string;
  @ApiProperty() attempts!: number;
  @ApiProperty({ nullable: true, type: String, description: 'Why the last attempt failed, in general terms' }) lastError!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ nullable: true, type: String }) deliveredAt!: string | null;
  @ApiProperty() nextAttemptAt!: string;
}

export const subscriptionRequestDocs = [WebhookSubscriptionRequestDoc, EmailSubscriptionRequestDoc, SlackSubscriptionRequestDoc] as const;
export const subscriptionDocs = [WebhookSubscriptionDoc, EmailSubscriptionDoc, SlackSubscriptionDoc] as const;

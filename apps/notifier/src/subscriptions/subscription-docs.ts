import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class SubscriptionRequestDoc {
  @ApiProperty({ enum: ['webhook', 'email'] }) kind!: 'webhook' | 'email';
  @ApiPropertyOptional({ description: 'Webhook URL (kind=webhook): http(s), no credentials, a public address unless OUTBOUND_ALLOWLIST permits it' })
  url?: string;
  @ApiPropertyOptional({ description: 'whsec_… secret; generated when omitted (kind=webhook)' }) secret?: string;
  @ApiPropertyOptional({ description: 'Email address (kind=email)' }) email?: string;
  @ApiPropertyOptional({ type: [String], description: 'Track ids to follow; empty or absent: all tracks' }) trackIds?: string[];
}

export class SubscriptionPatchDoc {
  @ApiPropertyOptional({ description: 'true: send to it again (after a 410 disabled it); false: pause it' }) enabled?: boolean;
  @ApiPropertyOptional({ type: [String], description: 'Track ids to follow; empty: all tracks' }) trackIds?: string[];
}

export class SubscriptionDoc {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['webhook', 'email'] }) kind!: string;
  @ApiPropertyOptional({ description: 'kind=webhook' }) url?: string;
  @ApiPropertyOptional({ description: 'kind=email' }) email?: string;
  @ApiProperty({ type: [String] }) trackIds!: string[];
  @ApiProperty({ description: 'false: nothing is sent to it until PATCH {enabled: true}' }) enabled!: boolean;
  @ApiProperty({ nullable: true, type: String }) disabledAt!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'e.g. receiver answered 410 Gone: subscription disabled' }) disabledReason!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiPropertyOptional({ description: 'Returned once, at creation' }) secret?: string;
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

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class SubscriptionRequestDoc {
  @ApiProperty({ enum: ['webhook', 'email'] }) kind!: 'webhook' | 'email';
  @ApiPropertyOptional({ description: 'Webhook URL (kind=webhook)' }) url?: string;
  @ApiPropertyOptional({ description: 'whsec_… secret; generated when omitted (kind=webhook)' }) secret?: string;
  @ApiPropertyOptional({ description: 'Email address (kind=email)' }) email?: string;
  @ApiPropertyOptional({ type: [String], description: 'Track ids to follow; empty or absent: all tracks' }) trackIds?: string[];
}

export class SubscriptionDoc {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['webhook', 'email'] }) kind!: string;
  @ApiProperty({ nullable: true }) url!: string | null;
  @ApiProperty({ nullable: true }) email!: string | null;
  @ApiProperty({ type: [String] }) trackIds!: string[];
  @ApiProperty() active!: boolean;
  @ApiProperty() createdAt!: string;
  @ApiPropertyOptional({ description: 'Returned once, at creation' }) secret?: string;
}

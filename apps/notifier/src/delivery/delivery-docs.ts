// OpenAPI description of the redelivery answer (redeliver-delivery.ts has the type).
import { ApiProperty } from '@nestjs/swagger';
import { DeliveryDoc } from '../subscriptions/subscription-docs.js';

export class RedeliveryDoc extends DeliveryDoc {
  @ApiProperty() subscriptionId!: string;
}

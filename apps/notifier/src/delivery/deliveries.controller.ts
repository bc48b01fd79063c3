import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiConflictResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { checkId, RequireScope } from '@talkwatch/infra';
import { RedeliveryDoc } from './delivery-docs.js';
import { RedeliverDelivery, type Redelivery } from './redeliver-delivery.js';

@ApiTags('subscriptions')
// Deliveries show who is alerted where, as subscriptions do.
@RequireScope('admin')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'problem+json, code unauthorized: no or an unknown API key' })
@ApiForbiddenResponse({ description: 'problem+json, code forbidden: the key lacks the admin scope' })
@Controller('deliveries')
export class DeliveriesController {
  constructor(private readonly redeliverDelivery: RedeliverDelivery) {}

  @Post(':id/redeliver')
  @HttpCode(202)
  @ApiOperation({
    summary:
      'Send a delivery again: a failed, cancelled or delivered one starts the retry schedule afresh, a pending one is tried now. Same id, so the same webhook-id (and email Message-ID).',
  })
  @ApiAcceptedResponse({ type: RedeliveryDoc, description: 'Queued: the delivery log shows how it ends' })
  @ApiNotFoundResponse({ description: 'problem+json, code delivery-not-found' })
  @ApiConflictResponse({ description: 'problem+json, code delivery-in-progress (being sent right now), subscription-disabled (enable it first) or subscription-removed' })
  redeliver(@Param('id') id: string): Promise<Redelivery> {
    return this.redeliverDelivery.execute(checkId(id, 'delivery id'));
  }
}

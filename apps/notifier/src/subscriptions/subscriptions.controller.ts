import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { checkId, maxIdLength, ProblemError, RequireScope } from '@talkwatch/infra';
import { z } from 'zod';
import { DeliveriesRepository, type DeliveryLogEntry } from '../delivery/deliveries.repository.js';
import { CreateSubscription } from './create-subscription.js';
import { RemoveSubscription } from './remove-subscription.js';
import { DeliveryDoc, SubscriptionDoc, SubscriptionPatchDoc, SubscriptionRequestDoc } from './subscription-docs.js';
import { viewOf, type SubscriptionView } from './subscription-view.js';
import { SubscriptionsRepository } from './subscriptions.repository.js';
import { UpdateSubscription } from './update-subscription.js';

const trackIds = z.array(z.string().min(1).max(maxIdLength)).max(100);
const subscriptionRequestSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('webhook'),
    url: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
      .max(2048)
      .refine((url) => !/^[a-z]+:\/\/[^/?#]*@/i.test(url), 'must not carry credentials (user:password@)'),
    secret: z
      .string()
      .regex(/^whsec_[A-Za-z0-9+/]{32,}={0,2}$/, 'must be whsec_ followed by at least 24 base64-encoded bytes')
      .optional(),
    trackIds: trackIds.default([]),
  }),
  z.object({ kind: z.literal('email'), email: z.email().max(320), trackIds: trackIds.default([]) }),
]);
const subscriptionPatchSchema = z.strictObject({ enabled: z.boolean().optional(), trackIds: trackIds.optional() });

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const errors = parsed.error.issues.map((i) => ({ field: i.path.join('.') || '(body)', message: i.message }));
  throw new ProblemError(422, 'invalid-subscription', 'The subscription is not valid', errors.map((e) => `${e.field} ${e.message}`).join('; '), { errors });
}

@ApiTags('subscriptions')
// Subscriptions show who is alerted where (addresses, URLs): every route needs the admin scope.
@RequireScope('admin')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'problem+json, code unauthorized: no or an unknown API key' })
@ApiForbiddenResponse({ description: 'problem+json, code forbidden: the key lacks the admin scope' })
@Controller('subscriptions')
export class SubscriptionsController {
  constructor(
    private readonly createSubscription: CreateSubscription,
    private readonly updateSubscription: UpdateSubscription,
    private readonly removeSubscription: RemoveSubscription,
    private readonly subscriptions: SubscriptionsRepository,
    private readonly deliveries: DeliveriesRepository,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Subscribe a webhook or an email address to alerts on new rounds and demands.' })
  @ApiBody({ type: SubscriptionRequestDoc })
  @ApiCreatedResponse({ type: SubscriptionDoc, description: 'A webhook subscription carries its secret here, and only here.' })
  @ApiUnprocessableEntityResponse({ description: 'problem+json, code invalid-subscription, webhook-url-forbidden or webhook-url-unresolvable' })
  create(@Body() body: unknown): Promise<SubscriptionView> {
    return this.createSubscription.execute(parse(subscriptionRequestSchema, body));
  }

  @Get()
  @ApiOperation({ summary: 'Every subscription not removed, enabled or not; never a secret.' })
  @ApiOkResponse({ type: [SubscriptionDoc] })
  async list(): Promise<SubscriptionView[]> {
    return (await this.subscriptions.listActive()).map(viewOf);
  }

  @Get(':id')
  @ApiOkResponse({ type: SubscriptionDoc })
  @ApiNotFoundResponse({ description: 'problem+json, code subscription-not-found' })
  async get(@Param('id') id: string): Promise<SubscriptionView> {
    const subscription = await this.subscriptions.findActive(checkId(id, 'subscription id'));
    if (!subscription) throw new ProblemError(404, 'subscription-not-found', 'No such subscription', id);
    return viewOf(subscription);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Enable it again (after the receiver answered 410), pause it, or change the tracks it follows.' })
  @ApiBody({ type: SubscriptionPatchDoc })
  @ApiOkResponse({ type: SubscriptionDoc })
  @ApiNotFoundResponse({ description: 'problem+json, code subscription-not-found' })
  update(@Param('id') id: string, @Body() body: unknown): Promise<SubscriptionView> {
    return this.updateSubscription.execute(checkId(id, 'subscription id'), parse(subscriptionPatchSchema, body));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Unsubscribe; what was still to be sent to it is cancelled.' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ description: 'problem+json, code subscription-not-found' })
  remove(@Param('id') id: string): Promise<void> {
    return this.removeSubscription.execute(checkId(id, 'subscription id'));
  }

  @Get(':id/deliveries')
  @ApiOperation({ summary: 'The delivery log of one subscription, newest first.' })
  @ApiOkResponse({ type: [DeliveryDoc] })
  @ApiNotFoundResponse({ description: 'problem+json, code subscription-not-found' })
  async deliveryLog(@Param('id') id: string): Promise<DeliveryLogEntry[]> {
    if (!(await this.subscriptions.exists(checkId(id, 'subscription id')))) throw new ProblemError(404, 'subscription-not-found', 'No such subscription', id);
    return this.deliveries.logOf(id);
  }
}

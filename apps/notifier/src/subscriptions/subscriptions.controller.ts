import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import { checkId, maxIdLength, ProblemError, RequireScope } from '@talkwatch/infra';
import { z } from 'zod';
import { parseDuration } from '../delivery/retry-schedule.js';
import { DeliveriesRepository, type DeliveryLogEntry } from '../delivery/deliveries.repository.js';
import { CLOCK, type Clock } from '../tokens.js';
import { changeKinds } from './change-kinds.js';
import { CreateSubscription } from './create-subscription.js';
import { RemoveSubscription } from './remove-subscription.js';
import { RotateWebhookSecret } from './rotate-webhook-secret.js';
import {
  DeliveryDoc,
  SecretRotationDoc,
  SubscriptionPatchDoc,
  subscriptionDocs,
  subscriptionRequestDocs,
  WebhookSubscriptionDoc,
} from './subscription-docs.js';
import { viewOf, type SubscriptionView } from './subscription-view.js';
import { SubscriptionsRepository } from './subscriptions.repository.js';
import { UpdateSubscription } from './update-subscription.js';

const filterShape = {
  trackIds: z.array(z.string().min(1).max(maxIdLength)).max(100),
  parties: z.array(z.string().trim().min(1).max(200)).max(100),
  changeKinds: z.array(z.enum(changeKinds)).max(changeKinds.length),
  minConfidence: z.number().min(0).max(1).nullable(),
};
const filterDefaults = {
  trackIds: filterShape.trackIds.default([]),
  parties: filterShape.parties.default([]),
  changeKinds: filterShape.changeKinds.default([]),
  minConfidence: filterShape.minConfidence.default(null),
};
const outboundUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
  .max(2048)
  .refine((url) => !/^[a-z]+:\/\/[^/?#]*@/i.test(url), 'must not carry credentials (user:password@)');
const webhookSecret = z.string().regex(/^whsec_[A-Za-z0-9+/]{32,}={0,2}$/, 'must be whsec_ followed by at least 24 base64-encoded bytes');
const digestSchema = z.enum(['immediate', 'daily', 'weekly']).transform((d) => (d === 'immediate' ? null : d));
const subscriptionRequestSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('webhook'), url: outboundUrl, secret: webhookSecret.optional(), ...filterDefaults }),
    z.object({
      kind: z.literal('email'),
      email: z.email().max(320),
      digest: digestSchema.default(null),
      ...filterDefaults,
    }),
    z.object({ kind: z.literal('slack'), url: outboundUrl, ...filterDefaults }),
  ])
  .transform(({ trackIds, parties, changeKinds: kinds, minConfidence, ...target }) => ({ ...target, filter: { trackIds, parties, changeKinds: kinds, minConfidence } }));
const subscriptionPatchSchema = z
  .strictObject({
    enabled: z.boolean().optional(),
    trackIds: filterShape.trackIds.optional(),
    parties: filterShape.parties.optional(),
    changeKinds: filterShape.changeKinds.optional(),
    minConfidence: filterShape.minConfidence.optional(),
    digest: digestSchema.optional(),
  })
  .transform(({ enabled, digest, ...filter }) => ({ enabled, digest, filter }));
const secretRotationSchema = z
  .strictObject({
    secret: webhookSecret.optional(),
    overlap: z
      .string()
      .default('24h')
      .transform((text, ctx) => {
        const ms = parseDuration(text);
        if (ms === undefined || ms > 30 * 86_400_000) ctx.addIssue({ code: 'custom', message: 'must be a duration like 30m, 24h or 7d, at most 30d' });
        return ms ?? 0;
      }),
  })
  .transform(({ secret, overlap }) => ({ secret, overlapMs: overlap }));

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  const errors = parsed.error.issues.map((i) => ({ field: i.path.join('.') || '(body)', message: i.message }));
  throw new ProblemError(422, 'invalid-subscription', 'The subscription is not valid', errors.map((e) => `${e.field} ${e.message}`).join('; '), { errors });
}

// The mapping names each kind's value: without it, generated clients take the schema names for them.
const byKind = (docs: readonly [abstract new () => object, abstract new () => object, abstract new () => object]) => {
  const [webhook, email, slack] = docs;
  return { propertyName: 'kind', mapping: { webhook: getSchemaPath(webhook), email: getSchemaPath(email), slack: getSchemaPath(slack) } };
};
const oneOfSubscriptions = { oneOf: subscriptionDocs.map((d) => ({ $ref: getSchemaPath(d) })), discriminator: byKind(subscriptionDocs) };

@ApiTags('subscriptions')
// Subscriptions show who is alerted where (addresses, URLs): every route needs the admin scope.
@RequireScope('admin')
@ApiBearerAuth()
@ApiExtraModels(...subscriptionRequestDocs, ...subscriptionDocs)
@ApiUnauthorizedResponse({ description: 'problem+json, code unauthorized: no or an unknown API key' })
@ApiForbiddenResponse({ description: 'problem+json, code forbidden: the key lacks the admin scope' })
@Controller('subscriptions')
export class SubscriptionsController {
  constructor(
    private readonly createSubscription: CreateSubscription,
    private readonly updateSubscription: UpdateSubscription,
    private readonly removeSubscription: RemoveSubscription,
    private readonly rotateWebhookSecret: RotateWebhookSecret,
    private readonly subscriptions: SubscriptionsRepository,
    private readonly deliveries: DeliveriesRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Subscribe a webhook, an email address (confirmed by a link sent to it first) or a Slack channel, with filters.' })
  @ApiBody({ schema: { oneOf: subscriptionRequestDocs.map((d) => ({ $ref: getSchemaPath(d) })), discriminator: byKind(subscriptionRequestDocs) } })
  @ApiCreatedResponse({ schema: oneOfSubscriptions, description: 'A webhook subscription carries its secret here, and only here.' })
  @ApiUnprocessableEntityResponse({ description: 'problem+json, code invalid-subscription, webhook-url-forbidden or webhook-url-unresolvable' })
  create(@Body() body: unknown): Promise<SubscriptionView> {
    return this.createSubscription.execute(parse(subscriptionRequestSchema, body));
  }

  @Get()
  @ApiOperation({ summary: 'Every subscription not removed (nor expired unconfirmed), enabled or not; never a secret.' })
  @ApiOkResponse({ schema: { type: 'array', items: oneOfSubscriptions } })
  async list(): Promise<SubscriptionView[]> {
    const now = this.clock();
    return (await this.subscriptions.listActive(now)).map((s) => viewOf(s, now));
  }

  @Get(':id')
  @ApiOkResponse({ schema: oneOfSubscriptions })
  @ApiNotFoundResponse({ description: 'problem+json, code subscription-not-found' })
  async get(@Param('id') id: string): Promise<SubscriptionView> {
    const now = this.clock();
    const subscription = await this.subscriptions.findActive(checkId(id, 'subscription id'), now);
    if (!subscription) throw new ProblemError(404, 'subscription-not-found', 'No such subscription', id);
    return viewOf(subscription, now);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Enable it again (after the receiver answered 410), pause it, or change its filters (the fields given replace theirs).' })
  @ApiBody({ type: SubscriptionPatchDoc })
  @ApiOkResponse({ schema: oneOfSubscriptions })
  @ApiNotFoundResponse({ description: 'problem+json, code subscription-not-found' })
  update(@Param('id') id: string, @Body() body: unknown): Promise<SubscriptionView> {
    return this.updateSubscription.execute(checkId(id, 'subscription id'), parse(subscriptionPatchSchema, body));
  }

  @Post(':id/rotate-secret')
  @HttpCode(200)
  @ApiOperation({ summary: "A webhook's new secret, returned once; the old one keeps signing beside it during the overlap." })
  @ApiBody({ type: SecretRotationDoc, required: false })
  @ApiOkResponse({ type: WebhookSubscriptionDoc })
  @ApiNotFoundResponse({ description: 'problem+json, code subscription-not-found' })
  @ApiConflictResponse({ description: 'problem+json, code not-a-webhook' })
  rotateSecret(@Param('id') id: string, @Body() body: unknown): Promise<SubscriptionView> {
    return this.rotateWebhookSecret.execute(checkId(id, 'subscription id'), parse(secretRotationSchema, body));
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

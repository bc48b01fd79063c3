export const PRISMA = Symbol('PRISMA');
export const EVENT_LOG = Symbol('EVENT_LOG');
export const MAILER = Symbol('MAILER');
export const CLOCK = Symbol('CLOCK');
export type Clock = () => Date;
export const OUTBOUND_HTTP = Symbol('OUTBOUND_HTTP');
export const OUTBOUND_GUARD = Symbol('OUTBOUND_GUARD');
/** Math.random in production; fixed in tests (the retry schedule's jitter). */
export const RANDOM = Symbol('RANDOM');
export type Random = () => number;
/** Signs and checks the tokens of the links in emails (LinkTokens). */
export const LINK_TOKENS = Symbol('LINK_TOKENS');
/** Builds those links (EmailLinks). */
export const EMAIL_LINKS = Symbol('EMAIL_LINKS');
/** When daily and weekly digests go out (the config's DigestTime). */
export const DIGEST_TIME = Symbol('DIGEST_TIME');

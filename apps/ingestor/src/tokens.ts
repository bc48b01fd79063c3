export const PRISMA = Symbol('PRISMA');
export const EVENT_LOG = Symbol('EVENT_LOG');
export const CLOCK = Symbol('CLOCK');
export type Clock = () => Date;
export const GAZETTEER = Symbol('GAZETTEER');

/**
 * Every flow's intents, by name. Each flow adds its own where it defines them (declaration merging, as
 * Fastify's decorators do), so the conversation's types name intents without importing the registry,
 * which imports every flow.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by the flows
export interface Intents {}

/** What a customer wants: an intent of one of the flows. */
export type Intent = keyof Intents & string;

/**
 * The one source of the time in the product: the composition root makes it (the system's, or a test's)
 * and hands it to every part that needs "now", so a test's fixed clock is the time everywhere.
 */
export type Clock = () => Date;

/** The real time; only the composition root and command-line entry points reach for it. */
export const systemClock: Clock = () => new Date();

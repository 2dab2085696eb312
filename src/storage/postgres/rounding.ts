/**
 * A float rounded to a whole number half away from zero, bit for bit as SQLite's round() does it
 * (and as toCents does, for amounts): PostgreSQL's round() of a float goes half to even, and of the
 * float cast to numeric reads only 15 digits of it.
 */
export const roundHalfAway = (x: string): string => `(sign(${x}) * trunc(abs(${x}) + 0.5))`;

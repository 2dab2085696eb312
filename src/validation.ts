import { z } from 'zod';

/** Longest message accepted, in characters. */
export const MAX_MESSAGE_LENGTH = 2000;

/** Field rules shared by every way into the engine (code, HTTP, channels), so they can't drift apart. */
export const userIdSchema = z.string().trim().min(1).max(128);
export const messageSchema = z.string().trim().min(1, 'must not be empty').max(MAX_MESSAGE_LENGTH);
export const sessionIdSchema = z
  .string()
  .trim()
  .min(1)
  .max(128)
  .regex(/^[\w.:-]+$/, 'may contain letters, digits and . _ : - only');

/** The first problem zod found, as a dotted path and a message. */
export function firstIssue(error: z.ZodError): { path: string; message: string } {
  const issue = error.issues[0];
  return { path: issue?.path.map(String).join('.') ?? '', message: issue?.message ?? 'invalid' };
}

import { describe, expect, it } from 'vitest';
import { contactIn } from './delivery.js';

describe('reading a contact', () => {
  it.each([
    ['email me at jo@example.com please', true, 'jo@example.com'],
    ['jo@example.com', false, 'jo@example.com'],
    ['+1 415 555 0100', true, '+1 415 555 0100'],
    ['+1 415 555 0100', false, null],
    ['1 Infinite Loop, Cupertino, CA 95014-2083', true, null],
    ['150-0002', true, null],
    ['yes', true, null],
  ])('reads %s (phone asked: %s) as %s', (text, phoneAsked, contact) => {
    expect(contactIn(text, phoneAsked)).toBe(contact);
  });
});

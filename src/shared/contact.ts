// A customer's contact details as the forms take them: optional, and checked only for being plausible.
import { z } from 'zod';

export const phoneSchema = z
  .string()
  .trim()
  .max(40)
  .refine(
    (value) => value === '' || (/^[+\d\s().-]+$/.test(value) && (value.match(/\d/g) ?? []).length >= 6),
    'A phone number is digits, spaces and + ( ) - only, at least 6 digits.',
  );

export const emailSchema = z
  .string()
  .trim()
  .max(200)
  .refine(
    (value) => value === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value),
    'That is not an e-mail address.',
  );

import type { GenericSchema } from 'valibot';
import { dateTime, toDate } from './schemas.ts';

type Walkable = GenericSchema & { wrapped?: GenericSchema; item?: GenericSchema; entries?: Record<string, GenericSchema> };

/**
 * Turn the date-time fields a schema names into `Date`s without validating anything else: what
 * `validateResponses: false` still does. Unknown fields and odd shapes pass through untouched.
 */
export function convertDates(schema: GenericSchema, value: unknown): unknown {
  if (schema === dateTime) return typeof value === 'string' ? toDate(value) : value;
  const { wrapped, item, entries } = schema as Walkable;
  if (wrapped) return value == null ? value : convertDates(wrapped, value);
  if (item) return Array.isArray(value) ? value.map((element) => convertDates(item, element)) : value;
  if (entries && value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const copy: Record<string, unknown> = { ...value };
    for (const key in entries) {
      if (Object.hasOwn(copy, key)) copy[key] = convertDates(entries[key]!, copy[key]);
    }
    return copy;
  }
  return value;
}

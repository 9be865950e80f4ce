// Turning zod issues into the one sentence staff read, in Bahasa Indonesia.
import type { z } from 'zod';

/** The messages of a failed parse, one per field, in the order of the fields. */
export function issueMessages(error: z.ZodError): string[] {
  return error.issues.map((issue) => issue.message);
}

import * as z from 'zod';

export const zHealth = z.object({
  status: z.literal('ok'),
  service: z.string(),
  version: z.string(),
  time: z.string(),
  database: z.enum(['ok', 'unreachable']),
});
export type Health = z.infer<typeof zHealth>;

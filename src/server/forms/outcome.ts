import { z } from 'zod';

const E = 'staff:outcome.error';

/** What the conference decided, and the plan's category. */
export const outcomeForm = z
  .object({
    outcome: z.enum(['cp-plan', 'cin-plan', 'no-plan'], `${E}.outcome.required`),
    category: z
      .enum(['neglect', 'physical-abuse', 'emotional-abuse', 'sexual-abuse'])
      .optional()
      .transform((v) => v ?? null),
  })
  .refine((v) => v.outcome !== 'cp-plan' || v.category, { path: ['category'], message: `${E}.category.required` });

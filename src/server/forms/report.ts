import { z } from 'zod';
import { requiredLine } from './text';

const E = 'staff:report.error';

/** A report's details (the file itself is checked as it streams in: services/staff-reports.ts). */
export const reportForm = z.object({
  title: requiredLine(150, { required: `${E}.title.required`, tooLong: `${E}.title.tooLong` }),
  agency: requiredLine(100, { required: `${E}.agency.required`, tooLong: `${E}.agency.tooLong` }),
  parents: z.array(z.string()),
});

import { parseArgs } from 'node:util';
import { z } from 'zod';
import { requiredLine } from '~/server/forms/text';
import { getServices } from '~/server/services';

const input = z.object({
  email: z.email('Give a work email address: --email name@council.gov.uk'),
  name: requiredLine(100, {
    required: 'Give the person’s name: --name "Full Name"',
    tooLong: 'The name must be 100 characters or fewer',
    problems: {
      control: 'The name has a control character in it: type it again',
      bidi: 'The name has a character that changes the direction of text: type it again',
      invisible: 'The name has only spaces or invisible characters in it',
    },
  }),
});

/**
 * `npm run staff:create-admin -- --email … --name …`: adds the first
 * administrator to a real deployment (same database settings as the server:
 * DATABASE_URL, or the SQLite file). They then sign in at /staff/sign-in/
 * with an emailed code and set up an authenticator app.
 */
export async function createAdmin(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { email: { type: 'string' }, name: { type: 'string' } },
    strict: true,
  });
  const parsed = input.safeParse(values);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) console.error(issue.message);
    return 2;
  }
  const services = await getServices();
  try {
    const created = await services.auth.staff.create({ ...parsed.data, role: 'admin' }, { type: 'system', id: null });
    if (!created.ok) {
      console.error(`${parsed.data.email} is already a member of staff.`);
      return 1;
    }
  } finally {
    await services.db.close();
  }
  const signIn = new URL('/staff/sign-in/', services.config.SITE_URL).href;
  console.log(`Administrator ${parsed.data.email} created.`);
  console.log(`They sign in at ${signIn} with a code sent to that address, then set up an authenticator app.`);
  return 0;
}

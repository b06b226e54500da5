import type { APIRoute } from 'astro';
import { isLocale, DEFAULT_LOCALE } from '~/config/locales';
import { getServices } from '~/server/services';

export const prerender = false;

/**
 * The stop link in every reminder, /stop/<token>: opens the "stop reminders"
 * page in the parent's language. Opening it stops nothing (a mail scanner
 * follows links): the parent presses the button there.
 */
export const GET: APIRoute = async ({ params }) => {
  const token = params.token ?? '';
  const services = await getServices();
  const parent = await services.reminderChoices.parentOfToken(token);
  const lang = parent && isLocale(parent.language) ? parent.language : DEFAULT_LOCALE;
  return new Response(null, {
    status: 303,
    headers: { Location: `/${lang}/stop/${encodeURIComponent(token)}/`, 'Cache-Control': 'no-store' },
  });
};

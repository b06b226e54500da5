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

/**
 * One-click unsubscribe (RFC 8058): a mail program that shows an
 * "unsubscribe" button posts `List-Unsubscribe=One-Click` to the address in
 * the message's List-Unsubscribe header, from its own servers, and expects no
 * page. The signed token says whose reminders; they stop at once (audited).
 */
export const POST: APIRoute = async ({ params, request }) => {
  const form = await request.formData().catch(() => null);
  if (form?.get('List-Unsubscribe') !== 'One-Click') return new Response(null, { status: 400 });
  const services = await getServices();
  const parent = await services.reminderChoices.parentOfToken(params.token ?? '');
  if (!parent) return new Response(null, { status: 404 });
  await services.reminderChoices.stop(parent.id, 'one-click');
  return new Response(null, { status: 200, headers: { 'Cache-Control': 'no-store' } });
};

import type { AstroGlobal } from 'astro';
import { isLocale } from '~/config/locales';
import { getServices, type Services } from '~/server/services';
import type { ParentActor } from '~/server/services/parent-scope';

/** An empty 404: Astro answers it with the site's "page not found" page. */
export function notFound(): Response {
  return new Response(null, { status: 404 });
}

/**
 * The start of every parent-area page: a real language, a signed-in parent
 * (the middleware normally sends anyone else to sign in first), and the
 * services. Returns a Response to send instead when one of those is missing.
 */
export async function openAccountPage(
  Astro: Pick<AstroGlobal, 'params' | 'locals' | 'redirect'>,
): Promise<{ parent: ParentActor; services: Services } | Response> {
  if (!isLocale(Astro.params.lang)) return notFound();
  const parent = Astro.locals.parent;
  if (!parent) return Astro.redirect(`/${Astro.locals.lang}/account/sign-in/`, 303);
  return { parent, services: await getServices() };
}

/** The success flag after a form was sent (PRG: "?saved=supporter"), when it is one this page knows. */
export function savedFlag<T extends string>(url: URL, known: readonly T[]): T | null {
  const flag = url.searchParams.get('saved');
  return known.find((k) => k === flag) ?? null;
}

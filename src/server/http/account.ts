import { HttpError } from '~/server/http/errors';
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

/**
 * The form's own answer to a POST: the form data, or null when the request is
 * not a form. A broken body is the 400 error page and one over the route's
 * limit the 413 page (src/server/http/request-guard.ts), never a 404.
 */
export async function formData(request: Request): Promise<FormData | null> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type)) return null;
  try {
    return await request.formData();
  } catch (error) {
    if (error instanceof HttpError) throw error;
    throw new HttpError(400, 'The body is not a well-formed form', { cause: error });
  }
}

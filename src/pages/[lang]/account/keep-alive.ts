import type { APIRoute } from 'astro';

export const prerender = false;

/**
 * "Stay signed in": the middleware has already loaded (and so extended) the
 * session; this answers how long it now has. Anyone signed out was sent to
 * the sign-in page by the middleware instead.
 */
export const POST: APIRoute = ({ locals }) => {
  const endsAt = locals.sessionExpiresAt?.getTime() ?? 0;
  const secondsLeft = Math.max(0, Math.floor((endsAt - Date.now()) / 1000));
  return new Response(JSON.stringify({ secondsLeft }), {
    headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' },
  });
};

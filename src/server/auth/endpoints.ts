/**
 * The better-auth endpoints answered over HTTP at /api/auth/*: an allow-list,
 * not a deny-list. The portal's pages never call better-auth over HTTP (they
 * call the auth service on the server), so the list holds only the health
 * check the server calls on itself at start. Everything else, including
 * get-session (which would hand the session token to script) and the
 * two-factor endpoints (which would let a session alone read the app's
 * secret, replace recovery codes or switch the second factor off), is 404.
 */
export const HTTP_AUTH_ENDPOINTS: readonly { method: 'GET' | 'POST'; path: string }[] = [
  // scripts/serve.mjs starts the services with it.
  { method: 'GET', path: '/ok' },
];

/** Where better-auth's endpoints are mounted. */
export const AUTH_BASE_PATH = '/api/auth';

/** Whether a request may reach better-auth's HTTP handler. */
export function isAllowedAuthRequest(method: string, url: string): boolean {
  const { pathname } = new URL(url, 'http://localhost');
  if (!pathname.startsWith(`${AUTH_BASE_PATH}/`)) return false;
  const path = pathname.slice(AUTH_BASE_PATH.length).replace(/\/+$/, '');
  const wanted = method.toUpperCase() === 'HEAD' ? 'GET' : method.toUpperCase();
  return HTTP_AUTH_ENDPOINTS.some((e) => e.method === wanted && e.path === path);
}

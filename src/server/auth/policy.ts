/** The sign-in rules, in one place: pages quote these numbers, tests check them. */
export const SIGN_IN_POLICY = {
  codeLength: 6,
  codeMinutes: 10,
  /** Wrong tries allowed on one code; after them the code no longer works. */
  allowedAttempts: 3,
  /** A session ends after this many minutes without a page being loaded. */
  idleMinutes: 30,
  /** Default absolute lifetimes (settings PARENT_SESSION_MAX_HOURS, STAFF_SESSION_MAX_HOURS): signed out this long after signing in, however active. */
  parentSessionHours: 12,
  staffSessionHours: 10,
  /** The warning dialog appears this long before the end. */
  warnMinutes: 2,
  throttleWindowMinutes: 15,
  codesPerAddress: 3,
  codesPerIp: 10,
  triesPerIp: 30,
} as const;

/** The header carrying the client's network address into better-auth (set by our routes, never trusted from outside). */
export const CLIENT_IP_HEADER = 'x-portal-client-ip';
/** The header carrying the page's language into the code email. */
export const LANG_HEADER = 'x-portal-lang';

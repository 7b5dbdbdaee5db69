/**
 * Where to go after signing in: the page the person was sent away from, if it is a path inside
 * this app. Anything else (another origin, a protocol-relative `//host`) goes to the overview, so a
 * crafted link cannot bounce a fresh session elsewhere.
 */
export function returnPath(state: unknown): string {
  const from = typeof state === 'object' && state !== null && 'from' in state ? state.from : undefined;
  if (typeof from !== 'string' || !from.startsWith('/') || from.startsWith('//') || from.startsWith('/\\')) return '/';
  return from === '/sign-in' ? '/' : from;
}

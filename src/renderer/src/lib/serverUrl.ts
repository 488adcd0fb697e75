// What the agent types in the login's Servidor field, made into the origin the core will call.

/** "bandeja.empresa.cl" means https://bandeja.empresa.cl; anything but http(s) is refused. */
export function normalizeServerUrl(raw: string): string | null {
  const value = raw.trim();
  if (!value) return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `https://${value}`;
  try {
    const url = new URL(withScheme);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return withScheme.replace(/\/+$/, '');
  } catch {
    return null;
  }
}

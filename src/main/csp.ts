// The one Content-Security-Policy of the renderer. electron.vite.config.ts writes it into index.html as a
// <meta> tag (the only way it applies to file:// pages), the headless host reads it back from the built
// index.html and sends it as a header, and the Electron main adds it as a header for http(s) loads.
// Pure module: no electron import, so the build config and tests can load it.

/** Production policy. `connect-src 'self'` also covers same-origin ws:// for the host in Chromium. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  // React sets style props through CSSOM (not blocked); inline <style> from libraries still needs this.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "media-src 'self' blob:",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  // frame-ancestors is ignored (with a console error) in a <meta> tag; framing is denied by X-Frame-Options.
].join('; ');

/** Vite dev server only: the React refresh preamble is an inline script and HMR talks over ws. */
export const DEV_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace(
  "script-src 'self'",
  "script-src 'self' 'unsafe-inline'",
).replace("connect-src 'self'", "connect-src 'self' ws://localhost:* ws://127.0.0.1:*");

const META_RE = /<meta\s+http-equiv=["']Content-Security-Policy["'][^>]*>/i;

/** Puts `policy` into the document head, replacing any CSP meta tag already there. */
export function injectCspMeta(html: string, policy: string): string {
  const tag = `<meta http-equiv="Content-Security-Policy" content="${policy}" />`;
  if (META_RE.test(html)) return html.replace(META_RE, tag);
  return html.replace(/<head([^>]*)>/i, (m) => `${m}\n    ${tag}`);
}

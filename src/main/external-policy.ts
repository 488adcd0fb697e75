// Which URLs may leave the app for the OS (browser, mail client, dialer, file viewer). Pure, no electron:
// the renderer is untrusted, so anything it asks to open goes through this allow-list first.
import { isAbsolute, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const WEB_SCHEMES = new Set(['https:', 'mailto:', 'tel:']);

export type ExternalTarget = { kind: 'url'; url: string } | { kind: 'file'; path: string };

/** `null` = refused. Files are allowed only inside the attachments folder (no `..` escapes). */
export function classifyExternal(raw: string, attachmentsDir: string): ExternalTarget | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (WEB_SCHEMES.has(url.protocol)) {
    // Credentials in https URLs are a phishing vector; mailto/tel carry no host.
    if (url.protocol === 'https:' && (url.username || url.password)) return null;
    return { kind: 'url', url: url.href };
  }
  if (url.protocol === 'file:') {
    let path: string;
    try {
      path = fileURLToPath(url);
    } catch {
      return null;
    }
    const rel = relative(attachmentsDir, path);
    if (!rel || rel.startsWith('..') || isAbsolute(rel)) return null;
    return { kind: 'file', path };
  }
  return null;
}

// Static half of the host: serves the built renderer (out/renderer) with SPA fallback, the renderer's
// own CSP as a header, and cache headers that fit Vite's output (hashed assets forever, HTML never).
import { existsSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import sirv from 'sirv';

/** Used only when the built index.html carries no CSP meta tag (it always should). */
const FALLBACK_CSP = "default-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";

const META_RE = /<meta\s+http-equiv=["']Content-Security-Policy["'][^>]*>/i;

/** The policy in the built index.html, which electron.vite.config.ts wrote there. */
export function readCspMeta(html: string): string | null {
  const tag = META_RE.exec(html)?.[0];
  if (!tag) return null;
  const content = /content=(?:"([^"]*)"|'([^']*)')/i.exec(tag);
  return content ? (content[1] ?? content[2] ?? null) : null;
}

export type StaticHandler = (req: IncomingMessage, res: ServerResponse) => void;

export function createStaticHandler(rendererDir: string): { handle: StaticHandler; csp: string; built: boolean } {
  const indexFile = join(rendererDir, 'index.html');
  const built = existsSync(indexFile);
  const csp = (built && readCspMeta(readFileSync(indexFile, 'utf8'))) || FALLBACK_CSP;

  const setSecurityHeaders = (res: ServerResponse) => {
    res.setHeader('Content-Security-Policy', csp);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  };

  if (!built) {
    return {
      csp,
      built,
      handle: (_req, res) => {
        setSecurityHeaders(res);
        res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
        res.end('Bandeja: the renderer is not built yet. Run `npm run build` and restart the host.\n');
      },
    };
  }

  const serve = sirv(rendererDir, {
    single: true,
    etag: true,
    dev: false,
    setHeaders(res, pathname) {
      // Vite puts content-hashed files under /assets/: they never change. Everything else revalidates.
      const immutable = pathname.startsWith('/assets/');
      res.setHeader('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });

  return {
    csp,
    built,
    handle: (req, res) => {
      setSecurityHeaders(res);
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { Allow: 'GET, HEAD' });
        res.end();
        return;
      }
      serve(req, res, () => {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('Not found\n');
      });
    },
  };
}

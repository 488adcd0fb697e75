// How to sign in to the demo workspace that `npm run server -- --demo` (and the quickstart's embedded
// server) creates. Its own file without faker, so any layer, the renderer included, may import it alone.
// A demo, not a secret: every demo agent shares this one documented password.

export const DEMO_WORKSPACE_SLUG = 'seguros-andes';
export const DEMO_PASSWORD = 'bandeja-demo-2026';

/**
 * The quickstart signs in as Ana Torres: an `agent` (not a supervisor) who belongs to Global, Marketing
 * and Ventas but not to Servicio y Soporte, so tray visibility shows from the first screen.
 */
export const DEMO_CREDENTIALS = {
  workspace: DEMO_WORKSPACE_SLUG,
  email: 'ana.torres@segurosandes.cl',
  password: DEMO_PASSWORD,
} as const;

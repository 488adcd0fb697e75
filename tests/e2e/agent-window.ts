// One demo agent's window against a real server, for the specs where two agents work together
// (two-agents, admin-notifications): her own host and replica, signed in, the inbox open and online.
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { DEMO_AGENTS } from '../../src/shared/demo/scripts';
import { connectCore, type CoreClient } from './fixtures';
import { DEMO_CREDENTIALS, expect, startServerHost, type HostProcess } from './server-fixtures';

export interface AgentWindow {
  core: CoreClient;
  page: Page;
  close(): Promise<void>;
}

/** A demo agent by name; both specs need agents who share the Ventas tray, so that is checked here too. */
export function salesAgent(name: string) {
  const a = DEMO_AGENTS.find((x) => x.name === name);
  if (!a) throw new Error(`no demo agent ${name}`);
  if (!a.teams.includes('sales')) throw new Error(`${a.name} is not in Ventas`);
  return a;
}

/** A host for one agent (through `serverUrl`, the server or a proxy in front of it), signed in, page open. */
export async function openAgent(browser: Browser, serverUrl: string, who: { email: string }): Promise<AgentWindow> {
  let host: HostProcess | null = null;
  let core: CoreClient | null = null;
  let context: BrowserContext | null = null;
  const close = async () => {
    await context?.close();
    core?.close();
    await host?.stop();
  };
  try {
    host = await startServerHost(serverUrl);
    core = await connectCore(host.url);
    // Every demo agent shares the documented demo password.
    await core.call('auth.signIn', {
      serverUrl,
      workspace: DEMO_CREDENTIALS.workspace,
      email: who.email,
      password: DEMO_CREDENTIALS.password,
    });
    // The config's `use` options do not reach contexts made by hand: same window, language and zone.
    context = await browser.newContext({
      baseURL: host.url,
      viewport: { width: 1280, height: 800 },
      locale: 'es-CL',
      timezoneId: 'America/Santiago',
    });
    const page = await context.newPage();
    await page.goto('/');
    await expect(page.getByRole('navigation', { name: 'Navegación' }).getByRole('status')).toContainText('En línea', {
      timeout: 30_000,
    });
    return { core, page, close };
  } catch (err) {
    await close();
    throw err;
  }
}

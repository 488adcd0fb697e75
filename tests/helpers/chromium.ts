// Debian's Chromium and the flags it needs on these machines (no sandbox as root, no GPU, and no
// background networking: the closed network refuses those connections). Shared by Playwright and bench.
export const CHROMIUM = '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

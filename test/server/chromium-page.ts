// One headless Chromium page for the dashboard tests: a fresh profile (so localStorage starts
// empty), the flags the brief names plus the ones that keep Chromium off the network, and a
// close() that also removes the profile. The dashboard, health, access, Bluetooth-bridge and
// example tests all open the page this way.
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { tempDir, removeDir } from './helpers';

export var CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface ChromiumPage {
  context: BrowserContext;
  page: Page;
  /** Closes the browser and removes its profile directory. */
  close(): Promise<void>;
}

export async function openChromiumPage(executablePath: string, options: { viewport: { width: number; height: number }; acceptDownloads?: boolean }): Promise<ChromiumPage> {
  var profileDir = tempDir('chromium-profile-');
  var context = await chromium.launchPersistentContext(profileDir, {
    executablePath,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: options.viewport,
    acceptDownloads: options.acceptDownloads,
  });
  var page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close();
      removeDir(profileDir);
    },
  };
}

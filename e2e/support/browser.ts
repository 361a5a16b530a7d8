import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** The system Chromium (playwright's own download is not used). CHROMIUM_PATH overrides it. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export const chromiumAvailable = (): boolean => existsSync(CHROMIUM_PATH);

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Without Chromium the browser tests are skipped with a loud warning, so a newcomer can still run
 * `npm test`; with E2E_REQUIRED=1 (CI) a missing Chromium fails instead.
 */
export function describeWithChromium(name: string, body: () => void): void {
  if (chromiumAvailable()) {
    describe(name, body);
    return;
  }
  const message = `No Chromium at ${CHROMIUM_PATH}: install it (e.g. apt-get install chromium) or set CHROMIUM_PATH.`;
  if (process.env.E2E_REQUIRED === '1') {
    describe(name, () => {
      it('needs Chromium (E2E_REQUIRED=1)', () => {
        throw new Error(message);
      });
    });
    return;
  }
  console.warn(
    `\n${'!'.repeat(78)}\n!! BROWSER TESTS SKIPPED: ${message}\n!! Set E2E_REQUIRED=1 to make this a failure.\n${'!'.repeat(78)}\n`,
  );
  describe.skip(name, body);
}

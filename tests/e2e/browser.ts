import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

/**
 * The browser the end-to-end tests drive: CHROMIUM_PATH when set, else Debian's chromium when
 * installed, else the Chromium that ships inside the npm package @sparticuz/chromium (so
 * `npm ci && npm test` needs nothing but Node and npm).
 */
const DEBIAN_CHROMIUM = '/usr/bin/chromium';

const BASE_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export type BrowserChoice = {
  executablePath: string;
  args: string[];
  env?: Record<string, string>;
};

export async function chooseBrowser(): Promise<BrowserChoice> {
  const explicit = process.env.CHROMIUM_PATH;
  if (explicit) return { executablePath: explicit, args: BASE_ARGS };
  if (existsSync(DEBIAN_CHROMIUM)) return { executablePath: DEBIAN_CHROMIUM, args: BASE_ARGS };
  return packagedChromium();
}

/**
 * @sparticuz/chromium unpacks its browser and fonts to the temp folder on first use. Its
 * fonts have no CJK glyphs, so a Noto Sans SC from npm goes beside them (fontconfig scans
 * that folder), or screenshots would show boxes for every Chinese character.
 * `--single-process` is dropped: it crashes when a browser context closes.
 */
async function packagedChromium(): Promise<BrowserChoice> {
  const { default: packaged } = await import('@sparticuz/chromium');
  const executablePath = await packaged.executablePath();
  const fonts = join(tmpdir(), 'fonts');
  mkdirSync(fonts, { recursive: true });
  const require = createRequire(import.meta.url);
  const notoDir = dirname(require.resolve('@expo-google-fonts/noto-sans-sc/package.json'));
  for (const file of ['400Regular/NotoSansSC_400Regular.ttf', '700Bold/NotoSansSC_700Bold.ttf']) {
    const target = join(fonts, file.split('/')[1]!);
    if (!existsSync(target)) copyFileSync(join(notoDir, file), target);
  }
  const args = packaged.args.filter((a) => a !== '--single-process');
  return {
    executablePath,
    // It brings its own headless flag (the headless shell).
    args: [...args, ...BASE_ARGS.filter((a) => a !== '--headless' && !args.includes(a))],
    env: { FONTCONFIG_PATH: fonts },
  };
}

export async function launchBrowser(): Promise<Browser> {
  const choice = await chooseBrowser();
  try {
    return await chromium.launch({
      executablePath: choice.executablePath,
      args: choice.args,
      ...(choice.env ? { env: { ...process.env, ...choice.env } } : {}),
    });
  } catch (err) {
    throw new Error(
      `cannot start chromium at ${choice.executablePath}: ${(err as Error).message}`,
      {
        cause: err,
      },
    );
  }
}

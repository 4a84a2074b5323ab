import { IS_H5 } from './env';

export type DemoUser = { userid: string; name: string };

/**
 * Where the app finds its servers.
 * - H5: fetched at run time from `config.json` beside index.html (the local runtime serves
 *   /app/config.json with its own URLs and the demo users), so one build works on any port.
 *   Without it, the API is the page's own origin and the simulator is at /sim.
 * - weapp: the API base URL is fixed at build time from TARO_APP_API_BASE_URL (a `.env` file
 *   or the environment of `npm run build:weapp`).
 */
export type AppConfig = {
  apiBaseUrl: string;
  /** H5 only: the WeCom simulator that issues login codes for demo users. */
  simulatorUrl?: string;
  /** H5 only: the demo corp id the simulator issues codes for. */
  corpid?: string;
  demoUsers?: DemoUser[];
};

let loaded: Promise<AppConfig> | undefined;

export function loadConfig(): Promise<AppConfig> {
  loaded ??= IS_H5 ? loadH5Config() : Promise.resolve(weappConfig());
  return loaded;
}

/** Tests set the configuration directly. */
export function setConfig(config: AppConfig | undefined): void {
  loaded = config ? Promise.resolve(config) : undefined;
}

function weappConfig(): AppConfig {
  return { apiBaseUrl: trimSlash(process.env.TARO_APP_API_BASE_URL ?? '') };
}

async function loadH5Config(): Promise<AppConfig> {
  const origin = window.location.origin;
  // The simulator base: its API is <simulatorUrl>/sim/api/...
  const fallback: AppConfig = { apiBaseUrl: origin, simulatorUrl: origin };
  try {
    const res = await fetch(new URL('config.json', document.baseURI).toString(), {
      cache: 'no-store',
    });
    if (!res.ok) return fallback;
    const json = (await res.json()) as Partial<AppConfig>;
    return {
      ...fallback,
      ...json,
      apiBaseUrl: trimSlash(json.apiBaseUrl || origin),
      ...(json.simulatorUrl ? { simulatorUrl: trimSlash(json.simulatorUrl) } : {}),
    };
  } catch {
    return fallback;
  }
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

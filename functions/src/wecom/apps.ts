import * as z from 'zod';
import { AppError } from '@factory/shared';
import { readSecretString } from '../adapters/aws/secrets.js';
import { secretCache, type SecretCache } from '../adapters/secretCache.js';
import type { Config } from '../config.js';
import { log } from '../telemetry/log.js';

/** One tenant's self-built WeCom app: corpId is the tenant id. */
export type WecomApp = {
  corpId: string;
  agentId: number;
  secret: string;
  /** Callback Token (≤ 32 characters) and EncodingAESKey (43 characters). */
  token: string;
  encodingAesKey: string;
  /** The mini-program bound to the app (for miniprogram_notice). */
  miniprogramAppId?: string;
};

const zApp = z.object({
  corpId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  agentId: z.coerce.number().int().positive(),
  secret: z.string().min(1),
  token: z.string().min(1).max(32),
  encodingAesKey: z.string().regex(/^[A-Za-z0-9+/]{43}$/, 'EncodingAESKey must be 43 characters'),
  miniprogramAppId: z.string().optional(),
});

/**
 * The JSON of WECOM_APPS (local) and of the WeCom Secrets Manager secret (AWS):
 * `{"defaultCorpId"?: "...", "apps": [{corpId, agentId, secret, token, encodingAesKey}]}`.
 */
export const zWecomApps = z.object({
  defaultCorpId: z.string().optional(),
  apps: z.array(zApp).min(1),
});
export type WecomApps = { defaultCorpId?: string; apps: WecomApp[] };

export function parseWecomApps(json: string): WecomApps {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new Error('WeCom app configuration is not JSON');
  }
  const parsed = zWecomApps.safeParse(raw);
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`WeCom app configuration is invalid: ${where}`);
  }
  return parsed.data;
}

let cached: { key: string; apps: SecretCache<WecomApps> } | undefined;

function appsCache(config: Config): SecretCache<WecomApps> {
  const key = config.wecom.appsJson ?? config.wecom.secretArn ?? '';
  if (!cached || cached.key !== key) cached = { key, apps: secretCache(() => readApps(config)) };
  return cached.apps;
}

/**
 * Every configured app. Local: WECOM_APPS (set by the runtime from the simulator). AWS: the
 * Secrets Manager secret named by WECOM_SECRET_ARN, cached for 5 minutes (SECRET_TTL_MS): a
 * changed secret (a new app, a rotated app secret or callback token) is used within that time
 * without a redeploy.
 */
export function loadWecomApps(config: Config): Promise<WecomApps> {
  return appsCache(config).get();
}

/**
 * The apps read again now (at most every 10 s): a callback whose signature matched no app may
 * have been signed with a token just changed in the secret.
 */
export function refreshWecomApps(config: Config): Promise<WecomApps> {
  return appsCache(config).refresh();
}

export function resetWecomApps(): void {
  cached = undefined;
}

async function readApps(config: Config): Promise<WecomApps> {
  if (config.wecom.appsJson) return parsed(config.wecom.appsJson, 'WECOM_APPS');
  if (!config.wecom.secretArn) throw notConfigured();
  const secret = await readSecretString(config.region, config.wecom.secretArn);
  return parsed(secret ?? '', 'the WeCom secret');
}

/** A configuration that does not parse (the deploy-time placeholder, say) is "not configured". */
function parsed(json: string, source: string): WecomApps {
  try {
    return parseWecomApps(json);
  } catch (err) {
    log.error(`WeCom app configuration unusable (${source})`, {
      reason: (err as Error).message,
    });
    throw notConfigured();
  }
}

function notConfigured(corpId?: string): AppError {
  return new AppError(
    'wecom.notConfigured',
    corpId ? `企业 ${corpId} 未配置企业微信应用` : '未配置企业微信应用',
    corpId ? { corpId } : undefined,
  );
}

/** The app of one tenant; a tenant without one is `wecom.notConfigured`. */
export async function wecomApp(config: Config, corpId: string): Promise<WecomApp> {
  let apps: WecomApps;
  try {
    apps = await loadWecomApps(config);
  } catch (err) {
    if (err instanceof AppError) throw notConfigured(corpId);
    throw err;
  }
  const app = apps.apps.find((a) => a.corpId === corpId);
  if (!app) throw notConfigured(corpId);
  return app;
}

/** The corp a login without corpId belongs to: configured, else the only app. */
export async function defaultCorpId(config: Config): Promise<string> {
  const apps = await loadWecomApps(config);
  const id =
    config.wecom.defaultCorpId ??
    apps.defaultCorpId ??
    (apps.apps.length === 1 ? apps.apps[0]!.corpId : undefined);
  if (!id) {
    throw new AppError('request.invalid', '请指定企业 ID', undefined, [
      { path: ['body', 'corpId'], message: '配置了多个企业，需要指定 corpId' },
    ]);
  }
  return id;
}

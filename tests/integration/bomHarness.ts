import type { BomVersion, Ecn } from '@factory/shared';
import { anItem, type Api } from './harness.js';

/** Items for BOM tests: codes with a source; all in pcs unless given. */
export async function createItems(
  api: Api,
  token: string,
  specs: Record<string, Record<string, unknown>>,
) {
  for (const [code, extra] of Object.entries(specs)) {
    const res = await api.call('POST', '/api/items', {
      token,
      body: anItem({ code, name: `物料${code}`, source: 'manufactured', ...extra }),
    });
    if (res.status !== 201) throw new Error(`item ${code}: ${JSON.stringify(res.body)}`);
  }
}

export type LineSpec = {
  component: string;
  qtyPer: string;
  lossRate?: string;
  substitutes?: unknown[];
  position?: string;
};

/** Draft V<n>, then an ECN releasing it, submitted and approved: the real path to a BOM. */
export async function approvedBom(
  api: Api,
  engineer: string,
  parent: string,
  lines: LineSpec[],
  version = 'V1',
): Promise<Ecn> {
  const draft = await api.call<BomVersion>('POST', `/api/boms/${parent}/versions`, {
    token: engineer,
    body: { version, lines },
  });
  if (draft.status !== 201) throw new Error(`draft ${parent}: ${JSON.stringify(draft.body)}`);
  return runEcn(api, engineer, {
    reason: `发布 ${parent}`,
    changes: [{ kind: 'release', parent, version }],
  });
}

/** The tenant a session token is for (its `tid` claim). */
function tenantOf(token: string): string {
  const payload = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as {
    tid: string;
  };
  return payload.tid;
}

/**
 * Create and submit an ECN as the engineer, then approve it as the manager (nobody approves
 * what they submitted); fails the test if any step is refused.
 */
export async function runEcn(api: Api, engineer: string, body: unknown): Promise<Ecn> {
  const created = await api.call<Ecn>('POST', '/api/ecns', { token: engineer, body });
  if (created.status !== 201) throw new Error(`ecn: ${JSON.stringify(created.body)}`);
  const submitted = await api.call<Ecn>('POST', `/api/ecns/${created.body.no}/submit`, {
    token: engineer,
  });
  if (submitted.status !== 200) throw new Error(`submit: ${JSON.stringify(submitted.body)}`);
  const approved = await api.call<Ecn>('POST', `/api/ecns/${created.body.no}/approve`, {
    token: await api.token('zhoujun', tenantOf(engineer)),
    body: {},
  });
  if (approved.status !== 200) throw new Error(`approve: ${JSON.stringify(approved.body)}`);
  return approved.body;
}

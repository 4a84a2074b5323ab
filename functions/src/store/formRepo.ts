import {
  type AppError,
  type FormDefinition,
  type FormRequest,
  alreadyExists,
  versionConflict,
  zFormDefinition,
} from '@factory/shared';
import type { Deps } from '../deps.js';
import { keys } from './keys.js';
import { declareRecord, type StoredItem } from './records.js';
import type { TxItem } from './transact.js';

type Db = Pick<Deps, 'db' | 'tableName'>;

export const formDefinitionRecord = /* @__PURE__ */ declareRecord<FormDefinition, string>({
  type: 'formDefinition',
  key: (tenant, code) => keys.formDefinition(tenant, code),
  keys: (tenant, d) => keys.formDefinition(tenant, d.code),
  storage: { kind: 'json', attribute: 'doc' },
  extra: (d) => ({ version: d.version }),
  parse: (fields) => zFormDefinition.parse(fields),
});

const REQUEST_STATUSES = new Set(['pending', 'approved', 'rejected', 'withdrawn']);

/**
 * A request read back. A small explicit parser, not the zod contract: the approvals area loads
 * this module to move a request on when its approval finishes, and its bundle has no room for
 * the forms contracts (docs/forms.md). The text is what a put wrote from a checked request.
 */
function parseRequest(fields: StoredItem): FormRequest {
  for (const k of ['no', 'form', 'requester', 'status'] as const) {
    if (typeof fields[k] !== 'string') throw new Error(`${k} is not text`);
  }
  if (!REQUEST_STATUSES.has(fields.status as string)) throw new Error('unknown status');
  if (typeof fields.version !== 'number') throw new Error('version is not a number');
  if (!Array.isArray(fields.values)) throw new Error('values is not a list');
  return fields as unknown as FormRequest;
}

export const formRequestRecord = /* @__PURE__ */ declareRecord<FormRequest, string>({
  type: 'formRequest',
  key: (tenant, no) => keys.formRequest(tenant, no),
  keys: (tenant, r) => keys.formRequest(tenant, r.no),
  storage: { kind: 'json', attribute: 'doc' },
  // The version beside the text: a write is conditional on it.
  extra: (r) => ({ version: r.version, requester: r.requester, status: r.status }),
  parse: parseRequest,
});

const partitionOf = (tenant: string) => ({
  attr: 'pk' as const,
  value: keys.formsPartition(tenant),
});

/** Form definitions: one partition per tenant (a few dozen forms at most). */
export function formDefinitionRepo(deps: Db, tenant: string) {
  return {
    get: (code: string) => formDefinitionRecord.get(deps, tenant, code),
    list: () => formDefinitionRecord.queryPartition(deps, partitionOf(tenant)),
    /** A new form (`expected` undefined) or one still at the version read. */
    put(d: FormDefinition, expected: number | undefined): TxItem {
      return formDefinitionRecord.putAt(deps, tenant, d, expected, () =>
        expected === undefined
          ? alreadyExists('form', d.code)
          : versionConflict('form', d.code, expected),
      );
    },
  };
}

/**
 * Requests on the tenant's forms: the same partition (a factory's requests are a few thousand
 * a year; the list reads the partition and filters).
 */
export function formRequestRepo(deps: Db, tenant: string) {
  return {
    get: (no: string) => formRequestRecord.get(deps, tenant, no),
    list: () => formRequestRecord.queryPartition(deps, partitionOf(tenant)),
    /** A new request (`expected` undefined) or one still at the version read. */
    put(r: FormRequest, expected: number | undefined, onConflict?: () => AppError): TxItem {
      return formRequestRecord.putAt(
        deps,
        tenant,
        r,
        expected,
        () =>
          onConflict?.() ??
          (expected === undefined
            ? alreadyExists('formRequest', r.no)
            : versionConflict('formRequest', r.no, expected)),
      );
    },
  };
}

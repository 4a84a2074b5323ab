import * as z from 'zod';
import { zPage } from '../../contracts/common.js';
import {
  zOutboxEntry,
  zOutboxParams,
  zOutboxQuery,
  zWecomCallbackQuery,
  zWecomVerifyQuery,
} from '../../contracts/wecom.js';
import { MAX_WECOM_CALLBACK_BYTES, type RouteContract } from './common.js';

const XML_IN_TEXT_OUT = {
  requestContentType: 'text/xml',
  responseContentType: 'text/plain; charset=utf-8',
} as const;

/**
 * The WeCom area (functions/src/lambdas/wecom.ts, issue 5): the app's callback URL. A Lambda of
 * its own, whose role reaches only the callbacks' de-duplication records (issue 19).
 */
export const wecomCallbackRoutes: readonly RouteContract[] = [
  {
    id: 'wecom.callbackVerify',
    method: 'GET',
    path: '/wecom/callback',
    summary:
      'WeCom callback URL verification: signature checked, echostr decrypted and echoed as plain text',
    tag: 'wecom',
    auth: 'public',
    query: zWecomVerifyQuery,
    response: z.string(),
    status: 200,
    text: XML_IN_TEXT_OUT,
  },
  {
    id: 'wecom.callback',
    method: 'POST',
    path: '/wecom/callback',
    summary:
      'WeCom callback events (encrypted XML): verified (signature first, before the XML is parsed), de-duplicated, acked with an empty 200 and processed after the ack; forged or stale -> 401; a body above 64 KB -> 413',
    tag: 'wecom',
    auth: 'public',
    query: zWecomCallbackQuery,
    body: z.string(),
    response: z.string(),
    status: 200,
    text: XML_IN_TEXT_OUT,
    maxBodyBytes: MAX_WECOM_CALLBACK_BYTES,
  },
];

/** The outbox area (functions/src/lambdas/outbox.ts): undelivered WeCom messages, resent. */
export const outboxAreaRoutes: readonly RouteContract[] = [
  {
    id: 'outbox.list',
    method: 'GET',
    path: '/api/outbox',
    summary:
      "The tenant's outgoing WeCom messages in one state (default failed: given up after the last attempt), newest first",
    tag: 'wecom',
    auth: ['admin', 'manager'],
    query: zOutboxQuery,
    response: zPage(zOutboxEntry),
    status: 200,
  },
  {
    id: 'outbox.resend',
    method: 'POST',
    path: '/api/outbox/{id}/resend',
    summary:
      'Deliver a failed message again (its attempts start over); a pending one is answered as it is, a delivered one is 409 outbox.alreadyDelivered',
    tag: 'wecom',
    auth: ['admin', 'manager'],
    params: zOutboxParams,
    response: zOutboxEntry,
    status: 200,
  },
];

/** Both, in the API's documented order. */
export const wecomAreaRoutes: readonly RouteContract[] = [
  ...wecomCallbackRoutes,
  ...outboxAreaRoutes,
];

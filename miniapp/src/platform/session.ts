import type { Role } from '@factory/shared';
import { getItem, removeItem, setItem } from './storage';

/** Who is signed in: our own session token with the user's roles (from the WeCom login). */
export type AppSession = {
  token: string;
  user: string;
  name?: string;
  roles: Role[];
  tenant: string;
  expiresAt?: string;
};

const KEY = 'erp.session';
let current: AppSession | undefined;

export function getSession(): AppSession | undefined {
  current ??= getItem<AppSession>(KEY);
  if (current?.expiresAt && Date.parse(current.expiresAt) <= Date.now()) clearSession();
  return current;
}

export function saveSession(session: AppSession): void {
  current = session;
  setItem(KEY, session);
}

export function clearSession(): void {
  current = undefined;
  removeItem(KEY);
}

import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Locator, Page } from 'playwright-core';
import { ensureH5Build } from '../../functions/local/miniapp.js';
import { startRuntime, type Runtime } from '../../functions/local/runtime.js';
import { testClock } from '../testClock.js';
import { launchBrowser } from './browser.js';

/**
 * Browser end-to-end tests: the mini-program's H5 build (built here when missing or stale),
 * the whole runtime in this process with the WeCom simulator, and Chromium (Debian's, or the one
 * inside @sparticuz/chromium) driven by playwright-core. Screenshots go to tests/e2e/artifacts/ (git-ignored).
 */
export const ARTIFACTS = fileURLToPath(new URL('./artifacts', import.meta.url));

export type E2E = {
  runtime: Runtime;
  appUrl: string;
  simUrl: string;
  browser: Browser;
  /** A fresh browser profile (its own storage, so its own session), phone-sized. */
  newPage(): Promise<Page>;
  /** Content-Security-Policy violations any page reported (the /app/ CSP must fit the build). */
  cspViolations: string[];
  close(): Promise<void>;
};

export async function startE2E(): Promise<E2E> {
  await ensureH5Build((line) => console.log(line));
  const runtime = await startRuntime({
    seedDemo: true,
    serveMiniapp: true,
    wecom: {},
    clock: testClock(),
  });
  let browser: Browser;
  try {
    browser = await launchBrowser();
  } catch (err) {
    await runtime.close();
    throw err;
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  const cspViolations: string[] = [];
  return {
    cspViolations,
    runtime,
    appUrl: runtime.appUrl!,
    simUrl: `${runtime.wecom!.url}/sim/`,
    browser,
    async newPage() {
      const context = await browser.newContext({
        viewport: { width: 390, height: 844 },
        deviceScaleFactor: 1,
        locale: 'zh-CN',
      });
      // The phone's clock agrees with the server's business clock (dates shown, session expiry).
      await context.clock.install({ time: runtime.clock.now() });
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      page.on('console', (message) => {
        if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
      });
      return page;
    },
    async close() {
      await browser.close();
      await runtime.close();
    },
  };
}

/**
 * An element of the page on screen: Taro's H5 router keeps the pages under it in the DOM
 * (hidden), so a test id is looked up among visible elements only.
 */
export const byTestId = (page: Page, id: string): Locator =>
  page.locator(`[data-testid="${id}"]:visible`);

/**
 * Clicks a button once it is enabled. A Taro H5 button swallows a click while it is disabled
 * (a page still reloading after a submit), and Playwright does not wait for it: the custom
 * element keeps a `disabled` attribute, 'true' while disabled and empty once enabled (app.css).
 */
export async function clickEnabled(page: Page, testId: string): Promise<void> {
  await page.waitForFunction(
    (id) =>
      Array.from(document.querySelectorAll(`[data-testid="${id}"]`)).some(
        (el) => (el as HTMLElement).offsetParent !== null && el.getAttribute('disabled') !== 'true',
      ),
    testId,
  );
  await byTestId(page, testId).click();
}

/**
 * Clicks a button until `shown` appears. Under load a click can land while the page is still
 * re-rendering after its last submit and be lost even though the button reads as enabled; a
 * second click of a button whose refusal is the same each time does no harm.
 */
export async function clickUntilShown(page: Page, testId: string, shown: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await clickEnabled(page, testId);
    try {
      await byTestId(page, shown).waitFor({ timeout: 3_000 });
      return;
    } catch (err) {
      if (attempt === 4) throw err;
    }
  }
}

/** Taro's H5 Input renders <taro-input-core> around a native <input>. */
export async function fill(page: Page, testId: string, value: string): Promise<void> {
  await byTestId(page, testId).locator('input').fill(value);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/**
 * Taro's H5 modal (Taro.showModal): tap its confirm button, or its cancel button; returns its
 * text. (The modal's root box is empty, its content box is what shows.)
 */
export async function answerModal(page: Page, answer: 'confirm' | 'cancel'): Promise<string> {
  const modal = page.locator('.taro-modal__content:visible');
  await modal.waitFor();
  const said = (await modal.locator('.taro-modal__text').textContent()) ?? '';
  await modal.locator(`.taro-model__${answer}`).click();
  await modal.waitFor({ state: 'hidden' });
  return said;
}

/** Sign in on the H5 login page: the simulator issues the code for the chosen demo user. */
export async function loginAs(page: Page, appUrl: string, userid: string): Promise<void> {
  await page.goto(appUrl);
  await byTestId(page, `login-user-${userid}`).click();
  await byTestId(page, 'login-submit').click();
  await byTestId(page, 'home-page').waitFor();
}

/** Choose in a SearchPicker: type the search text, tap the option with that value. */
export async function pick(page: Page, testId: string, search: string, value: string) {
  await byTestId(page, `${testId}-input`).locator('input').click();
  await fill(page, `${testId}-input`, search);
  await byTestId(page, `${testId}-option-${value}`).click();
}

/** Calls `read` until it returns `expected` (or the time is up); returns the last value. */
export async function eventually<T>(read: () => Promise<T>, expected: T, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  let last = await read();
  while (last !== expected && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 500));
    last = await read();
  }
  return last;
}

/** The API as the demo admin: setting up and checking data beside the browser. */
export type AdminApi = {
  /** A JSON call; a non-GET carries a fresh Idempotency-Key; an error status throws. */
  call<T>(method: string, path: string, body?: unknown): Promise<T>;
  /** What a task order has been issued of an item ('0' when nothing). */
  issuedOf(no: string, item: string): Promise<string>;
  /** A released, urgent task order of the demo factory (needs from its default BOM). */
  newOrder(item: string, qty: string): Promise<string>;
};

export async function adminApi(e2e: E2E): Promise<AdminApi> {
  const res = await fetch(`${e2e.runtime.url}/api/dev/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user: 'admin' }),
  });
  const { token } = (await res.json()) as { token: string };
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const answer = await fetch(`${e2e.runtime.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(method === 'GET' ? {} : { 'idempotency-key': randomUUID() }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await answer.text();
    if (answer.status >= 300) throw new Error(`${method} ${path}: ${answer.status} ${text}`);
    return JSON.parse(text) as T;
  };
  return {
    call,
    async issuedOf(no, item) {
      const order = await call<{ issued: { item: string; qty: string }[] }>(
        'GET',
        `/api/task-orders/${no}`,
      );
      return order.issued.find((i) => i.item === item)?.qty ?? '0';
    },
    async newOrder(item, qty) {
      const order = await call<{ no: string }>('POST', '/api/task-orders', {
        item,
        qty,
        startDate: '2026-12-01',
        dueDate: '2026-12-04',
        priority: 1,
      });
      return order.no;
    },
  };
}

/** The text of the visible element with that test id ('' when it has none). */
export const text = async (page: Page, testId: string): Promise<string> =>
  (await byTestId(page, testId).textContent()) ?? '';

/**
 * Where a form's error stands after a failed submit: whether `<testId>-error` is shown inside
 * the screen, and whether the cursor is in the field it belongs to (an input inside the same
 * `.field`). `'none'` when the error is not on the page.
 */
export async function errorState(page: Page, testId: string): Promise<string> {
  return page.evaluate((id) => {
    const el = Array.from(document.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`)).find(
      (e) => e.offsetParent !== null,
    );
    if (!el) return 'none';
    const box = el.getBoundingClientRect();
    const inView = box.top >= 0 && box.bottom <= window.innerHeight;
    const field = el.closest('.field');
    const focused = !!field && !!document.activeElement && field.contains(document.activeElement);
    return `${inView ? 'in view' : 'off screen'}, ${focused ? 'focused' : 'not focused'}`;
  }, `${testId}-error`);
}

/**
 * Asserts a failed submit brought the field's error on screen and put the cursor in it.
 * The page scrolls after the render that shows the errors, so this waits for it.
 */
export async function expectErrorFocused(page: Page, testId: string): Promise<void> {
  const state = await eventually(() => errorState(page, testId), 'in view, focused', 5_000);
  if (state !== 'in view, focused') throw new Error(`${testId}-error: ${state}`);
}

/**
 * Whether the visible element with that test id is out of sight: wholly outside the screen,
 * or with `partly`, any part of it.
 */
export async function offScreen(page: Page, testId: string, partly = false): Promise<boolean> {
  return byTestId(page, testId)
    .first()
    .evaluate((el, part) => {
      const box = el.getBoundingClientRect();
      return part
        ? box.top < 0 || box.bottom > window.innerHeight
        : box.bottom <= 0 || box.top >= window.innerHeight;
    }, partly);
}

/** The field's error once the page re-rendered after a change: 'none' when it went. */
export const errorAfterChange = (page: Page, testId: string): Promise<string> =>
  eventually(() => errorState(page, testId), 'none', 3_000);

/**
 * The page scrolled to its bottom and the submit tapped there; `first`, the input of the field
 * whose error will come first, is then (partly) out of sight, which is checked.
 */
export async function submitFromBottom(page: Page, submit: string, first?: string): Promise<void> {
  // A focused number input would take the wheel for itself (its value stepped, no scroll).
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.mouse.move(195, 422);
  await page.mouse.wheel(0, 5000);
  await byTestId(page, submit).scrollIntoViewIfNeeded();
  // The wheel scrolls on its own time.
  if (first && (await eventually(() => offScreen(page, first, true), true, 3_000)) !== true)
    throw new Error(`${first} is still on screen after scrolling to ${submit}`);
  await byTestId(page, submit).click();
}

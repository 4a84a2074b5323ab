import Taro from '@tarojs/taro';
import { IS_H5 } from './env';

/**
 * Brings the element with this id into view (the first field error of a form): in H5 the
 * element of the page shown (Taro keeps earlier pages hidden in the DOM); in the
 * mini-program the page scrolls to it.
 */
export function scrollToId(id: string): void {
  if (IS_H5) {
    shownElement(`#${CSS.escape(id)}`)?.scrollIntoView({ block: 'center' });
    return;
  }
  void Taro.pageScrollTo({ selector: `#${id}`, duration: 200 }).catch(() => undefined);
}

/** What a failed submit points at: a field's error first, else the page's error banner. */
const ERROR_SELECTORS = ['.field-error', '.banner-error'] as const;

/**
 * After a failed submit: brings the first error on the page shown into view and, in H5, puts
 * the cursor in the input of the field it belongs to (the `.field` around it), so the user
 * sees at once what to put right even when the error is far above or below the button. With
 * no field error, the page's error banner (a refusal) is brought into view.
 */
export function revealFirstError(): void {
  if (IS_H5) {
    for (const selector of ERROR_SELECTORS) {
      const shown = shownElement(selector);
      if (!shown) continue;
      shown.scrollIntoView({ block: 'center' });
      const input = shown
        .closest('.field')
        ?.querySelector<HTMLElement>('input:not([type="hidden"]), textarea');
      input?.focus({ preventScroll: true });
      return;
    }
    return;
  }
  // The mini-program scrolls the page to the first match of a selector; which selector has
  // a match is asked once the view shows the errors.
  Taro.nextTick(() => {
    const query = Taro.createSelectorQuery();
    for (const selector of ERROR_SELECTORS) query.select(selector).boundingClientRect();
    query.exec((found: unknown[]) => {
      const at = found.findIndex(Boolean);
      if (at < 0) return;
      void Taro.pageScrollTo({ selector: ERROR_SELECTORS[at]!, duration: 200 }).catch(
        () => undefined,
      );
    });
  });
}

/** H5: the first element matching `selector` on the page shown (Taro keeps earlier pages hidden in the DOM). */
function shownElement(selector: string): HTMLElement | undefined {
  return Array.from(document.querySelectorAll<HTMLElement>(selector)).find(
    (el) => el.offsetParent !== null,
  );
}

import Taro from '@tarojs/taro';
import { IS_H5 } from './env';

/**
 * Brings the element with this id into view (the first field error of a form): in H5 the
 * element of the page shown (Taro keeps earlier pages hidden in the DOM); in the
 * mini-program the page scrolls to it.
 */
export function scrollToId(id: string): void {
  if (IS_H5) {
    const shown = Array.from(document.querySelectorAll<HTMLElement>(`#${CSS.escape(id)}`)).find(
      (el) => el.offsetParent !== null,
    );
    shown?.scrollIntoView({ block: 'center' });
    return;
  }
  void Taro.pageScrollTo({ selector: `#${id}`, duration: 200 }).catch(() => undefined);
}

import type { Page } from 'playwright-core';

/**
 * The phone-page rules of issue 18, checked on what is on screen (docs/glossary.md, "Pages"):
 * - text at least 12 CSS px everywhere, body text (the page's own font size, inputs, buttons)
 *   at least 14 px;
 * - every tap target at least 44 × 44 CSS px;
 * - no visible text that is a bare unit code (`pcs`), a user id or the corp id, and no item or
 *   warehouse code shown without its name beside it; no customer, supplier or subcontractor code
 *   (`partners`) anywhere in a text without the partner's name beside it.
 * Answers one line per breach, empty when the page meets them all.
 */
export async function readabilityIssues(
  page: Page,
  known: {
    codes?: Record<string, string>;
    ids?: readonly string[];
    partners?: Record<string, string>;
  } = {},
): Promise<string[]> {
  return page.evaluate(
    ({ codes, ids, partners }) => {
      const issues: string[] = [];
      const visible = (el: Element): boolean => {
        const box = el.getBoundingClientRect();
        if (box.width === 0 || box.height === 0) return false;
        const style = getComputedStyle(el);
        return style.visibility !== 'hidden' && style.display !== 'none' && style.opacity !== '0';
      };
      const describe = (el: Element): string => {
        const id = el.closest('[data-testid]')?.getAttribute('data-testid');
        const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 24);
        return `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(' ')[0]}` : ''}${id ? ` [${id}]` : ''} "${text}"`;
      };
      // Taro's H5 router keeps the pages under the current one in the DOM, hidden.
      const root =
        [...document.querySelectorAll('.taro_page')].filter(visible).pop() ?? document.body;
      const px = (el: Element) => parseFloat(getComputedStyle(el).fontSize);

      if (px(root) < 14) issues.push(`page text ${px(root)}px < 14px`);

      // Text: every element holding its own visible text.
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      const seen = new Set<Element>();
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = (node.textContent ?? '').trim();
        const el = node.parentElement;
        if (!text || !el || seen.has(el) || !visible(el)) continue;
        seen.add(el);
        const size = px(el);
        if (size < 12) issues.push(`text ${size.toFixed(1)}px < 12px: ${describe(el)}`);
        if (/\bpcs\b/i.test(text)) issues.push(`unit code shown: ${describe(el)}`);
        for (const id of ids) {
          if (new RegExp(`(^|[^A-Za-z0-9_])${id}($|[^A-Za-z0-9_])`).test(text))
            issues.push(`id "${id}" shown: ${describe(el)}`);
        }
        // A partner code inside a longer text ("C-HUIJIA · 2 行") is as bare as one alone.
        for (const [code, partner] of Object.entries(partners)) {
          if (!new RegExp(`(^|[^A-Za-z0-9_-])${code}($|[^A-Za-z0-9_-])`).test(text)) continue;
          const holder = el.closest('.list-item, .card, .option, [data-testid]') ?? el;
          if (!(holder.textContent ?? '').includes(partner))
            issues.push(`partner code "${code}" without its name "${partner}": ${describe(el)}`);
        }
        const name = codes[text];
        if (name !== undefined) {
          // A code is fine with its name in the same card, list item or option.
          const holder = el.closest('.list-item, .card, .option, [data-testid]') ?? el;
          if (!(holder.textContent ?? '').includes(name))
            issues.push(`code "${text}" without its name "${name}": ${describe(el)}`);
        }
      }
      const controls = root.querySelectorAll(
        'input:not([type=checkbox]):not([type=radio]), textarea, taro-button-core, button',
      );
      for (const field of controls) {
        if (visible(field) && px(field) < 14)
          issues.push(`control text ${px(field).toFixed(1)}px < 14px: ${describe(field)}`);
      }

      // Tap targets: what a finger presses.
      const targets = root.querySelectorAll(
        [
          'taro-button-core',
          'button',
          'a[href]',
          'input:not([type=hidden])',
          'textarea',
          'taro-picker-core',
          'taro-switch-core',
          'taro-checkbox-core',
          '[role=button]',
          '.tab',
          '.option',
          '.tile',
          '.list-item',
          '.tap',
        ].join(','),
      );
      // And whatever has a tap handler: Taro's H5 components keep their listeners in __events.
      const tappable = [...root.querySelectorAll('*')].filter((el) => {
        const events = (el as unknown as { __events?: Record<string, unknown> }).__events;
        return !!events && ('click' in events || 'tap' in events);
      });
      for (const el of new Set([...targets, ...tappable])) {
        if (!visible(el)) continue;
        // A native control inside Taro's wrapper is measured by its wrapper.
        const wrapper = el.matches('input, textarea')
          ? el.closest('taro-input-core, taro-textarea-core, taro-switch-core, taro-checkbox-core')
          : null;
        const box = (wrapper ?? el).getBoundingClientRect();
        if (box.width < 44 - 0.5 || box.height < 44 - 0.5)
          issues.push(
            `tap target ${box.width.toFixed(0)}×${box.height.toFixed(0)} < 44×44: ${describe(el)}`,
          );
      }
      return [...new Set(issues)];
    },
    { codes: known.codes ?? {}, ids: known.ids ?? [], partners: known.partners ?? {} },
  );
}

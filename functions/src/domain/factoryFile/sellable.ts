import type { FactoryFile } from '@factory/shared';

/**
 * Which items of a factory file may be sold (允许销售) when the file does not say: the end
 * items, those no BOM of the file uses as a component or a substitute. Raw materials, sub-assemblies, phantoms
 * and customer-supplied material all sit under some parent, and a phantom or customer-supplied
 * item is never sold even when it stands alone.
 */
export function sellableItems(file: Pick<FactoryFile, 'items' | 'boms'>): Set<string> {
  const components = new Set<string>();
  for (const bom of file.boms ?? [])
    for (const line of bom.lines) {
      components.add(line.component);
      for (const sub of line.substitutes ?? []) components.add(sub.item);
    }
  const sellable = new Set<string>();
  for (const item of file.items) {
    const derived =
      !components.has(item.code) && item.source !== 'phantom' && item.source !== 'customerSupplied';
    if (item.sellable ?? derived) sellable.add(item.code);
  }
  return sellable;
}

/**
 * Scan to confirm a pick line. The item master has an optional `barcode`; an item without one
 * is labelled with its item code, so the scanned value must equal either the barcode or the
 * code (trimmed; codes compare case-insensitively, as scanners may send either case).
 */
export type ScanTarget = { item: string; name?: string; barcode?: string };

export type ScanResult =
  { ok: true; item: string } | { ok: false; message: string; scannedItem?: string };

const norm = (s: string) => s.trim().toUpperCase();

export function matchesItem(scanned: string, target: ScanTarget): boolean {
  const value = norm(scanned);
  if (!value) return false;
  return value === norm(target.item) || (!!target.barcode && value === norm(target.barcode));
}

/**
 * The line the scan confirms: the expected item, or a refusal that says what was scanned
 * (another line's item, or a code not on this pick list) and what was expected.
 */
export function checkScan(
  scanned: string,
  expected: ScanTarget,
  others: readonly ScanTarget[] = [],
): ScanResult {
  const value = scanned.trim();
  if (!value) return { ok: false, message: '请扫描或输入条码' };
  if (matchesItem(value, expected)) return { ok: true, item: expected.item };
  const label = `${expected.item}${expected.name ? ` ${expected.name}` : ''}`;
  const other = others.find((o) => o.item !== expected.item && matchesItem(value, o));
  if (other) {
    return {
      ok: false,
      scannedItem: other.item,
      message: `扫描的物料不是 ${label}（扫到的是 ${other.item}），请核对后重扫`,
    };
  }
  return { ok: false, message: `扫描的物料不是 ${label}（条码 ${value} 不在本领料单上）` };
}

/**
 * A location label: the warehouse's barcode or, without one, its code. Scanning the location
 * before the item confirms the clerk stands at the line's warehouse.
 */
export type LocationTarget = { code: string; name?: string; barcode?: string };

export type LocationScan = { ok: true; warehouse: string } | { ok: false; message: string };

/**
 * What a scan says about the line's location: confirmed when it is the line's warehouse, a
 * refusal naming both when it is another one, undefined when the value names no location
 * (then it is checked as an item).
 */
export function checkLocationScan(
  scanned: string,
  expected: string,
  locations: readonly LocationTarget[],
): LocationScan | undefined {
  const value = norm(scanned);
  if (!value) return undefined;
  const found = locations.find(
    (l) => value === norm(l.code) || (!!l.barcode && value === norm(l.barcode)),
  );
  if (!found) return undefined;
  if (found.code === expected) return { ok: true, warehouse: found.code };
  const want = locations.find((l) => l.code === expected);
  const label = `${expected}${want?.name ? ` ${want.name}` : ''}`;
  return {
    ok: false,
    message: `库位不对：本行应从 ${label} 领料（扫到的是 ${found.code}${found.name ? ` ${found.name}` : ''}）`,
  };
}

export type LineScan = { ok: true; confirms: 'item' | 'location' } | { ok: false; message: string };

/**
 * A scan against one pick line: its item (barcode or code) confirms the item, its warehouse's
 * label confirms the location; anything else is refused with what was expected.
 */
export function checkLineScan(
  scanned: string,
  line: { item: ScanTarget; warehouse: string },
  others: readonly ScanTarget[],
  locations: readonly LocationTarget[],
): LineScan {
  const item = checkScan(scanned, line.item, others);
  if (item.ok) return { ok: true, confirms: 'item' };
  const location = checkLocationScan(scanned, line.warehouse, locations);
  if (!location) return { ok: false, message: item.message };
  return location.ok ? { ok: true, confirms: 'location' } : location;
}

/** What the item master says of an item's label. */
export type ItemLabel = { name?: string; barcode?: string };

/**
 * `checkLineScan` for a line of a pick list: the items' labels come from the item master
 * (an item not found there is labelled with its code).
 */
export function scanPickLine(
  scanned: string,
  line: { item: string; warehouse: string },
  lines: readonly { item: string }[],
  labels: Readonly<Record<string, ItemLabel>>,
  locations: readonly LocationTarget[],
): LineScan {
  const target = (item: string): ScanTarget => ({
    item,
    ...(labels[item]?.name ? { name: labels[item].name } : {}),
    ...(labels[item]?.barcode ? { barcode: labels[item].barcode } : {}),
  });
  return checkLineScan(
    scanned,
    { item: target(line.item), warehouse: line.warehouse },
    lines.map((l) => target(l.item)),
    locations,
  );
}

/**
 * The line a scan of another line's item label jumps to (the clerk picked up that item
 * first): among the lines other than the current one whose item the label names, the first
 * not yet confirmed, else the first. Undefined when the label names no other line's item
 * (then the scan is refused as before).
 */
export function lineOfScan<L extends { key: string; item: string }>(
  scanned: string,
  lines: readonly L[],
  labels: Readonly<Record<string, ItemLabel>>,
  current?: string,
  confirmed: ReadonlySet<string> = new Set(),
): L | undefined {
  const named = lines.filter(
    (l) =>
      l.key !== current &&
      matchesItem(scanned, {
        item: l.item,
        ...(labels[l.item]?.barcode ? { barcode: labels[l.item]!.barcode } : {}),
      }),
  );
  return named.find((l) => !confirmed.has(l.key)) ?? named[0];
}

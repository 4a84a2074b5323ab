import { fileURLToPath } from 'node:url';

/**
 * Area `stock` is served by src/lambdas/stock.ts, which routes to the handler of each route
 * of the area (src/http/<group>/<action>.ts). The local gateway imports that module and CDK
 * bundles it as the area's Lambda, so both run the same code.
 */
export function areaFile(area: string): string {
  if (!/^\w+$/.test(area)) throw new Error(`not an area name: ${area}`);
  return fileURLToPath(new URL(`../lambdas/${area}.ts`, import.meta.url));
}

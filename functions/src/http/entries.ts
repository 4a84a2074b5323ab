import { fileURLToPath } from 'node:url';

/**
 * Route `area.action` is served by src/http/<area>/<action>.ts. The local gateway imports
 * that module and CDK bundles it as the route's Lambda, so both run the same handler.
 */
export function handlerFile(routeId: string): string {
  const [area, action] = routeId.split('.');
  if (!area || !action) throw new Error(`route id must be area.action: ${routeId}`);
  return fileURLToPath(new URL(`./${area}/${action}.ts`, import.meta.url));
}

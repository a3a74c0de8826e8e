// The routes an Express router answers, in OpenAPI's spelling, for the tests that check every
// mounted route is described in /api/openapi.json.
import type { Router } from 'express';

/** Every (METHOD, /api/... path with {params}) a router answers. */
export function routesOf(prefix: string, router: Router): string[] {
  const stack = (router as unknown as { stack: { route?: { path: string; methods: Record<string, boolean> }; handle?: { stack?: unknown } }[] }).stack;
  return stack.flatMap((layer) => {
    // Its routes would go unlisted (and so unchecked): mount such a router as a module of its own.
    if (Array.isArray(layer.handle?.stack)) throw new Error(`routesOf(${prefix}): a nested router; mount it as a route module of its own`);
    return layer.route ? Object.keys(layer.route.methods).map((m) => `${m.toUpperCase()} ${prefix}${layer.route!.path.replace(/:(\w+)/g, '{$1}')}`) : [];
  });
}

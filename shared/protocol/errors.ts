import type { z } from 'zod';

/** `sites[2].tls.caFile` from ['sites', 2, 'tls', 'caFile']. */
export function formatPath(path: readonly PropertyKey[], root = ''): string {
  return path.reduce<string>((acc, key) => {
    if (typeof key === 'number') return `${acc}[${key}]`;
    return acc ? `${acc}.${String(key)}` : String(key);
  }, root);
}

/** One clause per problem (at most five), each naming the field: `events[3].device.status: …`. */
export function describeIssues(error: z.ZodError, root = ''): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${formatPath(issue.path, root) || '(root)'}: ${issue.message}`)
    .join('; ');
}

import { z } from 'zod';

const SITE_ID = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/** socket.io would read a path as a namespace; credentials do not belong in a URL either. */
function isOrigin(url: string): boolean {
  const parsed = new URL(url);
  return (
    parsed.pathname === '/' &&
    parsed.search === '' &&
    parsed.hash === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

export const TlsConfig = z.strictObject({
  /** A PEM file of the CA that signed the site's certificate, relative to the config file. */
  caFile: z.string().min(1).optional(),
});

export const SiteConfig = z
  .strictObject({
    id: z.string().regex(SITE_ID, 'use 1-64 lowercase letters, digits, "-" or "_"'),
    name: z.string().min(1).max(200).optional(),
    customer: z.string().min(1).max(200),
    url: z
      .url({ protocol: /^(https?|wss?)$/, error: 'expected an http(s):// or ws(s):// URL' })
      .refine(isOrigin, {
        error: "give the site's origin only (scheme://host:port): no path, query or credentials",
      }),
    // A site's handshake refuses longer tokens, so say so here rather than at every connect.
    token: z.string().min(1).max(4096).optional(),
    /** Name of an environment variable holding the token, so the file holds no secret. */
    tokenEnv: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/)
      .optional(),
    tls: TlsConfig.optional(),
  })
  .refine((s) => (s.token === undefined) !== (s.tokenEnv === undefined), {
    error: 'give exactly one of "token" or "tokenEnv"',
    path: ['token'],
  });

export const HubConfigFile = z
  .strictObject({
    staleAfterSeconds: z.number().positive().max(3600).default(15),
    downAfterSeconds: z.number().positive().max(86_400).default(60),
    /** How often windows get a coalesced update. */
    publishIntervalMs: z.int().min(50).max(2000).default(200),
    reconnect: z
      .strictObject({
        initialDelayMs: z.int().min(10).max(60_000).default(500),
        maxDelayMs: z.int().min(100).max(600_000).default(30_000),
      })
      .default({ initialDelayMs: 500, maxDelayMs: 30_000 }),
    sites: z.array(SiteConfig).max(2000).default([]),
  })
  .superRefine((config, ctx) => {
    if (config.reconnect.initialDelayMs > config.reconnect.maxDelayMs) {
      ctx.addIssue({
        code: 'custom',
        path: ['reconnect', 'initialDelayMs'],
        message: `must not be greater than reconnect.maxDelayMs (${config.reconnect.maxDelayMs})`,
      });
    }
    if (config.downAfterSeconds <= config.staleAfterSeconds) {
      ctx.addIssue({
        code: 'custom',
        path: ['downAfterSeconds'],
        message: `must be greater than staleAfterSeconds (${config.staleAfterSeconds})`,
      });
    }
    const seen = new Set<string>();
    config.sites.forEach((site, index) => {
      if (seen.has(site.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['sites', index, 'id'],
          message: `duplicate site id "${site.id}"`,
        });
      }
      seen.add(site.id);
    });
  });
export type HubConfigFile = z.infer<typeof HubConfigFile>;

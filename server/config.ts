// Configuration, read from the environment once at the edge (cli/commands/serve.ts and friends)
// and validated here. Inner modules receive the typed Config and never read process.env.
// CONFIG_VARIABLES is the single table of variables: README.md and `sotong --help` print it.
import { isIP } from 'node:net';
import { z } from 'zod';
import { LOG_LEVELS, type LogLevel } from '../core/logger';
import { DEFAULT_LOGIN_LIMIT, type LoginLimitPolicy } from '../accounts/login-limiter';
import { HANDOFF_VARIABLES, HandoffConfigError, parseHandoffEnv, type HandoffConfig } from '../handoff/config';
import { parseSurgeEnv, SURGE_VARIABLES, SurgeConfigError, type SurgeConfig } from '../surge/config';
import type { PipelineDeps, WorkerSettings } from '../pipeline/deps';

export interface ConfigVariable {
  readonly name: string;
  /** Default as written in docs; '' when the variable is optional with no default. */
  readonly default: string;
  readonly meaning: string;
  /** Secrets are never echoed back in error messages. */
  readonly secret?: boolean;
}

export const CONFIG_VARIABLES: readonly ConfigVariable[] = [
  { name: 'PORT', default: '3000', meaning: 'HTTP port (1–65535; 0 picks a free port).' },
  {
    name: 'HOST',
    default: '127.0.0.1',
    meaning: 'Interface to listen on. Loopback by default so a fresh install is not exposed; set 0.0.0.0 behind a proxy or in a container.',
  },
  {
    name: 'SOTONG_DATA_DIR',
    default: './data',
    meaning:
      'Folder for the embedded database (PGlite) and the generated server secret. Made 0700 with its files 0600 whatever the umask (the process umask gains 077).',
  },
  { name: 'DATABASE_URL', default: '', meaning: 'PostgreSQL URL (postgres://…). Unset: embedded PGlite in SOTONG_DATA_DIR.' },
  {
    name: 'DATABASE_SCHEMA',
    default: '',
    meaning:
      'PostgreSQL schema to keep the tables in (created if missing), so several deployments or test runs can share one database. Unset: the default search path. Ignored by PGlite.',
  },
  {
    name: 'REDIS_URL',
    default: '',
    meaning: 'Redis URL (redis://…) for BullMQ jobs, live events, and the rate limits and stream caps, across processes. Unset: in-process.',
  },
  {
    name: 'REDIS_PREFIX',
    default: 'sotong',
    meaning: 'Prefix of every Redis key and pub/sub channel Sotong uses, so several deployments can share one Redis.',
  },
  { name: 'SWEEP_INTERVAL_SECONDS', default: '30', meaning: 'How often one worker looks for work whose job was lost and queues it again (the sweeper).' },
  { name: 'SWEEP_STUCK_AFTER_SECONDS', default: '60', meaning: 'Unfinished messages and replies older than this are queued again by the sweeper.' },
  {
    name: 'SOTONG_SECRET',
    default: '',
    meaning:
      'Server secret (≥ 32 chars) that signs web-chat access tokens. Unset: generated once into SOTONG_DATA_DIR. Set the same value on every API process.',
    secret: true,
  },
  { name: 'SOTONG_ADMIN_EMAIL', default: 'admin@localhost', meaning: 'Email of the admin created on start while no active admin exists.' },
  {
    name: 'SOTONG_ADMIN_PASSWORD',
    default: '',
    meaning:
      'Password for that admin (≥ 12 chars). Unset: a random one is printed once. Applies only while no admin exists; later it is ignored and the log says so (use sotong users reset-password).',
    secret: true,
  },
  { name: 'LOG_LEVEL', default: 'info', meaning: `Log level: ${LOG_LEVELS.join(', ')}.` },
  {
    name: 'TRUST_PROXY',
    default: '0',
    meaning:
      'Reverse proxies in front of Sotong whose X-Forwarded-For is believed: a hop count (1 for one proxy) or a comma list of their addresses / subnets (10.0.0.0/8, loopback). 0: none; the client IP is the socket address. Rate limits and the login lockout key on this IP.',
  },
  {
    name: 'METRICS_TOKEN',
    default: '',
    meaning: 'Bearer token Prometheus sends to read /metrics. Unset: /metrics answers only clients on this machine (loopback, no proxy header).',
    secret: true,
  },
  { name: 'STREAM_MAX_PER_CONVERSATION', default: '5', meaning: 'Open live event streams (SSE) allowed per web-chat conversation token; more get 429.' },
  { name: 'STREAM_MAX_PER_SESSION', default: '5', meaning: 'Open live event streams allowed per agent session; more get 429.' },
  {
    name: 'STREAM_MAX_PER_IP',
    default: '50',
    meaning: 'Open live event streams allowed per client IP (over all API processes when `REDIS_URL` is set); more get 429.',
  },
  { name: 'STREAM_HEARTBEAT_SECONDS', default: '15', meaning: 'Seconds between heartbeats on an idle live event stream (SSE), so proxies keep it open.' },
  {
    name: 'WEB_CHAT_RATE_LIMIT',
    default: '30',
    meaning: 'Web-chat messages accepted per client IP per minute (over all API processes when `REDIS_URL` is set, else per process).',
  },
  {
    name: 'SHED_INBOUND_BACKLOG',
    default: '1000',
    meaning:
      'Messages received but not yet triaged past which the web chat answers 503 with Retry-After (load shedding), as it does while the process is saturated; platform webhooks are always acked and queued. 0: never shed.',
  },
  {
    name: 'X_CONSUMER_SECRET',
    default: '',
    meaning:
      'X app consumer secret: signs webhooks (CRC, POST). X is enabled when X_CONSUMER_SECRET, X_API_KEY, X_ACCESS_TOKEN, X_ACCESS_SECRET and X_ACCOUNT_ID are set.',
    secret: true,
  },
  { name: 'X_API_KEY', default: '', meaning: 'X app consumer (API) key.', secret: true },
  { name: 'X_ACCESS_TOKEN', default: '', meaning: 'X user-context access token of the helpline account.', secret: true },
  { name: 'X_ACCESS_SECRET', default: '', meaning: 'X user-context access token secret.', secret: true },
  { name: 'X_ACCOUNT_ID', default: '', meaning: 'Numeric id of the helpline X account (for_user_id): its own activity is ignored.' },
  { name: 'X_API_BASE_URL', default: 'https://api.x.com', meaning: 'X API origin (a fake in tests).' },
  {
    name: 'X_POLL_INTERVAL_SECONDS',
    default: '0',
    meaning: 'Seconds between polls of the X mentions timeline, the alternative to the Account Activity webhook (runs in worker processes). 0: off.',
  },
  {
    name: 'FB_APP_SECRET',
    default: '',
    meaning: 'Meta app secret: checks X-Hub-Signature-256. Facebook is enabled when FB_APP_SECRET, FB_VERIFY_TOKEN, FB_PAGE_TOKEN and FB_PAGE_ID are set.',
    secret: true,
  },
  { name: 'FB_VERIFY_TOKEN', default: '', meaning: 'Token Meta echoes in the webhook verification GET.', secret: true },
  { name: 'FB_PAGE_TOKEN', default: '', meaning: 'Page access token for the Send API and comment replies.', secret: true },
  { name: 'FB_PAGE_ID', default: '', meaning: 'Id of the helpline Page: its own comments are ignored.' },
  { name: 'FB_GRAPH_BASE_URL', default: 'https://graph.facebook.com', meaning: 'Graph API origin (a fake in tests).' },
  { name: 'FB_GRAPH_VERSION', default: 'v21.0', meaning: 'Graph API version.' },
  { name: 'KAKAO_SKILL_SECRET', default: '', meaning: 'Shared secret Kakao sends in X-Sotong-Skill-Secret. Kakao is enabled when it is set.', secret: true },
  { name: 'KAKAO_BOT_ID', default: '', meaning: 'Kakao bot id; when set, skill requests for other bots are refused.' },
  {
    name: 'KAKAO_CALLBACK_HOSTS',
    default: '*.kakao.com,*.kakaoenterprise.com',
    meaning:
      'Hosts a Kakao callbackUrl may point to, over https (host names or *.domain; an exact http origin only for a test fake). A request naming any other callback is refused with 400.',
  },
  {
    name: 'LINK_CHECK_INTERVAL_SECONDS',
    default: '20',
    meaning: 'Seconds between official-link checks: one link per run, the one checked longest ago, robots.txt honoured (worker processes). 0: off.',
  },
  { name: 'LINK_CHECK_TIMEOUT_SECONDS', default: '10', meaning: 'Seconds a link check waits for each answer before calling the link unreachable.' },
  {
    name: 'MODEL_RELOAD_SECONDS',
    default: '30',
    meaning: 'Seconds between re-reads of the published model in each process (the fallback to the live catalog.changed event).',
  },
  {
    name: 'LOGIN_MAX_FAILURES',
    default: String(DEFAULT_LOGIN_LIMIT.maxFailures),
    meaning: 'Failed staff sign-ins allowed per client IP and account in the window; more get 429 until the oldest leaves the window.',
  },
  {
    name: 'LOGIN_WINDOW_MINUTES',
    default: String(DEFAULT_LOGIN_LIMIT.windowMs / 60_000),
    meaning: 'The window the failed sign-ins are counted over, in minutes.',
  },
  {
    name: 'LOGIN_MAX_FAILURES_PER_IP',
    default: String(DEFAULT_LOGIN_LIMIT.maxFailuresPerIp),
    meaning: 'Failed sign-ins allowed per client IP over all accounts in the window (one password sprayed over many emails).',
  },
  {
    name: 'LOGIN_MAX_FAILURES_PER_ACCOUNT',
    default: String(DEFAULT_LOGIN_LIMIT.maxFailuresPerAccount),
    meaning: 'Failed sign-ins allowed per account over all IPs in the window (a distributed guess); one IP adds at most LOGIN_MAX_FAILURES.',
  },
  // Validated by handoff/config.ts (parseHandoffEnv), listed here so the docs stay one table.
  ...HANDOFF_VARIABLES,
  // Validated by surge/config.ts (parseSurgeEnv).
  ...SURGE_VARIABLES,
];

export interface XConfig {
  readonly consumerSecret: string;
  readonly apiKey: string;
  readonly accessToken: string;
  readonly accessSecret: string;
  readonly accountId: string;
  readonly apiBaseUrl: string;
  /** Mention polling interval in ms; 0 when polling is off. */
  readonly pollIntervalMs: number;
}
export interface FacebookConfig {
  readonly appSecret: string;
  readonly verifyToken: string;
  readonly pageToken: string;
  readonly pageId: string;
  readonly graphBaseUrl: string;
  readonly graphVersion: string;
}
export interface KakaoConfig {
  readonly skillSecret: string;
  readonly botId?: string;
  /** Where callbackUrl may point (channels/kakao/callback-hosts.ts). */
  readonly callbackHosts: readonly string[];
}

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly databaseUrl?: string;
  /** PostgreSQL schema the tables live in; unset for the default search path. */
  readonly databaseSchema?: string;
  readonly redisUrl?: string;
  /** Redis key prefix (jobs) and live-events channel stem. */
  readonly redisPrefix: string;
  /** The sweeper's period and stuck threshold, in ms. */
  readonly sweep: { readonly everyMs: number; readonly stuckAfterMs: number };
  readonly secret?: string;
  readonly admin: { readonly email: string; readonly password?: string };
  readonly logLevel: LogLevel;
  /** Web-chat messages per client IP per minute. */
  readonly webChatRateLimit: number;
  /** Inbound backlog past which the web chat is shed with 503 (0: never). */
  readonly shedInboundBacklog: number;
  /** Official-link checks, in ms; intervalMs 0 when off. */
  readonly linkCheck: { readonly intervalMs: number; readonly timeoutMs: number };
  /** express 'trust proxy': false, a hop count, or a list of proxy addresses / subnets. */
  readonly trustProxy: TrustProxy;
  readonly metricsToken?: string;
  /** Caps on open live event streams. */
  readonly streamCaps: { readonly maxPerConversation: number; readonly maxPerSession: number; readonly maxPerIp: number };
  /** Heartbeat period of an idle live event stream, in ms. */
  readonly streamHeartbeatMs: number;
  /** A channel is present only when its secrets are set. */
  readonly channels: { readonly x?: XConfig; readonly facebook?: FacebookConfig; readonly kakao?: KakaoConfig };
  /** How often each process re-reads the published model (ms). */
  readonly modelReloadMs: number;
  /** Staff sign-in lockout thresholds. */
  readonly loginLimit: LoginLimitPolicy;
  /** SLA targets, reopen window, auto-assignment (validated by handoff/config.ts). */
  readonly handoff: HandoffConfig;
  /** Surge detection thresholds, tick and load depth (validated by surge/config.ts). */
  readonly surge: SurgeConfig;
  /**
   * Not an environment variable: production keeps the defaults. Tests and benches shorten them so
   * a retry, or the takeover of a dead worker's job, takes milliseconds rather than minutes.
   */
  readonly jobTimings?: JobTimings;
}

/** Worker retries, the send lease and the inline hold (pipeline/deps.ts), and BullMQ's job locks (jobs/bullmq-driver.ts). */
export interface JobTimings extends Pick<WorkerSettings, 'inbound' | 'outbound' | 'sendLeaseMs'>, Pick<PipelineDeps, 'inlineDelivery'> {
  readonly lockDurationMs?: number;
  readonly stalledIntervalMs?: number;
}

export type TrustProxy = false | number | readonly string[];

const NAMED_SUBNETS = ['loopback', 'linklocal', 'uniquelocal'];

function parseTrustProxy(value: string, ctx: z.RefinementCtx): TrustProxy {
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops > 10) ctx.addIssue({ code: 'custom', message: 'a hop count is at most 10' });
    return hops === 0 ? false : hops;
  }
  const entries = value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const [address, bits, extra] = entry.split('/');
    const family = isIP(address ?? '');
    const okBits = bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (family === 6 ? 128 : 32));
    if (!(NAMED_SUBNETS.includes(entry) || (family !== 0 && okBits && extra === undefined))) {
      ctx.addIssue({ code: 'custom', message: `"${entry}" is not a hop count, an IP address, a subnet (10.0.0.0/8) or one of ${NAMED_SUBNETS.join(', ')}` });
    }
  }
  return entries;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const optional = z.string().trim().min(1).optional();
const url = (protocols: readonly string[]) =>
  z
    .string()
    .trim()
    .refine(
      (value) => {
        try {
          return protocols.includes(new URL(value).protocol);
        } catch {
          return false;
        }
      },
      `expected a ${protocols.map((p) => p.replace(':', '://…')).join(' or ')} URL`,
    );

const defaultOf = (name: string) => CONFIG_VARIABLES.find((v) => v.name === name)?.default ?? '';

// Keys are the variable names, so a zod issue path names the variable directly.
const envSchema = z.object({
  PORT: z.coerce
    .number()
    .int()
    .min(0)
    .max(65535)
    .default(Number(defaultOf('PORT'))),
  HOST: z.string().trim().min(1).default(defaultOf('HOST')),
  SOTONG_DATA_DIR: z.string().trim().min(1).default(defaultOf('SOTONG_DATA_DIR')),
  DATABASE_URL: url(['postgres:', 'postgresql:']).optional(),
  DATABASE_SCHEMA: z
    .string()
    .trim()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'lower-case letters, digits and "_", not starting with a digit')
    .optional(),
  REDIS_URL: url(['redis:', 'rediss:']).optional(),
  REDIS_PREFIX: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, "_" and "-" only')
    .default(defaultOf('REDIS_PREFIX')),
  SWEEP_INTERVAL_SECONDS: z.coerce
    .number()
    .min(0.1)
    .max(86_400)
    .default(Number(defaultOf('SWEEP_INTERVAL_SECONDS'))),
  SWEEP_STUCK_AFTER_SECONDS: z.coerce
    .number()
    .min(0.1)
    .max(86_400)
    .default(Number(defaultOf('SWEEP_STUCK_AFTER_SECONDS'))),
  SOTONG_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  // Loose on purpose: admin@localhost is a fine sign-in name for a single machine.
  SOTONG_ADMIN_EMAIL: z
    .string()
    .trim()
    .regex(/^[^\s@]+@[^\s@]+$/, 'expected an email address like admin@example.go.kr')
    .default(defaultOf('SOTONG_ADMIN_EMAIL')),
  SOTONG_ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  TRUST_PROXY: z.string().trim().default('0').transform(parseTrustProxy),
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  STREAM_MAX_PER_CONVERSATION: z.coerce
    .number()
    .int()
    .min(1)
    .max(1000)
    .default(Number(defaultOf('STREAM_MAX_PER_CONVERSATION'))),
  STREAM_MAX_PER_SESSION: z.coerce
    .number()
    .int()
    .min(1)
    .max(1000)
    .default(Number(defaultOf('STREAM_MAX_PER_SESSION'))),
  STREAM_MAX_PER_IP: z.coerce
    .number()
    .int()
    .min(1)
    .max(100_000)
    .default(Number(defaultOf('STREAM_MAX_PER_IP'))),
  STREAM_HEARTBEAT_SECONDS: z.coerce
    .number()
    .min(0.01)
    .max(3600)
    .default(Number(defaultOf('STREAM_HEARTBEAT_SECONDS'))),
  WEB_CHAT_RATE_LIMIT: z.coerce
    .number()
    .int()
    .min(1)
    .max(100_000)
    .default(Number(defaultOf('WEB_CHAT_RATE_LIMIT'))),
  SHED_INBOUND_BACKLOG: z.coerce
    .number()
    .int()
    .min(0)
    .max(10_000_000)
    .default(Number(defaultOf('SHED_INBOUND_BACKLOG'))),
  X_CONSUMER_SECRET: optional,
  X_API_KEY: optional,
  X_ACCESS_TOKEN: optional,
  X_ACCESS_SECRET: optional,
  X_ACCOUNT_ID: z.string().trim().regex(/^\d+$/, 'must be the numeric account id').optional(),
  X_API_BASE_URL: url(['https:', 'http:']).default(defaultOf('X_API_BASE_URL')),
  X_POLL_INTERVAL_SECONDS: z.coerce
    .number()
    .int()
    .min(0)
    .max(86_400)
    .default(Number(defaultOf('X_POLL_INTERVAL_SECONDS'))),
  FB_APP_SECRET: optional,
  FB_VERIFY_TOKEN: optional,
  FB_PAGE_TOKEN: optional,
  FB_PAGE_ID: z.string().trim().regex(/^\d+$/, 'must be the numeric Page id').optional(),
  FB_GRAPH_BASE_URL: url(['https:', 'http:']).default(defaultOf('FB_GRAPH_BASE_URL')),
  FB_GRAPH_VERSION: z
    .string()
    .trim()
    .regex(/^v\d+\.\d+$/, 'looks like v21.0')
    .default(defaultOf('FB_GRAPH_VERSION')),
  KAKAO_SKILL_SECRET: optional,
  KAKAO_BOT_ID: optional,
  KAKAO_CALLBACK_HOSTS: z
    .string()
    .trim()
    .default(defaultOf('KAKAO_CALLBACK_HOSTS'))
    .transform((value) =>
      value
        .split(',')
        .map((h) => h.trim())
        .filter(Boolean),
    )
    .refine(
      (hosts) => hosts.length > 0 && hosts.every((h) => /^(?:\*\.)?[a-z0-9.-]+$/i.test(h) || /^https?:\/\/[^/\s]+$/.test(h)),
      'a comma list of host names, *.domain, or exact origins',
    ),
  LINK_CHECK_INTERVAL_SECONDS: z.coerce
    .number()
    .int()
    .min(0)
    .max(86_400)
    .default(Number(defaultOf('LINK_CHECK_INTERVAL_SECONDS'))),
  LINK_CHECK_TIMEOUT_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .max(120)
    .default(Number(defaultOf('LINK_CHECK_TIMEOUT_SECONDS'))),
  MODEL_RELOAD_SECONDS: z.coerce
    .number()
    .min(0.1)
    .max(86_400)
    .default(Number(defaultOf('MODEL_RELOAD_SECONDS'))),
  LOGIN_MAX_FAILURES: z.coerce
    .number()
    .int()
    .min(1)
    .max(1000)
    .default(Number(defaultOf('LOGIN_MAX_FAILURES'))),
  LOGIN_WINDOW_MINUTES: z.coerce
    .number()
    .gt(0)
    .max(24 * 60)
    .default(Number(defaultOf('LOGIN_WINDOW_MINUTES'))),
  LOGIN_MAX_FAILURES_PER_IP: z.coerce
    .number()
    .int()
    .min(1)
    .max(100_000)
    .default(Number(defaultOf('LOGIN_MAX_FAILURES_PER_IP'))),
  LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce
    .number()
    .int()
    .min(1)
    .max(100_000)
    .default(Number(defaultOf('LOGIN_MAX_FAILURES_PER_ACCOUNT'))),
});
type Env = z.infer<typeof envSchema>;

/**
 * Validates the environment. Throws ConfigError naming every bad variable, e.g.
 * `PORT: Too big: expected number to be <=65535`. Empty strings count as unset.
 */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): Config {
  const known = Object.fromEntries(CONFIG_VARIABLES.map((v) => [v.name, env[v.name] === '' ? undefined : env[v.name]]));
  const parsed = envSchema.safeParse(known);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${String(issue.path[0] ?? '?')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: e.SOTONG_DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    databaseSchema: e.DATABASE_SCHEMA,
    redisUrl: e.REDIS_URL,
    redisPrefix: e.REDIS_PREFIX,
    sweep: { everyMs: Math.round(e.SWEEP_INTERVAL_SECONDS * 1000), stuckAfterMs: Math.round(e.SWEEP_STUCK_AFTER_SECONDS * 1000) },
    secret: e.SOTONG_SECRET,
    admin: { email: e.SOTONG_ADMIN_EMAIL, password: e.SOTONG_ADMIN_PASSWORD },
    logLevel: e.LOG_LEVEL,
    webChatRateLimit: e.WEB_CHAT_RATE_LIMIT,
    shedInboundBacklog: e.SHED_INBOUND_BACKLOG,
    linkCheck: { intervalMs: e.LINK_CHECK_INTERVAL_SECONDS * 1000, timeoutMs: e.LINK_CHECK_TIMEOUT_SECONDS * 1000 },
    trustProxy: e.TRUST_PROXY,
    metricsToken: e.METRICS_TOKEN,
    streamCaps: { maxPerConversation: e.STREAM_MAX_PER_CONVERSATION, maxPerSession: e.STREAM_MAX_PER_SESSION, maxPerIp: e.STREAM_MAX_PER_IP },
    streamHeartbeatMs: Math.round(e.STREAM_HEARTBEAT_SECONDS * 1000),
    channels: channelConfigs(e),
    modelReloadMs: Math.round(e.MODEL_RELOAD_SECONDS * 1000),
    loginLimit: {
      maxFailures: e.LOGIN_MAX_FAILURES,
      windowMs: Math.round(e.LOGIN_WINDOW_MINUTES * 60_000),
      maxFailuresPerIp: e.LOGIN_MAX_FAILURES_PER_IP,
      maxFailuresPerAccount: e.LOGIN_MAX_FAILURES_PER_ACCOUNT,
    },
    ...domainConfigs(env),
  };
}

/** The handoff and surge settings, validated by their own modules; their errors read like ours. */
function domainConfigs(env: Readonly<Record<string, string | undefined>>): Pick<Config, 'handoff' | 'surge'> {
  try {
    return { handoff: parseHandoffEnv(env), surge: parseSurgeEnv(env) };
  } catch (error) {
    if (error instanceof HandoffConfigError || error instanceof SurgeConfigError) throw new ConfigError(error.message);
    throw error;
  }
}

/** A channel is on when all its secrets are set; some but not all is a mistake worth stopping for. */
function channelConfigs(e: Env): Config['channels'] {
  const x = allOrNone('X', {
    X_CONSUMER_SECRET: e.X_CONSUMER_SECRET,
    X_API_KEY: e.X_API_KEY,
    X_ACCESS_TOKEN: e.X_ACCESS_TOKEN,
    X_ACCESS_SECRET: e.X_ACCESS_SECRET,
    X_ACCOUNT_ID: e.X_ACCOUNT_ID,
  });
  const fb = allOrNone('Facebook', {
    FB_APP_SECRET: e.FB_APP_SECRET,
    FB_VERIFY_TOKEN: e.FB_VERIFY_TOKEN,
    FB_PAGE_TOKEN: e.FB_PAGE_TOKEN,
    FB_PAGE_ID: e.FB_PAGE_ID,
  });
  if (e.KAKAO_BOT_ID && !e.KAKAO_SKILL_SECRET) {
    throw new ConfigError('Invalid configuration:\n  KAKAO_SKILL_SECRET: required when KAKAO_BOT_ID is set');
  }
  return {
    ...(x && {
      x: {
        consumerSecret: x.X_CONSUMER_SECRET,
        apiKey: x.X_API_KEY,
        accessToken: x.X_ACCESS_TOKEN,
        accessSecret: x.X_ACCESS_SECRET,
        accountId: x.X_ACCOUNT_ID,
        apiBaseUrl: e.X_API_BASE_URL,
        pollIntervalMs: e.X_POLL_INTERVAL_SECONDS * 1000,
      },
    }),
    ...(fb && {
      facebook: {
        appSecret: fb.FB_APP_SECRET,
        verifyToken: fb.FB_VERIFY_TOKEN,
        pageToken: fb.FB_PAGE_TOKEN,
        pageId: fb.FB_PAGE_ID,
        graphBaseUrl: e.FB_GRAPH_BASE_URL,
        graphVersion: e.FB_GRAPH_VERSION,
      },
    }),
    ...(e.KAKAO_SKILL_SECRET && { kakao: { skillSecret: e.KAKAO_SKILL_SECRET, botId: e.KAKAO_BOT_ID, callbackHosts: e.KAKAO_CALLBACK_HOSTS } }),
  };
}

function allOrNone<K extends string>(channel: string, values: Record<K, string | undefined>): Record<K, string> | undefined {
  const names = Object.keys(values) as K[];
  const missing = names.filter((name) => values[name] === undefined);
  if (missing.length === names.length) return undefined;
  if (missing.length > 0) {
    const lines = missing.map((name) => `  ${name}: required to enable ${channel} (${names.join(', ')} must all be set)`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return values as Record<K, string>;
}

/** The variables as a fixed-width table, for `sotong --help`. */
export function formatConfigTable(): string {
  const width = Math.max(...CONFIG_VARIABLES.map((v) => v.name.length)) + 2;
  return CONFIG_VARIABLES.map((v) => `  ${v.name.padEnd(width)}${v.meaning}${v.default ? ` (default ${v.default})` : ''}`).join('\n');
}

/** The variables as a Markdown table, for README.md. */
export function markdownConfigTable(): string {
  const rows = CONFIG_VARIABLES.map((v) => `| \`${v.name}\` | ${v.default ? `\`${v.default}\`` : '—'} | ${v.meaning} |`);
  return ['| Variable | Default | Meaning |', '|---|---|---|', ...rows].join('\n');
}

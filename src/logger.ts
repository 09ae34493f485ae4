import pino, { type Logger, type TransportSingleOptions } from 'pino';
import type { Config } from './config';

/** Fields a person at a terminal does not need on every line. */
const PRETTY_IGNORE = ['service'];

/**
 * pino-pretty when stdout is a terminal and the package is installed (it is a
 * devDependency, absent from `npm ci --omit=dev` images); otherwise none, so
 * pipes, files and log collectors get one JSON object per line.
 */
function prettyTransport(config: Pick<Config, 'NODE_ENV'>): TransportSingleOptions | undefined {
  if (!process.stdout.isTTY || config.NODE_ENV === 'test') return undefined;
  try {
    require.resolve('pino-pretty');
  } catch {
    return undefined;
  }
  return { target: 'pino-pretty', options: { singleLine: true, translateTime: 'SYS:HH:MM:ss.l', ignore: PRETTY_IGNORE.join(',') } };
}

/**
 * Readable lines on a terminal, JSON everywhere else. Authorization headers,
 * cookies and passwords are redacted wherever they appear.
 */
export function createLogger(config: Pick<Config, 'LOG_LEVEL' | 'NODE_ENV'>): Logger {
  return pino({
    level: config.LOG_LEVEL,
    base: { service: 'regen-graph' },
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.token', 'password', 'token'],
      censor: '[redacted]',
    },
    transport: prettyTransport(config),
  });
}

export type { Logger };

import pino, { type Logger } from 'pino';
import type { Config } from './config';

/**
 * JSON logs in production and tests; pretty lines in development. Authorization
 * headers, cookies and passwords are redacted wherever they appear.
 */
export function createLogger(config: Pick<Config, 'LOG_LEVEL' | 'NODE_ENV'>): Logger {
  return pino({
    level: config.LOG_LEVEL,
    base: { service: 'regen-graph' },
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.token', 'password', 'token'],
      censor: '[redacted]',
    },
    transport:
      config.NODE_ENV === 'development' && process.stdout.isTTY
        ? { target: 'pino-pretty', options: { singleLine: true, translateTime: 'SYS:HH:MM:ss.l' } }
        : undefined,
  });
}

export type { Logger };

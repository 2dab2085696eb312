import { pino, type Logger } from 'pino';

export type { Logger };

/** The process logger; secrets that may sit in request bodies or headers are redacted. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      redact: {
        paths: ['req.headers.authorization', '*.api_key', '*.apiKey', '*.password'],
        censor: '[redacted]',
      },
    },
    destination,
  );
}

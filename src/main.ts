import 'reflect-metadata';
import { Logger } from 'nestjs-pino';
import { createApp } from './bootstrap/create-app';
import { installGracefulShutdown } from './bootstrap/shutdown';
import { appConfig, type AppConfig } from './config/app.config';

/**
 * The process entry (`node dist/src/main.js`, the image's CMD): builds the app, installs the
 * graceful shutdown (src/bootstrap/shutdown.ts says what happens on SIGTERM/SIGINT, in order),
 * listens, and says where it is in one line.
 */
async function main(): Promise<void> {
  const app = await createApp();
  const config = app.get<AppConfig>(appConfig.KEY);
  const logger = app.get(Logger);
  installGracefulShutdown(app, logger, config.shutdown);
  await app.listen(config.port, config.host);
  logger.log(`LLMS ready at ${config.publicUrl} (API docs at /docs)`, 'Bootstrap');
}

main().catch((error: unknown) => {
  // Configuration errors name the variable; print them plainly, without a stack trace.
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

import 'reflect-metadata';
import { createApp } from './bootstrap/create-app';
import { appConfig, type AppConfig } from './config/app.config';

async function main(): Promise<void> {
  const app = await createApp();
  const config = app.get<AppConfig>(appConfig.KEY);
  await app.listen(config.port, config.host);
}

main().catch((error: unknown) => {
  // Configuration errors name the variable; print them plainly, without a stack trace.
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

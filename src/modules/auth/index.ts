/** The auth module's public surface; other modules import from here only. */
export { AuthModule } from './auth.module';
export { SessionCheck } from './session-check.service';
export { SessionEvents, type EndedSession } from './session-events';

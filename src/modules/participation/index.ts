/** The participation module's public surface; other modules import from here only. */
export { ParticipationModule } from './participation.module';
export { JoinClass } from './join-class.usecase';
export { LeaveClass } from './leave-class.usecase';
export { LocalPresence } from './local-presence';
export type { PresentSocket } from './present-socket';
export { JoinClassPayload } from './dto/join-class.payload';
export { LeaveClassPayload } from './dto/leave-class.payload';

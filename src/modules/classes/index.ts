/** The classes module's public surface; other modules import from here only. */
export { ClassesModule } from './classes.module';
export { ClassesService } from './classes.service';
export { ClassEnd } from './class-end';
export { alreadyActive, classNotFound } from './class-errors';
export type { ClassRecord } from './classes.repository';

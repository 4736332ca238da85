/** The port through which domain modules publish live-class events (implemented by realtime). */
export { ClassEvents } from './class-events';

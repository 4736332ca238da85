/** The metrics module's public surface; other modules import from here only. */
export { MetricsModule } from './metrics.module';
export { MetricsService } from './metrics.service';

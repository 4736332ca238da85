/** The sweeper module's public surface. */
export { SweeperModule } from './sweeper.module';
export { SweeperService } from './sweeper.service';

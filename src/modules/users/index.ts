/** The users module's public surface; other modules import from here only. */
export { UsersModule } from './users.module';
export { UsersService, type NewUserInput, type UserCredentials } from './users.service';
export { UserViewDto } from './dto/user-view.dto';
export { normalizeEmail } from './email';

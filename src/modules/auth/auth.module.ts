import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { PassportModule } from '@nestjs/passport';
import { ThrottlerModule } from '@nestjs/throttler';
import { appConfig, type AppConfig } from '../../config/app.config';
import { RateLimitModule } from '../rate-limit';
import { RedisThrottlerStorage } from '../rate-limit';
import { UsersModule } from '../users';
import { AccessTokenService } from './access-token.service';
import { AuthCookies } from './auth-cookies';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { authThrottlerOptions } from './auth-throttle';
import { CsrfService } from './csrf.service';
import { deviceCookieKey } from './device-cookie';
import { PasswordHasher } from './password-hasher';
import { RefreshTokenRepository } from './refresh-token.repository';
import { RefreshTokenService } from './refresh-token.service';
import { RefreshTokenDocument, RefreshTokenSchema } from './schemas/refresh-token.schema';
import { SessionCheck } from './session-check.service';
import { JwtStrategy } from './strategies/jwt.strategy';

/**
 * Cookie auth: register, login, refresh, logout, CSRF; Passport's `JwtStrategy` for HTTP.
 * Exports what the global guards (in AppModule) and the real-time module need: the one session
 * check (`SessionCheck`, also the Socket.IO handshake's), and the services the guards use.
 * `SessionEvents` (announcing ended sessions) is injected from the app-wide binding that the
 * real-time module provides, so this module imports nothing of real time.
 */
@Module({
  imports: [
    MongooseModule.forFeature([{ name: RefreshTokenDocument.name, schema: RefreshTokenSchema }]),
    PassportModule,
    UsersModule,
    RateLimitModule,
    ThrottlerModule.forRootAsync({
      imports: [RateLimitModule],
      inject: [appConfig.KEY, RedisThrottlerStorage],
      useFactory: (config: AppConfig, storage: RedisThrottlerStorage) =>
        authThrottlerOptions(
          config.auth.rateLimitPerMinute,
          storage,
          deviceCookieKey(config.auth.csrfSecret),
        ),
    }),
  ],
  controllers: [AuthController],
  providers: [
    AccessTokenService,
    AuthCookies,
    AuthService,
    CsrfService,
    PasswordHasher,
    RefreshTokenRepository,
    RefreshTokenService,
    SessionCheck,
    JwtStrategy,
  ],
  exports: [AuthService, CsrfService, RefreshTokenService, SessionCheck],
})
export class AuthModule {}

import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ThrottlerModule } from '@nestjs/throttler';
import { appConfig, type AppConfig } from '../../config/app.config';
import { RateLimitModule } from '../rate-limit/rate-limit.module';
import { RedisThrottlerStorage } from '../rate-limit/redis-throttler.storage';
import { UsersModule } from '../users/users.module';
import { AccessTokenService } from './access-token.service';
import { AuthCookies } from './auth-cookies';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { authThrottlerOptions } from './auth-throttle';
import { CsrfService } from './csrf.service';
import { PasswordHasher } from './password-hasher';
import { RefreshTokenRepository } from './refresh-token.repository';
import { RefreshTokenService } from './refresh-token.service';
import { RefreshToken, RefreshTokenSchema } from './schemas/refresh-token.schema';

/**
 * Cookie auth: register, login, refresh, logout, CSRF. Exports what the global guards (in
 * AppModule) and the Socket.IO handshake need: `AccessTokenService.verifyCookieHeader`.
 */
@Module({
  imports: [
    MongooseModule.forFeature([{ name: RefreshToken.name, schema: RefreshTokenSchema }]),
    UsersModule,
    RateLimitModule,
    ThrottlerModule.forRootAsync({
      imports: [RateLimitModule],
      inject: [appConfig.KEY, RedisThrottlerStorage],
      useFactory: (config: AppConfig, storage: RedisThrottlerStorage) =>
        authThrottlerOptions(config.auth.rateLimitPerMinute, storage),
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
  ],
  exports: [AccessTokenService, AuthService, CsrfService],
})
export class AuthModule {}

import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { MongooseModule } from '@nestjs/mongoose';
import { RedisModule } from '@llms/redis';
import { AllExceptionsFilter } from './common/errors/all-exceptions.filter';
import { EnvelopeInterceptor } from './common/http/envelope.interceptor';
import { createValidationPipe } from './common/validation/validation';
import { appConfig, type AppConfig } from './config/app.config';
import { LoggerModule } from './infrastructure/logger.module';
import { AttendanceModule } from './modules/attendance';
import { AuthModule } from './modules/auth/auth.module';
import { CapabilityGuard } from './modules/auth/guards/capability.guard';
import { CsrfGuard } from './modules/auth/guards/csrf.guard';
import { ClassesModule } from './modules/classes';
import { CommentsModule } from './modules/comments';
import { JwtAuthGuard } from './modules/auth/guards/jwt-auth.guard';
import { RefreshCookieGuard } from './modules/auth/guards/refresh-cookie.guard';
import { DocsModule } from './modules/docs/docs.module';
import { HealthModule } from './modules/health/health.module';
import { MetricsModule } from './modules/metrics/metrics.module';
import { RateLimitModule } from './modules/rate-limit/rate-limit.module';
import { ParticipationModule } from './modules/participation';
import { PresenceModule } from './modules/presence';
import { RealtimeModule } from './modules/realtime';
import { SweeperModule } from './modules/sweeper';
import { UsersModule } from './modules/users';

@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [appConfig] }),
    LoggerModule,
    MongooseModule.forRootAsync({
      inject: [appConfig.KEY],
      useFactory: (config: AppConfig) => ({
        uri: config.mongodbUri,
        serverSelectionTimeoutMS: 5000,
        autoIndex: true,
      }),
    }),
    RedisModule.forRootAsync({
      inject: [appConfig.KEY],
      useFactory: (config: AppConfig) => config.redis,
    }),
    MetricsModule,
    HealthModule,
    RateLimitModule,
    PresenceModule,
    UsersModule,
    AuthModule,
    AttendanceModule,
    CommentsModule,
    ClassesModule,
    ParticipationModule,
    SweeperModule,
    RealtimeModule,
    DocsModule,
  ],
  providers: [
    { provide: APP_FILTER, useClass: AllExceptionsFilter },
    { provide: APP_PIPE, useFactory: createValidationPipe },
    { provide: APP_INTERCEPTOR, useClass: EnvelopeInterceptor },
    // Run in this order: who is calling (access cookie via Passport; the refresh cookie on the
    // refresh-cookie routes), may they, is the request really theirs.
    { provide: APP_GUARD, useClass: JwtAuthGuard },
    { provide: APP_GUARD, useClass: RefreshCookieGuard },
    { provide: APP_GUARD, useClass: CapabilityGuard },
    { provide: APP_GUARD, useClass: CsrfGuard },
  ],
})
export class AppModule {}

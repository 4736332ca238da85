import {
  DynamicModule,
  Global,
  Inject,
  Module,
  OnApplicationShutdown,
  type FactoryProvider,
} from '@nestjs/common';
import { closeRedis, connectRedis, type RedisClient } from './redis-connection';
import { REDIS_CLIENT, REDIS_OPTIONS, type RedisConnectionOptions } from './redis.options';

type OptionsFactory = Omit<FactoryProvider<RedisConnectionOptions>, 'provide'>;

/** Provides one connected command client (`REDIS_CLIENT`) built from configuration. */
@Global()
@Module({})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS_CLIENT) private readonly client: RedisClient) {}

  static forRootAsync(options: OptionsFactory): DynamicModule {
    return {
      module: RedisModule,
      providers: [
        { provide: REDIS_OPTIONS, ...options },
        {
          provide: REDIS_CLIENT,
          inject: [REDIS_OPTIONS],
          useFactory: (connection: RedisConnectionOptions) => connectRedis(connection, 'commands'),
        },
      ],
      exports: [REDIS_CLIENT, REDIS_OPTIONS],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await closeRedis(this.client);
  }
}

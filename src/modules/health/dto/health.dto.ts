import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** `GET /health/live`: the process answers. */
export class LivenessDto {
  @ApiProperty({ enum: ['ok'], example: 'ok' })
  status: 'ok';
}

/** One dependency's round trip, as `GET /health/ready` reports it. */
export class DependencyCheckDto {
  @ApiProperty({ enum: ['up', 'down'], example: 'up' })
  status: 'up' | 'down';

  @ApiPropertyOptional({ description: 'Why it is down', example: 'no answer within 1000 ms' })
  message?: string;
}

export class ReadinessChecksDto {
  @ApiProperty({ type: DependencyCheckDto })
  mongodb: DependencyCheckDto;

  @ApiProperty({ type: DependencyCheckDto })
  redis: DependencyCheckDto;
}

/** `GET /health/ready` when the instance takes traffic: "degraded" while MongoDB is down. */
export class ReadinessDto {
  @ApiProperty({ enum: ['ok', 'degraded'], example: 'ok' })
  status: 'ok' | 'degraded';

  @ApiProperty({
    type: ReadinessChecksDto,
    example: { mongodb: { status: 'up' }, redis: { status: 'up' } },
  })
  checks: ReadinessChecksDto;
}

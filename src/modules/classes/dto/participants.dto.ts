import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LIMITS, type ParticipantsPage, type ParticipantView } from '@llms/contract';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

/** `?limit=50&cursor=…` of the live roster. */
export class ParticipantsQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: LIMITS.PARTICIPANTS_PAGE_MAX, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(LIMITS.PARTICIPANTS_PAGE_MAX)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page (opaque)' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'cursor must be a nextCursor returned by this endpoint' })
  cursor?: string;
}

export class ParticipantViewDto implements ParticipantView {
  @ApiProperty({ example: '665f1c2e9b1e8a0012345679' })
  userId: string;

  @ApiProperty({ example: 'Grace Hopper' })
  name: string;

  @ApiProperty({ format: 'date-time', example: '2026-03-02T10:03:41.512Z' })
  joinedAt: string;
}

export class ParticipantsPageDto implements ParticipantsPage {
  @ApiProperty({ type: [ParticipantViewDto] })
  items: ParticipantViewDto[];

  @ApiProperty({
    nullable: true,
    type: String,
    example: 'cjEuMTIuMWtxM3Q0cjhnLjY2NWYxYzJlOWIxZThhMDAxMjM0NTY3OQ',
    description:
      'Pass as `cursor` for the next page; null once everyone has been listed. A page may hold ' +
      'fewer than `limit` entries even when more follow.',
  })
  nextCursor: string | null;

  @ApiProperty({ example: 12, description: 'The live participant count (all pages together)' })
  count: number;
}

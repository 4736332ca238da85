import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CLASS_STATUSES, LIMITS, type ClassStatus, type ClassView } from '@llms/contract';

/** Swagger shape of the contract's `class`. */
export class ClassViewDto implements ClassView {
  @ApiProperty({ example: '665f1c2e8a1b2c3d4e5f6a7b', pattern: '^[0-9a-f]{24}$' })
  id: string;

  @ApiProperty({ example: 'Linear algebra, week 3', maxLength: LIMITS.TITLE_MAX })
  title: string;

  @ApiProperty({ example: 30, minimum: LIMITS.CAPACITY_MIN, maximum: LIMITS.CAPACITY_MAX })
  capacity: number;

  @ApiProperty({ enum: CLASS_STATUSES, example: 'LIVE' })
  status: ClassStatus;

  @ApiProperty({ example: '665f1c2e9b1e8a0012345678', description: 'id of the creating teacher' })
  createdBy: string;

  @ApiPropertyOptional({
    example: 'K7QX2MZP9D',
    description: "Only in the creator's views and in by-code answers",
  })
  joinCode?: string;

  @ApiPropertyOptional({
    example: 'http://localhost:3000/join/K7QX2MZP9D',
    description: 'PUBLIC_URL + "/join/" + joinCode; present exactly when joinCode is',
  })
  joinUrl?: string;

  @ApiProperty({ example: 12, description: 'live while LIVE, else 0' })
  participantCount: number;

  @ApiProperty({ format: 'date-time', example: '2026-03-02T09:55:12.000Z' })
  createdAt: string;

  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    example: '2026-03-02T10:00:00.000Z',
  })
  startedAt: string | null;

  @ApiProperty({ format: 'date-time', nullable: true, type: String, example: null })
  endedAt: string | null;
}

export class ClassEnvelopeDto {
  @ApiProperty({ type: ClassViewDto }) class: ClassViewDto;
}

export class ClassPageDto {
  @ApiProperty({ type: [ClassViewDto] }) items: ClassViewDto[];

  @ApiProperty({
    nullable: true,
    type: String,
    example: '665f1c2e8a1b2c3d4e5f6a7b',
    description: 'Pass as `cursor` for the next page; null on the last page',
  })
  nextCursor: string | null;
}

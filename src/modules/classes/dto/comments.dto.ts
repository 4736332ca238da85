import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  COMMENT_AUTHOR_ROLES,
  LIMITS,
  type CommentAuthorRole,
  type CommentMessage,
  type Page,
} from '@llms/contract';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

/** `?limit=100&cursor=…&format=csv` of a class's comments. */
export class CommentsQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: LIMITS.COMMENTS_PAGE_MAX, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(LIMITS.COMMENTS_PAGE_MAX)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page (opaque)' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'cursor must be a nextCursor returned by this endpoint' })
  cursor?: string;

  @ApiPropertyOptional({
    enum: ['json', 'csv'],
    default: 'json',
    description: 'csv: the whole transcript as text/csv (after the end only)',
  })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}

export class CommentAuthorDto {
  @ApiProperty({ example: '665f1c2e9b1e8a0012345678' })
  id: string;

  @ApiProperty({ example: 'Ada Lovelace' })
  name: string;

  @ApiProperty({ enum: COMMENT_AUTHOR_ROLES, example: 'TEACHER' })
  role: CommentAuthorRole;
}

export class CommentMessageDto implements CommentMessage {
  @ApiProperty({ example: '3f0c9a8e-2b7d-4a51-9d3e-8c1f2a6b7e90' })
  id: string;

  @ApiProperty({ example: '665f1c2e8a1b2c3d4e5f6a7b' })
  classId: string;

  @ApiProperty({ type: CommentAuthorDto })
  author: CommentAuthorDto;

  @ApiProperty({ example: 'Welcome, everyone!', maxLength: LIMITS.COMMENT_MAX_LENGTH })
  text: string;

  @ApiProperty({ format: 'date-time', example: '2026-03-02T10:04:05.120Z' })
  sentAt: string;
}

export class CommentPageDto implements Page<CommentMessage> {
  @ApiProperty({ type: [CommentMessageDto], description: 'Oldest first' })
  items: CommentMessageDto[];

  @ApiProperty({
    nullable: true,
    type: String,
    example: 'dDEuMms',
    description: 'Pass as `cursor` for the next page of the transcript; always null while LIVE',
  })
  nextCursor: string | null;
}

import { ApiProperty } from '@nestjs/swagger';
import { LIMITS } from '@llms/contract';
import { Transform } from 'class-transformer';
import { IsString, Length } from 'class-validator';

/** `{classId, text}`: the COMMENT payload; text is trimmed, then 1 to 500 characters. */
export class SendCommentPayload {
  @ApiProperty({ example: '665f1c2e8a1b2c3d4e5f6a7b', description: 'A class id (canonical form)' })
  @IsString()
  classId: string;

  @ApiProperty({ minLength: 1, maxLength: LIMITS.COMMENT_MAX_LENGTH })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(1, LIMITS.COMMENT_MAX_LENGTH, {
    message: `text must be 1 to ${LIMITS.COMMENT_MAX_LENGTH} characters after trimming`,
  })
  text: string;
}

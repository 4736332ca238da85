import { ApiProperty } from '@nestjs/swagger';
import { COMMENT_MAX_LENGTH } from '@llms/contract';
import { Transform } from 'class-transformer';
import { IsMongoId, IsString, Length } from 'class-validator';

/** `{classId, text}`: the COMMENT payload; text is trimmed, then 1 to 500 characters. */
export class SendCommentPayload {
  @ApiProperty()
  @IsMongoId({ message: 'classId must be a class id' })
  classId: string;

  @ApiProperty({ minLength: 1, maxLength: COMMENT_MAX_LENGTH })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(1, COMMENT_MAX_LENGTH, {
    message: `text must be 1 to ${COMMENT_MAX_LENGTH} characters after trimming`,
  })
  text: string;
}

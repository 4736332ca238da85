import { ApiProperty } from '@nestjs/swagger';
import { IsMongoId } from 'class-validator';

/** `{classId}`: the payload of JOIN_CLASS and LEAVE_CLASS. */
export class ClassIdPayload {
  @ApiProperty({ example: '665f1c2e8a1b2c3d4e5f6a7b' })
  @IsMongoId({ message: 'classId must be a class id' })
  classId: string;
}

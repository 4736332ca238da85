import { ApiProperty } from '@nestjs/swagger';
import { IsString } from 'class-validator';

/** `{classId}`: the LEAVE_CLASS payload. */
export class LeaveClassPayload {
  @ApiProperty({ example: '665f1c2e8a1b2c3d4e5f6a7b', description: 'A class id (canonical form)' })
  @IsString()
  classId: string;
}

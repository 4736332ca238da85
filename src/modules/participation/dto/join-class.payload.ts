import { ApiProperty } from '@nestjs/swagger';
import { IsString } from 'class-validator';

/** `{classId, joinCode}`: the JOIN_CLASS payload. */
export class JoinClassPayload {
  @ApiProperty({ example: '665f1c2e8a1b2c3d4e5f6a7b', description: 'A class id (canonical form)' })
  @IsString()
  classId: string;

  @ApiProperty({ example: 'K7QX2MZP9D', description: "The class's join code, from its join link" })
  @IsString()
  joinCode: string;
}

import { ApiProperty } from '@nestjs/swagger';
import { CAPABILITIES, type Capability, type MeView, type UserView } from '@llms/contract';

/** Swagger model of the contract's `user`. */
export class UserViewDto implements UserView {
  @ApiProperty({ example: '665f1c2e9b1e8a0012345678' })
  id: string;

  @ApiProperty({ example: 'Ada Lovelace' })
  name: string;

  @ApiProperty({ example: 'ada@example.com' })
  email: string;

  @ApiProperty({ enum: CAPABILITIES, isArray: true, example: ['STUDENT'] })
  capabilities: Capability[];

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

/** The signed-in user as `GET /api/users/me` returns it. */
export class MeViewDto extends UserViewDto implements MeView {
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The class the user is active in right now',
  })
  activeClassId: string | null;
}

export class MeResponseDto {
  @ApiProperty({ type: MeViewDto })
  user: MeViewDto;
}

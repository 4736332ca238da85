import { ApiProperty } from '@nestjs/swagger';
import { UserViewDto } from '../../users';

export class CsrfTokenDto {
  @ApiProperty({ description: 'Send as X-CSRF-Token on every POST/PUT/PATCH/DELETE' })
  csrfToken: string;
}

/** Body of register, login and refresh (the tokens travel in cookies). */
export class AuthResultDto extends CsrfTokenDto {
  @ApiProperty({ type: UserViewDto })
  user: UserViewDto;
}

export class EmptyDto {}

import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiEnvelope } from '../../common/swagger/api-envelope.decorator';
import { Authenticated, CurrentUser, type AuthUser } from '../../common/auth';
import { MeResponseDto } from './dto/user-view.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@Controller('api/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get('me')
  @Authenticated()
  @ApiOperation({ summary: 'The signed-in user, with the class they are active in (or null)' })
  @ApiEnvelope(MeResponseDto)
  async me(@CurrentUser() user: AuthUser): Promise<MeResponseDto> {
    return { user: await this.users.getMe(user.id) };
  }
}

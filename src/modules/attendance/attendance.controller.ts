import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/decorators/current-user.decorator';
import { Authenticated } from '../auth/decorators/authenticated.decorator';
import { AttendanceService } from './attendance.service';

@ApiTags('attendance')
@Controller('api/users/me/attendance')
export class AttendanceController {
  constructor(private readonly attendance: AttendanceService) {}

  @Get()
  @Authenticated()
  @ApiOperation({ summary: 'My attendance records, newest first' })
  async mine(@CurrentUser() user: AuthUser) {
    return { items: await this.attendance.mine(user.id) };
  }
}

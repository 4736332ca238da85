import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentUser, type AuthUser } from '../../common/auth';
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

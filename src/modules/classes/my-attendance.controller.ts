import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiEnvelope } from '../../common/swagger/api-envelope.decorator';
import { ClassReports } from './class-reports';
import { MyAttendanceDto } from './dto/attendance-report.dto';
import { type AuthUser, Authenticated, CurrentUser } from '../../common/auth';

/**
 * The signed-in user's attendance history. Served here rather than by the attendance module
 * because each stay is shown against its class's length, which only classes know.
 */
@ApiTags('attendance')
@Controller('api/users/me/attendance')
export class MyAttendanceController {
  constructor(private readonly reports: ClassReports) {}

  @Get()
  @Authenticated()
  @ApiOperation({
    summary: 'My attendance records, newest first, each with the length of its class',
  })
  @ApiEnvelope(MyAttendanceDto)
  async mine(@CurrentUser() user: AuthUser): Promise<MyAttendanceDto> {
    return { items: await this.reports.myAttendance(user) };
  }
}

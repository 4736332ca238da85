import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CLASS_STATUSES, type ClassStatus, type ClassView } from '@llms/contract';

/** Swagger shape of the contract's `class`. */
export class ClassViewDto implements ClassView {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
  @ApiProperty() capacity: number;
  @ApiProperty({ enum: CLASS_STATUSES }) status: ClassStatus;
  @ApiProperty({ description: 'id of the creating teacher' }) createdBy: string;
  @ApiPropertyOptional({
    example: 'K7QX2MZP9D',
    description: "Only in the creator's views and in by-code answers",
  })
  joinCode?: string;
  @ApiPropertyOptional({
    example: 'http://localhost:3000/join/K7QX2MZP9D',
    description: 'PUBLIC_URL + "/join/" + joinCode; present exactly when joinCode is',
  })
  joinUrl?: string;
  @ApiProperty({ description: 'live while LIVE, else 0' }) participantCount: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) startedAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) endedAt: string | null;
}

export class ClassEnvelopeDto {
  @ApiProperty({ type: ClassViewDto }) class: ClassViewDto;
}

export class ClassPageDto {
  @ApiProperty({ type: [ClassViewDto] }) items: ClassViewDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

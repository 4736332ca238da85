import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { LIMITS } from '@llms/contract';
import { IsInt, IsString, Length, Max, Min } from 'class-validator';

export class CreateClassDto {
  @ApiProperty({ example: 'Linear algebra, week 3', minLength: 1, maxLength: LIMITS.TITLE_MAX })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(1, LIMITS.TITLE_MAX)
  title: string;

  @ApiProperty({ example: 30, minimum: LIMITS.CAPACITY_MIN, maximum: LIMITS.CAPACITY_MAX })
  @IsInt()
  @Min(LIMITS.CAPACITY_MIN)
  @Max(LIMITS.CAPACITY_MAX)
  capacity: number;
}

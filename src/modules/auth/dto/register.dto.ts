import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  Length,
  MaxLength,
} from 'class-validator';
import { CAPABILITIES, LIMITS, type Capability } from '@llms/contract';
import { normalizeEmail } from '../../users';

/** Trims strings; leaves anything else (e.g. an operator object) for the validators to refuse. */
export const trimmed = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim() : value;
export const asEmail = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? normalizeEmail(value) : value;

const { NAME_MAX, EMAIL_MAX, PASSWORD_MIN, PASSWORD_MAX } = LIMITS;

export class RegisterDto {
  @ApiProperty({ minLength: 1, maxLength: NAME_MAX, example: 'Ada Lovelace' })
  @Transform(trimmed)
  @IsString()
  @Length(1, NAME_MAX)
  name: string;

  @ApiProperty({
    format: 'email',
    example: 'ada@example.com',
    description: 'Unique, case-insensitively',
  })
  @Transform(asEmail)
  @IsString()
  @MaxLength(EMAIL_MAX)
  @IsEmail()
  email: string;

  @ApiProperty({ minLength: PASSWORD_MIN, maxLength: PASSWORD_MAX, format: 'password' })
  @IsString()
  @Length(PASSWORD_MIN, PASSWORD_MAX)
  password: string;

  @ApiPropertyOptional({
    enum: CAPABILITIES,
    isArray: true,
    default: ['STUDENT'],
    uniqueItems: true,
  })
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @IsIn(CAPABILITIES, { each: true })
  capabilities?: Capability[];
}

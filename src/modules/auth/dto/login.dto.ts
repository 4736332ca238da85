import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { LIMITS } from '@llms/contract';
import { asEmail } from './register.dto';

const { EMAIL_MAX, PASSWORD_MAX } = LIMITS;

export class LoginDto {
  @ApiProperty({ format: 'email', example: 'ada@example.com' })
  @Transform(asEmail)
  @IsString()
  @MaxLength(EMAIL_MAX)
  @IsEmail()
  email: string;

  @ApiProperty({ format: 'password', maxLength: PASSWORD_MAX })
  @IsString()
  @IsNotEmpty()
  @MaxLength(PASSWORD_MAX)
  password: string;
}

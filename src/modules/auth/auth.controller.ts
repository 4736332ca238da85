import { Body, Controller, Get, Header, HttpCode, Post, Res, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { FastifyReply } from 'fastify';
import { AppError } from '@llms/errors';
import { CurrentUser, Public, type AuthUser } from '../../common/auth';
import { ApiEnvelope } from '../../common/swagger/api-envelope.decorator';
import { ApiFailure } from '../../common/swagger/api-failure.decorator';
import { AuthCookies } from './auth-cookies';
import { AuthService, type AuthSession } from './auth.service';
import { DEVICE_THROTTLER, EMAIL_THROTTLER } from './auth-throttle';
import { PresentedRefresh } from './decorators/presented-refresh-token.decorator';
import { RefreshCookieSession } from './decorators/refresh-cookie-session.decorator';
import { SkipCsrf } from './decorators/skip-csrf.decorator';
import type { PresentedRefreshToken } from './presented-refresh-token';
import { AuthResultDto, CsrfTokenDto, EmptyDto } from './dto/auth-responses.dto';
import { LoginDto } from './dto/login.dto';
import { RegisterDto } from './dto/register.dto';
import { AuthThrottlerGuard } from './guards/auth-throttler.guard';

/** Refresh failures after which the client's cookies are useless: clear them. */
const DEAD_REFRESH = new Set(['REFRESH_TOKEN_INVALID', 'REFRESH_TOKEN_REUSED']);

/** Auth responses carry session secrets: never cache them. */
const NoStore = () => Header('Cache-Control', 'no-store');

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly cookies: AuthCookies,
  ) {}

  @Post('register')
  @NoStore()
  @Public()
  @SkipCsrf()
  @UseGuards(AuthThrottlerGuard)
  @SkipThrottle({ [EMAIL_THROTTLER]: true, [DEVICE_THROTTLER]: true })
  @ApiOperation({
    summary: 'Create an account and sign in (sets the access, refresh and device cookies)',
    description: 'Limited to AUTH_RATE_LIMIT_PER_MINUTE per client IP.',
  })
  @ApiEnvelope(AuthResultDto, 201)
  @ApiFailure(400, 'VALIDATION_FAILED: a field is missing or invalid (see `details`)')
  @ApiFailure(409, 'EMAIL_TAKEN: an account with this email exists')
  @ApiFailure(429, 'RATE_LIMITED: too many attempts from this IP; see `Retry-After`')
  async register(
    @Body() body: RegisterDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AuthResultDto> {
    return this.signIn(reply, await this.auth.register(body));
  }

  @Post('login')
  @NoStore()
  @HttpCode(200)
  @Public()
  @SkipCsrf()
  @UseGuards(AuthThrottlerGuard)
  @ApiOperation({
    summary: 'Sign in (sets the access, refresh and device cookies)',
    description:
      'Limited to AUTH_RATE_LIMIT_PER_MINUTE attempts per minute per client IP, and per email. ' +
      'A browser that has signed in to the account before sends its `device_token` cookie ' +
      '(HttpOnly, Path=/api/auth, a year; set on every successful login and register): its ' +
      'attempts count against that device cookie instead of the email, so failures from elsewhere ' +
      'cannot lock its owner out, and its own failures count against it alone.',
  })
  @ApiEnvelope(AuthResultDto)
  @ApiFailure(400, 'VALIDATION_FAILED: email or password missing or malformed')
  @ApiFailure(401, 'INVALID_CREDENTIALS: wrong email or password (alike for unknown emails)')
  @ApiFailure(
    429,
    'RATE_LIMITED: too many attempts from this IP, for this email (browsers without a device ' +
      'cookie for it) or with this device cookie; see `Retry-After`',
  )
  async login(
    @Body() body: LoginDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AuthResultDto> {
    return this.signIn(reply, await this.auth.login(body));
  }

  @Post('refresh')
  @ApiSecurity('csrf')
  @NoStore()
  @HttpCode(200)
  @RefreshCookieSession()
  @ApiOperation({
    summary: 'Rotate the refresh cookie and issue a new access cookie',
    description:
      'Needs the refresh cookie and an X-CSRF-Token of its session. Presenting an already rotated ' +
      'refresh token revokes the whole session (REFRESH_TOKEN_REUSED), and its sockets get ' +
      'SESSION_ENDED `REVOKED` and close. Works with an expired access token.',
  })
  @ApiEnvelope(AuthResultDto)
  @ApiFailure(
    401,
    'REFRESH_TOKEN_INVALID (missing, unknown, expired, revoked) or REFRESH_TOKEN_REUSED',
  )
  @ApiFailure(403, 'CSRF_TOKEN_INVALID: X-CSRF-Token missing or not of this session')
  async refresh(
    @PresentedRefresh() refreshToken: PresentedRefreshToken | null,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AuthResultDto> {
    try {
      return this.signIn(reply, await this.auth.refresh(refreshToken));
    } catch (error) {
      if (error instanceof AppError && DEAD_REFRESH.has(error.code)) this.cookies.clear(reply);
      throw error;
    }
  }

  @Post('logout')
  @ApiSecurity('csrf')
  @NoStore()
  @HttpCode(200)
  @RefreshCookieSession()
  @ApiOperation({
    summary: 'Revoke the session and clear the cookies (works with an expired access token)',
    description:
      "The session's sockets, on every instance, get SESSION_ENDED `LOGGED_OUT` and close within " +
      '5 s. The device cookie stays: it only says that this browser signed in to the account.',
  })
  @ApiEnvelope(EmptyDto)
  @ApiFailure(401, 'UNAUTHENTICATED: no session to log out of')
  @ApiFailure(403, 'CSRF_TOKEN_INVALID: X-CSRF-Token missing or not of this session')
  async logout(
    @PresentedRefresh() refreshToken: PresentedRefreshToken | null,
    @CurrentUser({ optional: true }) user: AuthUser | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<EmptyDto> {
    await this.auth.logout(refreshToken, user);
    this.cookies.clear(reply);
    return {};
  }

  @Get('csrf')
  @NoStore()
  @RefreshCookieSession()
  @ApiOperation({
    summary: 'A fresh CSRF token for the signed-in session',
    description:
      'Works with a valid access cookie, or with a valid refresh cookie alone (after a reload).',
  })
  @ApiEnvelope(CsrfTokenDto)
  csrf(
    @PresentedRefresh() refreshToken: PresentedRefreshToken | null,
    @CurrentUser({ optional: true }) user: AuthUser | undefined,
  ): CsrfTokenDto {
    return { csrfToken: this.auth.csrfTokenFor(refreshToken, user) };
  }

  private signIn(reply: FastifyReply, session: AuthSession): AuthResultDto {
    this.cookies.set(reply, session.cookies);
    return { user: session.user, csrfToken: session.csrfToken };
  }
}

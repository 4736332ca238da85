import { Inject, Injectable } from '@nestjs/common';
import { appConfig, type AppConfig } from '../../config/app.config';
import { signCsrfToken, verifyCsrfToken } from './csrf-token';

/** CSRF tokens bound to a session id by HMAC with CSRF_SECRET. */
@Injectable()
export class CsrfService {
  constructor(@Inject(appConfig.KEY) private readonly config: AppConfig) {}

  issue(sid: string): string {
    return signCsrfToken(this.config.auth.csrfSecret, sid);
  }

  verify(sid: string, token: unknown): boolean {
    return verifyCsrfToken(this.config.auth.csrfSecret, sid, token);
  }
}

import { SetMetadata } from '@nestjs/common';

export const SKIP_CSRF = 'llms:skipCsrf';

/** Exempts a state-changing route from the CSRF check (only register and login: no session yet). */
export const SkipCsrf = () => SetMetadata(SKIP_CSRF, true);

import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'llms:isPublic';

/** Opens a route or controller to anonymous callers (routes are signed-in only by default). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

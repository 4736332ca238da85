import type { FastifyRequest } from 'fastify';
import type { Capability } from '@llms/contract';

/** Who acts, as the domain rules need it: the user's id and display name. */
export type Actor = Pick<AuthUser, 'id' | 'name'>;

/** The signed-in caller, as read from a verified access token. */
export interface AuthUser {
  id: string;
  name: string;
  capabilities: Capability[];
  /** Session id: the refresh-token family the access token was issued for. */
  sid: string;
  /**
   * When the session (the refresh family) expires, in epoch milliseconds. Sockets of the session
   * end at this moment (SESSION_ENDED EXPIRED); the access token's own, shorter expiry does not
   * end them.
   */
  sessionExpiresAt: number;
}

/** A Fastify request after the authentication guard (`user` is set on signed-in routes). */
export type AuthRequest = FastifyRequest & { user?: AuthUser };

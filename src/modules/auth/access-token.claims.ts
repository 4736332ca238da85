import type { SignOptions, VerifyOptions } from 'jsonwebtoken';

/**
 * The rules of our access tokens, written once: HS256 only (pinned, so `alg: none` or another
 * algorithm is refused), our issuer and audience. `jwtSignOptions` is what `AccessTokenService`
 * signs with; `jwtVerifyOptions` is what both verifiers of the one session check use (the
 * Passport strategy for HTTP and `SessionCheck.verifyToken` for the Socket.IO handshake).
 */
export const ACCESS_TOKEN_ALGORITHM = 'HS256';

export interface TokenIdentity {
  issuer: string;
  audience: string;
}

export function jwtVerifyOptions({ issuer, audience }: TokenIdentity): VerifyOptions {
  return { algorithms: [ACCESS_TOKEN_ALGORITHM], issuer, audience };
}

export function jwtSignOptions({ issuer, audience }: TokenIdentity): SignOptions {
  return { algorithm: ACCESS_TOKEN_ALGORITHM, issuer, audience };
}

/** The claims we put into an access token besides iss, aud, sub, iat and exp. */
export interface SessionClaims {
  name: string;
  capabilities: string[];
  /** Session id: the refresh-token family. */
  sid: string;
  /** When the session (the refresh family) expires, in epoch seconds. */
  sexp: number;
}

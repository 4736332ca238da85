import { createSecretKey, type KeyObject } from 'node:crypto';
import type { SignOptions, VerifyOptions } from 'jsonwebtoken';

/**
 * The rules of our access tokens, written once: HS256 only (pinned, so `alg: none` or another
 * algorithm is refused), our issuer and audience. `jwtSignOptions` is what `AccessTokenService`
 * signs with; `jwtVerifyOptions` is what both verifiers of the one session check use (the
 * Passport strategy for HTTP and `SessionCheck.verifyToken` for the Socket.IO handshake).
 */
export const ACCESS_TOKEN_ALGORITHM = 'HS256';

const keys = new Map<string, KeyObject>();

/**
 * The HMAC key of a secret, made once. Given a string, jsonwebtoken first tries to read it as a
 * PEM public (or private) key on every verify (and sign), which throws and costs about 0.8 ms a
 * Socket.IO handshake (7% of an instance's CPU while 2,500 sockets connected, in a CPU profile);
 * a KeyObject goes straight to HMAC.
 */
export function accessTokenKey(secret: string): KeyObject {
  let key = keys.get(secret);
  if (!key) {
    key = createSecretKey(Buffer.from(secret, 'utf8'));
    keys.set(secret, key);
  }
  return key;
}

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

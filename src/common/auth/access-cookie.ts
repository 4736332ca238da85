/**
 * Name of the cookie that carries the access token (contract: `access_token`, Path=/). Shared by
 * the auth module that writes and verifies it and by the Swagger annotation of signed-in routes.
 */
export const ACCESS_COOKIE = 'access_token';

import { userInfo } from 'node:os';
import pg from 'pg';

/**
 * libpq falls back to the OS user name when the URL names no user; node-postgres falls back to
 * $USER only, and fails when that is unset (containers, CI). Fill the gap the libpq way.
 */
export function withDefaultUser(url: string): string {
  const parsed = new URL(url);
  if (parsed.username !== '' || pg.defaults.user) return url;
  parsed.username = encodeURIComponent(userInfo().username);
  return parsed.toString();
}

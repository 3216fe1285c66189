import { placeholderPattern } from './placeholder.js';
import type { PlaceholderVault } from './vault.js';

/** Puts the originals back for every placeholder the vault knows; any other token stays. */
export function reidentify(text: string, vault: PlaceholderVault): string {
  return text.replace(placeholderPattern(), (token) =>
    Object.hasOwn(vault, token) ? (vault[token] ?? token) : token,
  );
}

/** Placeholder-shaped tokens (any casing) that the vault does not know, e.g. invented by an LLM. */
export function unknownPlaceholders(text: string, vault: PlaceholderVault): string[] {
  const tokens = text.match(placeholderPattern('gi')) ?? [];
  return [...new Set(tokens.filter((token) => !Object.hasOwn(vault, token)))];
}

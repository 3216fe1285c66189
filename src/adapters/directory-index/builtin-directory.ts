import type { DirectoryIndex, DirectoryProfile } from '../../domain/index.js';
import { builtinProfiles } from './builtin-profiles.js';
import { createMemoryDirectoryIndex } from './memory-index.js';

/** The small built-in directory of eye specialists around Providence, scanned in memory. */
export function createBuiltinDirectory(
  profiles: readonly DirectoryProfile[] = builtinProfiles(),
): DirectoryIndex {
  return createMemoryDirectoryIndex(profiles);
}

import { type DirectoryImport, type DirectoryRepo, DriftKind } from '../../src/domain/index.js';
import type { Table } from '../core/suite.js';
import { type Finding, type FindingGroup, finding, fmt3 } from './finding.js';
import type { DriftThresholds } from './thresholds.js';

const share = (imp: DirectoryImport | undefined, kind: DriftKind, profiles: number) =>
  imp === undefined || profiles <= 0 ? null : imp.drift[kind] / profiles;

/**
 * What the latest import changed, kind by kind, as a share of the directory's profiles; the
 * import before it is shown beside it for comparison. Over a kind's share: an alert.
 */
export function directoryShift(
  latest: DirectoryImport | undefined,
  previous: DirectoryImport | undefined,
  profiles: number,
  t: Pick<DriftThresholds, 'directoryShare'>,
): FindingGroup {
  const findings: Finding[] = DriftKind.options.map((kind) => {
    const max = t.directoryShare[kind];
    return finding(
      {
        id: `directory.${kind}`,
        label: `Directory: ${kind.replaceAll('-', ' ')} (share of profiles)`,
        better: 'lower',
        unit: 'ratio',
      },
      share(latest, kind, profiles),
      profiles,
      { gate: { max }, threshold: { max: max / 2 } },
      (v) =>
        `Directory import ${latest?.importId} (${latest?.source}): ${kind} for ${latest?.drift[kind]} ` +
        `of ${profiles} profiles (${fmt3(v)}), over ${fmt3(max)}`,
    );
  });
  const table: Table = {
    title: 'Directory drift by kind: the latest import and the one before (share of profiles)',
    columns: [
      'kind',
      `latest (${latest?.importId ?? 'none'})`,
      'share',
      `previous (${previous?.importId ?? 'none'})`,
      'share',
      'alert over',
    ],
    rows: DriftKind.options.map((kind) => [
      kind,
      latest?.drift[kind] ?? null,
      share(latest, kind, profiles),
      previous?.drift[kind] ?? null,
      share(previous, kind, profiles),
      t.directoryShare[kind],
    ]),
  };
  const notes =
    latest === undefined
      ? ['No directory import is recorded: directory drift is not judged.']
      : [
          `Directory drift is that of import ${latest.importId} (${latest.source}, ${latest.updatedAt}) ` +
            `over the ${profiles} profiles the directory holds${previous ? `; import ${previous.importId} before it for comparison` : '; no import before it'}.`,
        ];
  return { findings, tables: [table], notes };
}

/** Reads the two latest imports and the directory's size, and judges the latest. */
export async function checkDirectory(
  directory: Pick<DirectoryRepo, 'listImports' | 'counts'>,
  t: Pick<DriftThresholds, 'directoryShare'>,
): Promise<FindingGroup> {
  const [[latest, previous], counts] = await Promise.all([
    directory.listImports(2),
    directory.counts(),
  ]);
  return directoryShift(latest, previous, counts.profiles, t);
}

import { describe, expect, it } from 'vitest';
import type { ScanResult } from './phi-scan.js';
import { type PhiScores, phiFailures, phiMetrics, reidentificationProblem } from './score.js';

const scan = (sink: string, texts: number, leaks = 0): ScanResult => ({
  sink,
  texts,
  bytes: texts * 100,
  leaks: Array.from({ length: leaks }, (_, i) => ({
    sink,
    index: i,
    canary: 'quillaaaab',
    context: 'Pt Quillaaaab',
  })),
});

const sent = {
  referralId: 'ref-1',
  givenName: 'Quillaaaab',
  familyName: 'Zyqwertanskiaaab',
  letters: ['Evaluation requested\nPlease evaluate Quillaaaab Zyqwertanskiaaab for the findings.'],
  patientMessages: ['Hello Quillaaaab Zyqwertanskiaaab, we have referred you.'],
};

function scores(over: Partial<PhiScores> = {}): PhiScores {
  return {
    scans: {
      prompts: scan('LLM request', 8),
      traces: scan('OTLP body', 2),
      logs: scan('log line', 3),
    },
    referrals: 2,
    reachedReview: [true, true],
    llmAnswered: [true, true],
    sent: [sent],
    ...over,
  };
}

const byId = (s: PhiScores) => Object.fromEntries(phiMetrics(s, 1).map((m) => [m.id, m]));

describe('reidentificationProblem', () => {
  it('accepts a letter naming the patient and a message greeting them', () => {
    expect(reidentificationProblem(sent)).toBeNull();
  });

  it.each([
    ['no letter', { letters: [] }, 'no letter reached the EHR'],
    [
      'a placeholder left',
      { letters: ['Please evaluate [PATIENT_NAME_1].'] },
      'a placeholder was left in a sent message',
    ],
    [
      'an unnamed letter',
      { letters: ['Please evaluate the patient.'] },
      'the letter does not name',
    ],
    ['no greeting', { patientMessages: ['Hello, you were referred.'] }, 'does not greet'],
  ])('reports %s', (_, over, problem) => {
    expect(reidentificationProblem({ ...sent, ...over })).toContain(problem);
  });
});

describe('phiMetrics', () => {
  it('pass with no leak, traffic on every channel and re-identified letters', () => {
    const metrics = phiMetrics(scores(), 1);
    expect(metrics.filter((m) => m.status === 'fail' || m.status === 'warn')).toEqual([]);
    expect(byId(scores())['prompts-leaks']).toMatchObject({ value: 0, n: 8 });
  });

  it.each(['prompts', 'traces', 'logs'] as const)('fail the gate on one leak in %s', (channel) => {
    const s = scores();
    s.scans[channel] = scan(channel, 4, 1);
    expect(byId(s)[`${channel}-leaks`]).toMatchObject({ value: 1, status: 'fail' });
  });

  it('fail when a channel carried nothing (a scan of nothing proves nothing)', () => {
    const s = scores();
    s.scans.traces = scan('OTLP body', 0);
    expect(byId(s)['channels-with-traffic']).toMatchObject({ value: 2, status: 'fail' });
  });

  it('warn when a letter is not re-identified or the model did not answer', () => {
    const s = scores({
      sent: [{ ...sent, letters: ['Please evaluate [PATIENT_NAME_1].'] }],
      llmAnswered: [true, false],
    });
    expect(byId(s)['sent-reidentified']).toMatchObject({ value: 0, status: 'warn' });
    expect(byId(s)['llm-answered']).toMatchObject({ value: 0.5, status: 'warn' });
  });

  it('list leaks before unsent letters in the failures', () => {
    const s = scores({ sent: [{ ...sent, letters: [] }] });
    s.scans.logs = scan('log line', 3, 2);
    expect(phiFailures(s).map((f) => f.caseId)).toEqual(['logs#0', 'logs#1', 'ref-1']);
    expect(phiFailures(s, 1)).toHaveLength(1);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { json, type TestSandbox, testSandbox } from './test-client.js';

let sb: TestSandbox;
beforeEach(() => {
  sb = testSandbox();
});
afterEach(async () => {
  await sb.close();
});

const note = { date: '2026-01-15', kind: 'exam', author: 'Dr. Test', text: 'IOP 24/25 mmHg.' };
const notesPath = (id: string) => `/sandbox/patients/${id}/notes`;

describe('GET /api/patients/{id}/notes', () => {
  it("answers the demo patient's notes newest first, snake_case", async () => {
    const res = await sb.call('GET', '/api/patients/pat-0001/notes');
    expect(res.status).toBe(200);
    const { data } = await json(res);
    expect(data.map((n: { date: string }) => n.date)).toEqual([
      '2025-09-12',
      '2025-06-03',
      '2024-11-20',
      '2024-03-08',
    ]);
    expect(data[0]).toEqual({
      id: 'note-000001',
      patient_id: 'pat-0001',
      date: '2025-09-12',
      kind: 'exam',
      author: 'Dr. Imogen Thistlewood, OD',
      text: expect.stringContaining('drusen'),
    });
    expect(data[2]).toMatchObject({ kind: 'other', author: null });
  });

  it('answers an empty list for a patient without notes, 404 for an unknown one', async () => {
    const created = await json(
      await sb.call('POST', '/api/patients', {
        body: {
          given_name: 'Casey',
          family_name: 'Fernhill',
          birth_date: '1970-02-03',
          sex: 'other',
          address: { line: '9 Angell St', city: 'Providence', state: 'RI', postal_code: '02906' },
          location: { lat: 41.83, lon: -71.4 },
          language: 'en',
          preferred_channel: 'email',
        },
      }),
    );
    expect(await json(await sb.call('GET', `/api/patients/${created.id}/notes`))).toEqual({
      data: [],
    });
    const unknown = await sb.call('GET', '/api/patients/pat-9999/notes');
    expect(unknown.status).toBe(404);
    expect((await json(unknown)).error.code).toBe('NOT_FOUND');
  });

  it('needs the bearer token and follows EHR faults', async () => {
    const res = await sb.call('GET', '/api/patients/pat-0001/notes', { auth: false });
    expect(res.status).toBe(401);
    expect((await json(res)).error.code).toBe('UNAUTHORIZED');
    await sb.call('POST', '/sandbox/faults', { body: { target: 'ehr', mode: 'down' } });
    expect((await sb.call('GET', '/api/patients/pat-0001/notes')).status).toBe(503);
  });
});

describe('POST /sandbox/patients/{id}/notes', () => {
  it('appends notes with new ids, open like the other controls, read back in date order', async () => {
    const res = await sb.call('POST', notesPath('pat-0002'), {
      auth: false,
      body: {
        notes: [note, { date: '2021-01-05', kind: 'other', text: 'Dental visit, no issues.' }],
      },
    });
    expect(res.status).toBe(201);
    const { data: added } = await json(res);
    const first = sb.world.practice.notes.length + 1;
    expect(added).toEqual([
      { id: `note-${String(first).padStart(6, '0')}`, patient_id: 'pat-0002', ...note },
      {
        id: `note-${String(first + 1).padStart(6, '0')}`,
        patient_id: 'pat-0002',
        date: '2021-01-05',
        kind: 'other',
        author: null,
        text: 'Dental visit, no issues.',
      },
    ]);
    const { data } = await json(await sb.call('GET', '/api/patients/pat-0002/notes'));
    expect(data[0]).toEqual(added[0]);
    expect(data.at(-1)).toEqual(added[1]);
    const dates = data.map((n: { date: string }) => n.date);
    expect(dates).toEqual([...dates].sort().reverse());
  });

  it('404s an unknown patient', async () => {
    const res = await sb.call('POST', notesPath('pat-9999'), { body: { notes: [note] } });
    expect(res.status).toBe(404);
    expect((await json(res)).error.code).toBe('NOT_FOUND');
  });

  it.each([
    ['no notes', { notes: [] }, 'notes'],
    ['51 notes', { notes: Array(51).fill(note) }, 'notes'],
    ['a bad date', { notes: [{ ...note, date: 'SECRET-2025' }] }, 'notes.0.date'],
    ['an impossible date', { notes: [{ ...note, date: '2025-02-30' }] }, 'notes.0.date'],
    ['an unknown kind', { notes: [{ ...note, kind: 'SECRET' }] }, 'notes.0.kind'],
    ['a blank text', { notes: [{ ...note, text: '   ' }] }, 'notes.0.text'],
    [
      'an 8001-char text',
      { notes: [{ ...note, text: `SECRET${'x'.repeat(7995)}` }] },
      'notes.0.text',
    ],
    ['an empty author', { notes: [{ ...note, author: '' }] }, 'notes.0.author'],
    ['an unknown field', { notes: [{ ...note, patientId: 'SECRET' }] }, 'notes.0'],
    ['a bare array', [note], '(root)'],
  ])('refuses %s with 422, naming the field, echoing nothing', async (_, body, path) => {
    const before = sb.world.notesOf('pat-0002');
    const res = await sb.call('POST', notesPath('pat-0002'), { body });
    expect(res.status).toBe(422);
    const text = await res.text();
    expect(text).not.toContain('SECRET');
    const { error } = JSON.parse(text);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.issues.map((i: { path: string }) => i.path)).toContain(path);
    expect(sb.world.notesOf('pat-0002')).toEqual(before);
  });

  it('accepts an 8000-char text; answers 400 to broken JSON and 415 to a non-JSON body', async () => {
    const long = { notes: [{ ...note, text: 'x'.repeat(8000) }] };
    expect((await sb.call('POST', notesPath('pat-0002'), { body: long })).status).toBe(201);
    const broken = await sb.call('POST', notesPath('pat-0002'), { body: '{"notes":' });
    expect(broken.status).toBe(400);
    const plain = await sb.call('POST', notesPath('pat-0002'), {
      body: 'notes',
      headers: { 'content-type': 'text/plain' },
    });
    expect(plain.status).toBe(415);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeApp, FAKE_APP_TOKENS } from '../../../test/support/fake-app.js';
import type { CoordinatorTask, TaskDraft } from '../../domain/index.js';
import { Task } from '../schemas.js';

type Fake = Awaited<ReturnType<typeof createFakeApp>>;

const PRACTICE = 'practice-test';
let fake: Fake;
let keys = 0;
beforeEach(async () => {
  fake = await createFakeApp();
});
afterEach(() => fake.close());

const draft = (kind: TaskDraft['kind']): TaskDraft => ({
  kind,
  title: `A ${kind} task`,
  detail: 'Look at it.',
});
const newTask = (kind: TaskDraft['kind'], practiceId = PRACTICE, referralId = 'ref-1') =>
  fake.harness.store.tasks.create({
    practiceId,
    referralId,
    key: `task-${String(++keys).padStart(4, '0')}`,
    task: draft(kind),
  });

function complete(
  id: string,
  options: { body?: string; type?: string | null; token?: string; key?: string | null } = {},
) {
  const headers: Record<string, string> = {
    authorization: `Bearer ${options.token ?? FAKE_APP_TOKENS.coordinator}`,
  };
  const key = options.key === undefined ? `complete-${++keys}` : options.key;
  if (key !== null) headers['idempotency-key'] = key;
  const type = options.type === undefined ? 'application/json' : options.type;
  if (options.body !== undefined && type !== null) headers['content-type'] = type;
  return fake.app.request(`/api/tasks/${encodeURIComponent(id)}/complete`, {
    method: 'POST',
    headers,
    ...(options.body === undefined ? {} : { body: options.body }),
  });
}

const get = (path: string, token: string = FAKE_APP_TOKENS.coordinator) =>
  fake.app.request(path, { headers: { authorization: `Bearer ${token}` } });

async function answer(res: Response, status: number) {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return JSON.parse(text) as unknown;
}

async function errorOf(res: Response, status: number) {
  return (await answer(res, status)) as {
    error: { code: string; issues?: { path: string; code: string }[] };
  };
}

const completions = async (referralId = 'ref-1') =>
  (await fake.harness.store.audit.list(PRACTICE, referralId)).filter(
    (e) => e.action === 'task.completed',
  );

describe('POST /api/tasks/{id}/complete', () => {
  it('marks the task done, audited with who did it and the note’s length, never its text', async () => {
    const task = await newTask('exception');
    const note = 'Phoned the office about the patient NOTE-CANARY-7';
    const done = Task.parse(
      await answer(await complete(task.id, { body: JSON.stringify({ note }) }), 200),
    );
    expect(done).toEqual({ ...task, status: 'done' });
    expect(await completions()).toEqual([
      expect.objectContaining({
        actor: 'coordinator:cora',
        data: { taskId: task.id, taskKind: 'exception', noteLength: note.length },
      }),
    ]);
    expect(JSON.stringify(await fake.harness.store.audit.list(PRACTICE, 'ref-1'))).not.toContain(
      'NOTE-CANARY',
    );
    const listed = (await answer(await get('/api/tasks?status=done'), 200)) as {
      data: CoordinatorTask[];
    };
    expect(listed.data.map((t) => t.id)).toEqual([task.id]);
  });

  it('takes no body at all, or an empty object', async () => {
    const [a, b] = [await newTask('follow_up'), await newTask('no_show')];
    expect(Task.parse(await answer(await complete(a.id), 200)).status).toBe('done');
    expect(Task.parse(await answer(await complete(b.id, { body: '{}' }), 200)).status).toBe('done');
  });

  it('answers a task already done with the task (200), auditing the completion once', async () => {
    const task = await newTask('gap_in_care');
    await answer(await complete(task.id), 200);
    const again = await complete(task.id, { body: JSON.stringify({ note: 'again' }) });
    expect(Task.parse(await answer(again, 200))).toEqual({ ...task, status: 'done' });
    expect(await completions()).toHaveLength(1);
  });

  it('replays the first answer for the same key, and refuses the key with other parameters (422)', async () => {
    const [task, other] = [await newTask('exception'), await newTask('follow_up')];
    const body = JSON.stringify({ note: 'done' });
    const first = await answer(await complete(task.id, { body, key: 'k-same' }), 200);
    expect(await answer(await complete(task.id, { body, key: 'k-same' }), 200)).toEqual(first);
    for (const reuse of [
      complete(task.id, { body: JSON.stringify({ note: 'other note' }), key: 'k-same' }),
      complete(task.id, { key: 'k-same' }),
      complete(other.id, { body, key: 'k-same' }),
    ]) {
      expect((await errorOf(await reuse, 422)).error.code).toBe('IDEMPOTENCY_MISMATCH');
    }
    expect((await fake.harness.store.tasks.list(PRACTICE, { kind: 'follow_up' }))[0]?.status).toBe(
      'open',
    );
    expect(await completions()).toHaveLength(1);
  });

  it('refuses a key already used by a review decision (422), leaving the task open', async () => {
    const task = await newTask('exception');
    await fake.harness.store.idempotency.save(PRACTICE, 'k-review', {
      requestHash: 'a-review-decision',
      statusCode: 200,
      body: { referralId: 'ref-1' },
    });
    const res = await complete(task.id, { key: 'k-review' });
    expect((await errorOf(res, 422)).error.code).toBe('IDEMPOTENCY_MISMATCH');
    expect((await fake.harness.store.tasks.list(PRACTICE, {}))[0]?.status).toBe('open');
  });

  it('is for coordinators: a viewer gets 403 and the task stays open', async () => {
    const task = await newTask('exception');
    const res = await complete(task.id, { token: FAKE_APP_TOKENS.viewer });
    expect((await errorOf(res, 403)).error.code).toBe('FORBIDDEN');
    expect((await fake.harness.store.tasks.list(PRACTICE, {}))[0]?.status).toBe('open');
    expect(await completions()).toEqual([]);
  });

  it("answers another practice's task exactly like a missing one (404)", async () => {
    const theirs = await newTask('exception', 'practice-other', 'ref-theirs');
    const notMine = await complete(theirs.id);
    const missing = await complete('no-such-task');
    expect(await errorOf(notMine, 404)).toEqual(await errorOf(missing, 404));
    expect(
      (await fake.harness.store.tasks.list('practice-other', {})).map((t) => t.status),
    ).toEqual(['open']);
    // And its owner's coordinator may complete it.
    const owner = await complete(theirs.id, { token: FAKE_APP_TOKENS.otherPractice });
    expect(Task.parse(await answer(owner, 200)).status).toBe('done');
  });

  it('needs an Idempotency-Key (400) and refuses bad bodies without echoing them', async () => {
    const task = await newTask('exception');
    expect((await errorOf(await complete(task.id, { key: null }), 400)).error.code).toBe(
      'BAD_REQUEST',
    );
    const tooLong = await complete(task.id, { body: JSON.stringify({ note: 'n'.repeat(2001) }) });
    expect((await errorOf(tooLong, 422)).error.issues?.map((i) => i.path)).toEqual(['note']);
    const unknown = await complete(task.id, { body: '{"status":"open","CANARY9":1}' });
    const refused = await errorOf(unknown, 422);
    expect(refused.error.issues?.[0]).toMatchObject({ code: 'unrecognized_keys' });
    expect(JSON.stringify(refused)).not.toContain('CANARY9');
    expect((await errorOf(await complete(task.id, { body: '' }), 400)).error.code).toBe(
      'BAD_REQUEST',
    );
    for (const type of ['text/plain', null]) {
      const res = await complete(task.id, { body: '{"note":"x"}', type });
      expect((await errorOf(res, 415)).error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    }
    expect((await fake.harness.store.tasks.list(PRACTICE, {}))[0]?.status).toBe('open');
  });
});

describe('GET /api/tasks', () => {
  it('filters by kind and status, within the caller’s practice', async () => {
    const exception = await newTask('exception');
    const followUp = await newTask('follow_up');
    await newTask('exception', 'practice-other', 'ref-theirs');
    await answer(await complete(followUp.id), 200);
    const list = async (query: string) =>
      (
        (await answer(await get(`/api/tasks${query}`), 200)) as { data: CoordinatorTask[] }
      ).data.map((t) => t.id);
    expect(await list('?kind=exception')).toEqual([exception.id]);
    expect(await list('?kind=follow_up&status=open')).toEqual([]);
    expect(await list('?kind=follow_up&status=done')).toEqual([followUp.id]);
    expect(await list('?status=open')).toEqual([exception.id]);
    expect(await list('')).toEqual([followUp.id, exception.id]);
  });

  it('refuses an unknown kind with 422 naming it', async () => {
    const res = await get('/api/tasks?kind=nope');
    expect((await errorOf(res, 422)).error.issues?.map((i) => i.path)).toEqual(['kind']);
  });
});

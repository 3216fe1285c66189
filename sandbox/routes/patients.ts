import { Hono } from 'hono';
import type { SandboxContext } from '../context.js';
import { notFound, readJson, validationFailed } from '../http.js';
import { PatientInput } from '../schemas.js';
import type { Patient } from '../world.js';

/** A patient as GET answers it: demographics only; coverage and notes have their own routes. */
function toJson(patient: Patient): Omit<Patient, 'insurance'> {
  const { insurance: _coverage, ...rest } = patient;
  return rest;
}

export function patientRoutes({ world }: SandboxContext): Hono {
  const r = new Hono();

  const find = (id: string): Patient => {
    const patient = world.patients.get(id);
    if (!patient) throw notFound('Patient');
    return patient;
  };

  r.get('/patients', (c) => c.json({ data: [...world.patients.values()].map(toJson) }));

  r.get('/patients/:id', (c) => c.json(toJson(find(c.req.param('id')))));

  r.get('/patients/:id/insurance', (c) => c.json({ data: find(c.req.param('id')).insurance }));

  r.get('/patients/:id/notes', (c) => c.json({ data: world.notesOf(find(c.req.param('id')).id) }));

  r.post('/patients', async (c) => {
    const input = await readJson(c, PatientInput);
    if (input.practice_id !== undefined && input.practice_id !== world.practiceId) {
      throw validationFailed([
        { path: 'practice_id', code: 'unknown_practice', message: 'must be this practice' },
      ]);
    }
    return c.json(toJson(world.addPatient(input)), 201);
  });

  return r;
}

import { describe, expect, it } from 'vitest';
import { OutboxPayload } from '../../domain/index.js';
import { deliveredAction, payloadFacts, queuedAction } from './outbox-rows.js';

const patientMessage: OutboxPayload = {
  kind: 'patient_message',
  referralId: 'ref-000001',
  patientId: 'pat-SECRET-ID',
  channel: 'sms',
  language: 'es',
  body: 'SECRET-PHI-BODY: su referido fue aprobado.',
};

describe('patient_message outbox rows', () => {
  it('audits as a message, queued then delivered', () => {
    expect(queuedAction(patientMessage)).toBe('message.queued');
    expect(deliveredAction(patientMessage)).toBe('message.delivered');
  });

  it('carries only kind, channel and language into the audit trail', () => {
    const facts = payloadFacts(patientMessage);
    expect(facts).toEqual({ kind: 'patient_message', channel: 'sms', language: 'es' });
    expect(JSON.stringify(facts)).not.toContain('SECRET');
  });
});

describe('OutboxPayload patient_message', () => {
  it('accepts a well-formed message', () => {
    expect(OutboxPayload.parse(patientMessage)).toEqual(patientMessage);
  });

  it.each([
    ['an unknown channel', { channel: 'fax' }],
    ['a language with a region subtag', { language: 'es-MX' }],
    ['an empty body', { body: '' }],
    ['a blank body', { body: '  \n ' }],
    ['a body over 2000 characters', { body: 'x'.repeat(2001) }],
    ['an empty patient id', { patientId: '' }],
  ])('refuses %s', (_, patch) => {
    expect(OutboxPayload.safeParse({ ...patientMessage, ...patch }).success).toBe(false);
  });

  it('accepts a body of exactly 2000 characters', () => {
    expect(OutboxPayload.safeParse({ ...patientMessage, body: 'x'.repeat(2000) }).success).toBe(
      true,
    );
  });
});

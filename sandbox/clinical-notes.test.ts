import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEMO_NOTES, generateNotes, NOTE_KINDS } from './clinical-notes.js';
import { generatePractice } from './world.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('generated clinical notes', () => {
  it('are deterministic in the seed, never call Math.random, and differ for another seed', () => {
    const random = vi.spyOn(Math, 'random');
    const a = generatePractice(42, 'p', 40).notes;
    expect(generatePractice(42, 'p', 40).notes).toEqual(a);
    expect(random).not.toHaveBeenCalled();
    const b = generatePractice(43, 'p', 40).notes;
    const others = (notes: typeof a) => notes.filter((n) => n.patient_id !== 'pat-0001');
    expect(others(b).map((n) => n.text)).not.toEqual(others(a).map((n) => n.text));
  });

  it("draw each patient's notes from its own stream, whatever the practice size", () => {
    const small = generatePractice(42, 'p', 5).notes.map(({ id: _id, ...rest }) => rest);
    const large = generatePractice(42, 'p', 40).notes.map(({ id: _id, ...rest }) => rest);
    expect(large.slice(0, small.length)).toEqual(small);
    expect(generateNotes(7, 12, 60)).toEqual(generateNotes(7, 12, 60));
  });

  it('give every patient 1-4 well-formed notes dated before 2026, ids counting up', () => {
    const { patients, notes } = generatePractice(42, 'p', 300);
    expect(notes.map((n) => n.id)).toEqual(
      notes.map((_, i) => `note-${String(i + 1).padStart(6, '0')}`),
    );
    for (const patient of patients) {
      const chart = notes.filter((n) => n.patient_id === patient.id);
      expect(chart.length, patient.id).toBeGreaterThanOrEqual(1);
      expect(chart.length, patient.id).toBeLessThanOrEqual(4);
      expect(new Set(chart.map((n) => n.date)).size).toBe(chart.length);
      for (const note of chart) {
        expect(note.date).toMatch(/^20(22|23|24|25)-\d\d-\d\d$/);
        expect(Number.isNaN(Date.parse(note.date))).toBe(false);
        expect(NOTE_KINDS).toContain(note.kind);
        expect(note.text.length).toBeGreaterThan(0);
        expect(note.text.length).toBeLessThanOrEqual(8000);
        expect(note.author === null || note.author.length > 0).toBe(true);
      }
    }
  });

  it('mix eye care with unrelated history, so relevance selection has something to do', () => {
    const { notes } = generatePractice(42, 'p', 300);
    const texts = notes.map((n) => n.text).join('\n');
    for (const phrase of ['Diabetic eye exam', 'IOP', 'drusen', 'knee arthroplasty', 'Dental']) {
      expect(texts).toContain(phrase);
    }
    expect(new Set(notes.map((n) => n.kind))).toEqual(new Set(NOTE_KINDS));
  });

  it('keep a child out of adult-only notes', () => {
    for (let n = 2; n < 200; n++) {
      for (const note of generateNotes(42, n, 8)) {
        expect(note.text).not.toMatch(/drusen|Diabetic|Glaucoma|knee|cataract/i);
      }
    }
  });

  it('give the demo patient the same wet-AMD-relevant chart whatever the seed', () => {
    const chart = (seed: number) =>
      generatePractice(seed, 'p', 3).notes.filter((n) => n.patient_id === 'pat-0001');
    expect(chart(42)).toEqual(chart(123));
    expect(chart(42).map(({ id: _id, patient_id: _p, ...rest }) => rest)).toEqual(DEMO_NOTES);
    expect(chart(42)[0]?.text).toMatch(/drusen/);
  });
});

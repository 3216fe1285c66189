import type { Hl7Message, Hl7Segment } from '@medplum/core';
import type { CarriedDocument, Hl7Header, Hl7Problem, LoopEventType } from '../../domain/index.js';
import { componentOf, hl7DateTime, MAX_ID_LENGTH, textOf } from './fields.js';

export const NOTE_MAX = 2000;

/** What a type-specific mapper adds to the common fields. */
export interface MessageContent {
  event: LoopEventType | null;
  placerId?: string;
  providerNpi?: string;
  at?: string;
  appointmentAt?: string;
  document?: CarriedDocument;
  note?: string;
}

export interface Rejection {
  problem: Hl7Problem;
  detail: string;
}

export interface MapInput {
  header: Hl7Header;
  message: Hl7Message;
  /** MSH-9.2. */
  trigger: string;
}

export type Mapper = (input: MapInput) => MessageContent | Rejection;

export const isRejection = (value: object): value is Rejection => 'problem' in value;

/** The object without its undefined properties (optional fields stay absent, not `undefined`). */
export function compact<T extends object>(value: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}

export const firstSegment = (message: Hl7Message, name: string): Hl7Segment | undefined =>
  message.segments.find((s) => s.name === name);

export const allSegments = (message: Hl7Message, name: string): Hl7Segment[] =>
  message.segments.filter((s) => s.name === name);

/** The first candidate that is present; a placer id longer than an EI allows is refused. */
export function placerOf(
  candidates: Array<[label: string, value: string | undefined]>,
): { placerId?: string } | Rejection {
  for (const [label, value] of candidates) {
    if (value === undefined) continue;
    if (value.length > MAX_ID_LENGTH) {
      return {
        problem: 'malformed_field',
        detail: `${label} is longer than ${MAX_ID_LENGTH} characters.`,
      };
    }
    return { placerId: value };
  }
  return {};
}

/** The first timestamp that parses. */
export function firstTime(...values: Array<string | undefined>): string | undefined {
  for (const value of values) {
    const iso = hl7DateTime(value);
    if (iso) return iso;
  }
  return undefined;
}

/** NTE-3 of the NTE segments that directly follow one of `parents` (or another such NTE). */
export function notesAfter(message: Hl7Message, parents: ReadonlySet<string>): string[] {
  const notes: string[] = [];
  let parent = '';
  for (const segment of message.segments) {
    if (segment.name !== 'NTE') {
      parent = segment.name;
      continue;
    }
    const text = parents.has(parent) ? textOf(segment, 3) : undefined;
    if (text) notes.push(text);
  }
  return notes;
}

/** Joined, de-duplicated, cut to the domain's limit. */
export function noteOf(parts: Array<string | undefined>): string | undefined {
  const kept = [...new Set(parts.filter((p): p is string => p !== undefined && p !== ''))];
  const note = kept.join('\n').slice(0, NOTE_MAX).trim();
  return note === '' ? undefined : note;
}

/** A coded element's text (component 2), else its code (component 1). */
export const codedText = (segment: Hl7Segment | undefined, n: number): string | undefined =>
  segment ? (componentOf(segment, n, 2) ?? componentOf(segment, n, 1)) : undefined;

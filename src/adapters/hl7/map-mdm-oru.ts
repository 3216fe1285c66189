import type { Hl7Message, Hl7Segment } from '@medplum/core';
import type { CarriedDocument } from '../../domain/index.js';
import { componentOf, fieldOf, npiOf, textOf, unescapeHl7 } from './fields.js';
import {
  allSegments,
  codedText,
  compact,
  firstSegment,
  firstTime,
  isRejection,
  type Mapper,
  placerOf,
} from './parts.js';

const TEXT_TYPES = new Set(['TX', 'FT', 'ST']);
// biome-ignore lint/suspicious/noControlCharactersInRegex: a NUL marks binary content
const BINARY = /\u0000/;

function decodeBytes(bytes: Buffer): string | undefined {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return BINARY.test(text) ? undefined : text.replace(/^\uFEFF/, '');
  } catch {
    return undefined;
  }
}

/** OBX-5 of an ED value (`source^type^subtype^encoding^data`) as text; binary payloads (PDF) give nothing. */
function encapsulatedText(obx: Hl7Segment, repetition: number): string | undefined {
  const parts = fieldOf(obx, 5)?.components[repetition];
  if (!parts) return undefined;
  const encoding = (parts[3] ?? '').trim().toUpperCase();
  const data = parts.slice(4).join(obx.context.componentSeparator);
  if (encoding === 'BASE64') {
    const compact = data.replace(/\s+/g, '');
    if (compact === '' || !/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) return undefined;
    return decodeBytes(Buffer.from(compact, 'base64'));
  }
  if (encoding === 'HEX') {
    const hex = data.replace(/\s+/g, '');
    if (hex === '' || hex.length % 2 !== 0 || !/^[0-9A-Fa-f]+$/.test(hex)) return undefined;
    return decodeBytes(Buffer.from(hex, 'hex'));
  }
  if (encoding === 'A') return unescapeHl7(data, obx.context);
  return undefined;
}

const isCcda = (content: string) => {
  const trimmed = content.trim();
  return trimmed.startsWith('<') && trimmed.includes('ClinicalDocument');
};

/**
 * The document the OBX segments carry: an encapsulated one (a C-CDA first) or the text lines
 * (TX, FT, ST) joined with newlines.
 */
export function documentOf(
  message: Hl7Message,
  title: string | undefined,
): CarriedDocument | undefined {
  const encapsulated: Array<{ content: string; obx: Hl7Segment }> = [];
  const lines: string[] = [];
  let firstTextObx: Hl7Segment | undefined;
  for (const obx of allSegments(message, 'OBX')) {
    const valueType = (componentOf(obx, 2) ?? '').toUpperCase();
    if (valueType === 'ED') {
      const repetitions = fieldOf(obx, 5)?.components.length ?? 0;
      for (let r = 0; r < repetitions; r++) {
        const content = encapsulatedText(obx, r);
        if (content !== undefined && content.trim() !== '') encapsulated.push({ content, obx });
      }
    } else if (TEXT_TYPES.has(valueType)) {
      const text = textOf(obx, 5);
      if (text === undefined) continue;
      lines.push(text);
      firstTextObx ??= obx;
    }
  }
  const chosen = encapsulated.find((e) => isCcda(e.content)) ?? encapsulated[0];
  const content = chosen ? chosen.content.trim() : lines.join('\n').trim();
  if (content === '') return undefined;
  const source = chosen?.obx ?? firstTextObx;
  const name = title ?? (source && componentOf(source, 3, 2));
  return {
    format: isCcda(content) ? 'ccda' : 'text',
    content,
    ...(name ? { title: name } : {}),
  };
}

/** MDM^T02/T04/T06/T10 (original, status change, addendum, replacement; each with content): a consult note; the document comes from OBX, its metadata from TXA. */
export const mapMdm: Mapper = ({ header, message }) => {
  const txa = firstSegment(message, 'TXA');
  const orc = firstSegment(message, 'ORC');
  const placer = placerOf([
    ['TXA-14', txa && componentOf(txa, 14)],
    ['ORC-2', orc && componentOf(orc, 2)],
  ]);
  if (isRejection(placer)) return placer;
  const at = txa ? firstTime(componentOf(txa, 4), componentOf(txa, 6)) : undefined;
  return {
    event: 'consult_received',
    ...placer,
    ...compact({
      providerNpi: npiOf(txa, 5, 9),
      at: at ?? header.sentAt,
      document: documentOf(message, codedText(txa, 2)),
    }),
  };
};

/** ORU^R01: a report; OBR-16 (ordering provider) is us, so the specialist is OBR-32. */
export const mapOru: Mapper = ({ header, message }) => {
  const obr = firstSegment(message, 'OBR');
  const orc = firstSegment(message, 'ORC');
  const placer = placerOf([
    ['ORC-2', orc && componentOf(orc, 2)],
    ['OBR-2', obr && componentOf(obr, 2)],
  ]);
  if (isRejection(placer)) return placer;
  const observed = allSegments(message, 'OBX').map((obx) => componentOf(obx, 14));
  return {
    event: 'consult_received',
    ...placer,
    ...compact({
      providerNpi: npiOf(obr, 32),
      at: firstTime(obr && componentOf(obr, 7), ...observed) ?? header.sentAt,
      document: documentOf(message, obr && componentOf(obr, 4, 2)),
    }),
  };
};

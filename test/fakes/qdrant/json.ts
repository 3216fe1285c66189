/** JSON helpers and Qdrant-shaped errors shared by the fake Qdrant server modules. */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** An error the server turns into `{ status: { error }, time }` with this HTTP status. */
export class QdrantHttpError extends Error {
  readonly status: number;

  constructor(status: number, message: string) {
    super(message);
    this.name = 'QdrantHttpError';
    this.status = status;
  }
}

/** Qdrant's `CollectionError::BadRequest` wording. */
export const badRequest = (message: string) => new QdrantHttpError(400, `Bad request: ${message}`);
/** Qdrant's `CollectionError::BadInput` wording (dimension / vector-name errors). */
export const wrongInput = (message: string) => new QdrantHttpError(400, `Wrong input: ${message}`);
/** Qdrant's request-validation wording. */
export const validationError = (message: string) =>
  new QdrantHttpError(400, `Validation error in JSON body: [${message}]`);
/** Deserialization failures (wrong JSON shape) are reported like serde errors. */
export const formatError = (message: string) =>
  new QdrantHttpError(400, `Format error in JSON body: ${message}`);
export const notFound = (message: string) => new QdrantHttpError(404, `Not found: ${message}`);
/** Something this fake deliberately does not implement: fail loudly instead of guessing. */
export const unsupported = (what: string) =>
  new QdrantHttpError(400, `Bad request: ${what} is not supported by the fake Qdrant server`);

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isNumberArray(value: unknown): value is number[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'number');
}

export const isFiniteNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value);

/** `undefined` and `null` both mean "not given" in Qdrant's optional fields. */
export const given = <T>(value: T | null | undefined): value is T =>
  value !== undefined && value !== null;

export function optionalObject(value: unknown, where: string): JsonObject | undefined {
  if (!given(value)) return undefined;
  if (!isObject(value)) throw formatError(`${where}: expected an object`);
  return value;
}

export function optionalUint(value: unknown, where: string): number | undefined {
  if (!given(value)) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw formatError(`${where}: invalid value ${JSON.stringify(value)}, expected usize`);
  }
  return value;
}

export function optionalNumber(value: unknown, where: string): number | undefined {
  if (!given(value)) return undefined;
  if (!isFiniteNumber(value)) throw formatError(`${where}: expected a number`);
  return value;
}

export function requiredString(value: unknown, where: string): string {
  if (typeof value !== 'string') throw formatError(`${where}: expected a string`);
  return value;
}

/** Qdrant accepts a single condition/prefetch where it accepts an array of them. */
export function oneOrMany(value: unknown): unknown[] | undefined {
  if (!given(value)) return undefined;
  return Array.isArray(value) ? value : [value];
}

export const clone = <T extends Json>(value: T): T => structuredClone(value);

import type { StoredPoint } from './collection.js';
import {
  asGeoPoint,
  compileCondition,
  type FilterScope,
  haversineMeters,
  parseDateTime,
  parseGeoPoint,
} from './filter.js';
import {
  badRequest,
  formatError,
  given,
  isFiniteNumber,
  isObject,
  type Json,
  type JsonObject,
  optionalNumber,
  requiredString,
  validationError,
} from './json.js';
import { flatValues, parsePath, valuesAt } from './payload.js';

/** Per-prefetch scores (`$score[i]`), keyed by point key. */
export type PrefetchScores = ReadonlyArray<ReadonlyMap<string, number>>;
type Expr = (point: StoredPoint, scores: PrefetchScores) => number;

const SCORE_VAR = /^\$score(?:\[(\d+)\])?$/;

const finite = (value: number, expression: string) => {
  if (!Number.isFinite(value)) {
    throw badRequest(`The expression ${expression} = ${value} produced a non-finite number`);
  }
  return value;
};

/**
 * Compiles a score-boosting formula (Qdrant ≥ 1.14). Semantics follow Qdrant's `FormulaScorer`:
 * a missing `$score[i]` is the default or 0; a missing payload variable is the default or an error;
 * single-element arrays count as their element; `mult`/`div` short-circuit on 0.
 */
export function compileFormula(raw: unknown, defaultsRaw: unknown, scope: FilterScope): Expr {
  const defaults: JsonObject = isObject(defaultsRaw) ? defaultsRaw : {};

  function payloadValue(point: StoredPoint, key: string): Json {
    const values = flatValues(valuesAt(point.payload, key));
    const value = values.length === 0 ? defaults[key] : values.length === 1 ? values[0] : values;
    if (value === undefined) {
      throw badRequest(
        `Expected a value for variable \`${key}\` in the payload and/or in the formula defaults. ` +
          'Error: No value found in a payload nor defaults',
      );
    }
    return value as Json;
  }

  function numberVar(key: string): Expr {
    parsePath(key);
    return (point) => {
      const value = payloadValue(point, key);
      if (typeof value !== 'number') {
        throw badRequest(`Expected number value for \`${key}\`, got ${JSON.stringify(value)}`);
      }
      return value;
    };
  }

  function scoreVar(text: string, index: number): Expr {
    const fallback =
      defaults[text] ?? defaults[`$score[${index}]`] ?? (index === 0 ? defaults.$score : undefined);
    return (point, scores) =>
      scores[index]?.get(point.key) ?? (isFiniteNumber(fallback) ? fallback : 0);
  }

  const unary =
    (name: string, fn: (x: number) => number) =>
    (arg: unknown): Expr => {
      const inner = compile(arg);
      return (point, scores) => {
        const x = inner(point, scores);
        return finite(fn(x), `${name}(${x})`);
      };
    };

  function decay(kind: 'lin' | 'exp' | 'gauss', params: unknown): Expr {
    if (!isObject(params) || !given(params.x))
      throw formatError(`${kind}_decay: expected { x, ... }`);
    const x = compile(params.x);
    const target = given(params.target) ? compile(params.target) : () => 0;
    const scale = optionalNumber(params.scale, `${kind}_decay.scale`) ?? 1;
    const midpoint = optionalNumber(params.midpoint, `${kind}_decay.midpoint`) ?? 0.5;
    if (scale <= 0)
      throw validationError(`${kind}_decay.scale: must be a non-zero positive number`);
    if (midpoint <= 0 || midpoint >= 1) {
      throw validationError(`${kind}_decay.midpoint: must be in the range (0.0, 1.0)`);
    }
    const lambda =
      kind === 'lin'
        ? (1 - midpoint) / scale
        : kind === 'exp'
          ? Math.log(midpoint) / scale
          : Math.log(midpoint) / scale ** 2;
    return (point, scores) => {
      const diff = x(point, scores) - target(point, scores);
      if (kind === 'lin') return Math.max(0, -lambda * Math.abs(diff) + 1);
      return Math.exp(kind === 'exp' ? lambda * Math.abs(diff) : lambda * diff * diff);
    };
  }

  function compile(expr: unknown): Expr {
    if (typeof expr === 'number') {
      if (!Number.isFinite(expr)) throw formatError('formula: constants must be finite');
      return () => expr;
    }
    if (typeof expr === 'string') {
      const match = SCORE_VAR.exec(expr);
      return match ? scoreVar(expr, Number(match[1] ?? 0)) : numberVar(expr);
    }
    if (!isObject(expr))
      throw formatError('formula: expected a number, a string or an expression object');
    if (Array.isArray(expr.mult) || Array.isArray(expr.sum)) {
      const isMult = Array.isArray(expr.mult);
      const parts = ((isMult ? expr.mult : expr.sum) as Json[]).map(compile);
      return (point, scores) => {
        let acc = isMult ? 1 : 0;
        for (const part of parts) {
          const value = part(point, scores);
          if (isMult && value === 0) return 0;
          acc = isMult ? acc * value : acc + value;
        }
        return acc;
      };
    }
    if ('neg' in expr) return unary('neg', (x) => -x)(expr.neg);
    if ('abs' in expr) return unary('abs', Math.abs)(expr.abs);
    if ('sqrt' in expr) return unary('sqrt', Math.sqrt)(expr.sqrt);
    if ('exp' in expr) return unary('exp', Math.exp)(expr.exp);
    if ('ln' in expr) return unary('ln', Math.log)(expr.ln);
    if ('log10' in expr) return unary('log10', Math.log10)(expr.log10);
    if (isObject(expr.div)) {
      const left = compile(expr.div.left);
      const right = compile(expr.div.right);
      const byZero = optionalNumber(expr.div.by_zero_default, 'div.by_zero_default');
      return (point, scores) => {
        const l = left(point, scores);
        if (l === 0) return 0;
        const r = right(point, scores);
        if (r === 0 && byZero !== undefined) return byZero;
        return finite(l / r, `${l}/${r}`);
      };
    }
    if (isObject(expr.pow)) {
      const base = compile(expr.pow.base);
      const exponent = compile(expr.pow.exponent);
      return (point, scores) => {
        const b = base(point, scores);
        const e = exponent(point, scores);
        return finite(b ** e, `${b}^${e}`);
      };
    }
    if (isObject(expr.geo_distance)) {
      const origin = parseGeoPoint(expr.geo_distance.origin, 'geo_distance.origin');
      const to = requiredString(expr.geo_distance.to, 'geo_distance.to');
      parsePath(to);
      return (point) => {
        const value = payloadValue(point, to);
        const target = asGeoPoint(value);
        if (!target)
          throw badRequest(`Expected geo point value for \`${to}\`, got ${JSON.stringify(value)}`);
        return haversineMeters(origin, target);
      };
    }
    if ('datetime' in expr) {
      const seconds = parseDateTime(requiredString(expr.datetime, 'datetime')) / 1000;
      if (!Number.isFinite(seconds)) throw formatError('datetime: invalid datetime');
      return () => seconds;
    }
    if ('datetime_key' in expr) {
      const key = requiredString(expr.datetime_key, 'datetime_key');
      parsePath(key);
      return (point) => {
        const value = payloadValue(point, key);
        const ms = typeof value === 'string' ? parseDateTime(value) : Number.NaN;
        if (!Number.isFinite(ms)) throw badRequest(`Expected datetime value for \`${key}\``);
        return ms / 1000;
      };
    }
    if ('lin_decay' in expr) return decay('lin', expr.lin_decay);
    if ('exp_decay' in expr) return decay('exp', expr.exp_decay);
    if ('gauss_decay' in expr) return decay('gauss', expr.gauss_decay);
    // Anything else must be a filter condition: 1 when it holds, 0 otherwise.
    const condition = compileCondition(expr, scope);
    return (point) =>
      condition({
        key: point.key,
        payload: point.payload,
        vectorNames: new Set(point.vectors.keys()),
      })
        ? 1
        : 0;
  }

  return compile(raw);
}

import { LIMITS } from '@llms/contract';
import { AppError } from '@llms/errors';

export interface JsonShapeLimits {
  /** Deepest allowed nesting of objects and arrays (the top-level value is level 1). */
  maxDepth: number;
  /** Most keys one object may have. */
  maxKeys: number;
}

/** The contract's limits (v2 "Limits"): 32 levels, 100 keys. */
export const JSON_SHAPE_LIMITS: JsonShapeLimits = {
  maxDepth: LIMITS.JSON_DEPTH_MAX,
  maxKeys: LIMITS.JSON_KEYS_MAX,
};

/**
 * Refuses parsed JSON (a REST body or query object, a Socket.IO payload) that is nested deeper
 * than `maxDepth` levels or has an object with more than `maxKeys` keys, with
 * `AppError('VALIDATION_FAILED')`, before any validation library walks it recursively. The walk
 * is iterative (an explicit stack, so no input can overflow the call stack), visits each value
 * once and stops at the first violation, so it costs at most one pass over what the parser
 * already built (a 64 KiB body is well under a millisecond). Primitives pass as they are.
 */
export function assertJsonShape(value: unknown, limits: JsonShapeLimits = JSON_SHAPE_LIMITS): void {
  if (typeof value !== 'object' || value === null) return;
  const stack: unknown[] = [value];
  const depths: number[] = [1];
  while (stack.length) {
    const node = stack.pop() as object;
    const depth = depths.pop() as number;
    if (depth > limits.maxDepth) {
      throw new AppError(
        'VALIDATION_FAILED',
        `The JSON is nested too deep (at most ${limits.maxDepth} levels)`,
      );
    }
    if (Array.isArray(node)) {
      for (const item of node) push(item, depth + 1);
      continue;
    }
    let keys = 0;
    for (const key in node) {
      if (!Object.prototype.hasOwnProperty.call(node, key)) continue;
      if (++keys > limits.maxKeys) {
        throw new AppError(
          'VALIDATION_FAILED',
          `An object has too many keys (at most ${limits.maxKeys})`,
        );
      }
      push((node as Record<string, unknown>)[key], depth + 1);
    }
  }

  function push(child: unknown, depth: number): void {
    if (typeof child !== 'object' || child === null) return;
    stack.push(child);
    depths.push(depth);
  }
}

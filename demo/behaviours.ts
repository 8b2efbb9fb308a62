// How a demo worker behaves: honestly, as a liar whose outputs are well-formed but wrong, or as a dropout that
// takes a slot and vanishes before delivering. Built on the worker library's task hooks; the worker itself has no
// such behaviours.
import { TaskHooks } from '../worker/src/client/taskHooks';
import { JsonValue } from '../worker/src/workloads/json';

export const BEHAVIOURS = ['honest', 'liar', 'dropout'] as const;
export type Behaviour = (typeof BEHAVIOURS)[number];

export function isBehaviour(value: string): value is Behaviour {
    return (BEHAVIOURS as readonly string[]).includes(value);
}

/** The task hooks that make a worker behave so. */
export function behaviourHooks(behaviour: Behaviour): TaskHooks {
    switch (behaviour) {
        case 'honest':
            return {};
        case 'liar':
            return { beforeSubmit: (_task, output) => falsifyOutput(output) };
        case 'dropout':
            // Vanish as a lost network would: the link drops with the slot held, and the worker reconnects later.
            return {
                afterClaim: (_task, hub) => {
                    hub.drop();
                    return 'abandon';
                },
            };
    }
}

const MAX_U32 = 0xffff_ffff;

/**
 * The output with its last number moved by one (or, with no number, the last character of its last string
 * changed): the same shape and types as the real one, so only consensus can tell it is wrong.
 */
export function falsifyOutput(output: JsonValue): JsonValue {
    const copy = JSON.parse(JSON.stringify(output)) as JsonValue;
    if (nudgeLast(copy, 'number') || nudgeLast(copy, 'string')) return copy;
    return { wrapped: copy };
}

function nudgeLast(value: JsonValue, kind: 'number' | 'string'): boolean {
    if (value === null || typeof value !== 'object') return false;
    const keys = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
    const holder = value as Record<string | number, JsonValue>;
    for (const key of keys.reverse()) {
        const item = holder[key];
        if (kind === 'number' && typeof item === 'number') {
            holder[key] = item >= MAX_U32 ? item - 1 : item + 1;
            return true;
        }
        if (kind === 'string' && typeof item === 'string' && item.length > 0) {
            const last = item[item.length - 1];
            holder[key] = item.slice(0, -1) + (last === '0' ? '1' : '0');
            return true;
        }
        if (nudgeLast(item, kind)) return true;
    }
    return false;
}

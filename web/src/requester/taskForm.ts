// The create-task form's checks, before anything is sent: the input against the module's schema, the budget as
// exact nanotons, and the service's own bounds on slots, trust and deadline (docs/service.md, Tasks).
import { Value } from '@sinclair/typebox/value';
import type { CreateTaskRequest } from '../../../protocol';
import { MAX_REDUNDANCY } from '../../../protocol';
import { parseTon, TonAmountError } from '../format/tonAmount';
import type { CatalogueModule } from './moduleCatalogue';

export interface TaskFormFields {
    input: string;
    budgetTon: string;
    redundancy: string;
    minTrust: string;
    deadlineMinutes: string;
}

export type FieldProblems = Partial<Record<keyof TaskFormFields, string>>;

const MIN_DEADLINE_MINUTES = 2;
const MAX_DEADLINE_MINUTES = 366 * 24 * 60;

export function checkTaskForm(
    fields: TaskFormFields,
    module: CatalogueModule,
    nowSeconds: number,
): { ok: true; request: CreateTaskRequest } | { ok: false; problems: FieldProblems } {
    const problems: FieldProblems = {};

    let input: unknown;
    try {
        input = JSON.parse(fields.input);
        if (!Value.Check(module.inputSchema, input)) {
            const first = [...Value.Errors(module.inputSchema, input)][0];
            problems.input = first ? `${first.path || 'input'}: ${first.message}` : `not an input ${module.operation} takes`;
        }
    } catch {
        problems.input = 'the input must be JSON, such as {"seed": 1}';
    }

    let budget = 0n;
    try {
        budget = parseTon(fields.budgetTon);
        if (budget <= 0n) problems.budgetTon = 'the budget must be more than 0 TON';
    } catch (err) {
        problems.budgetTon = err instanceof TonAmountError ? err.message : String(err);
    }

    const redundancy = wholeNumber(fields.redundancy);
    if (redundancy === undefined || redundancy < 1 || redundancy > MAX_REDUNDANCY) problems.redundancy = `from 1 to ${MAX_REDUNDANCY} results`;

    const minTrust = fields.minTrust.trim() === '' ? undefined : Number(fields.minTrust);
    if (minTrust !== undefined && !(minTrust >= 0 && minTrust <= 1)) problems.minTrust = 'a score from 0 to 1, or empty for the service default';

    const minutes = wholeNumber(fields.deadlineMinutes);
    if (minutes === undefined || minutes < MIN_DEADLINE_MINUTES || minutes > MAX_DEADLINE_MINUTES) {
        problems.deadlineMinutes = `from ${MIN_DEADLINE_MINUTES} minutes to 366 days`;
    }

    if (Object.keys(problems).length > 0) return { ok: false, problems };
    return {
        ok: true,
        request: {
            operation: module.operation,
            input,
            module_sha256: module.sha256,
            budget: budget.toString(),
            redundancy: redundancy!,
            ...(minTrust === undefined ? {} : { min_trust_score: minTrust }),
            deadline: nowSeconds + minutes! * 60,
        },
    };
}

function wholeNumber(text: string): number | undefined {
    return /^\s*\d{1,9}\s*$/.test(text) ? Number(text) : undefined;
}

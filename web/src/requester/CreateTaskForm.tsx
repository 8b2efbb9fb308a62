// The create-task form: module, input (checked against the module's schema as you type), budget in TON, result
// slots, minimum trust and deadline. Creating uploads the module (idempotent) and asks the service for the task and
// its funding transaction.
import { FormEvent, useMemo, useState } from 'react';
import type { CreatedTask, StoredModule } from '../../../protocol';
import { ApiError } from '../api/apiClient';
import { useSession } from '../session/SessionContext';
import { Problem } from '../ui/Notice';
import { CATALOGUE, moduleBase64 } from './moduleCatalogue';
import { checkTaskForm, TaskFormFields } from './taskForm';

export function CreateTaskForm({ onCreated }: { onCreated(task: CreatedTask): void }) {
    const { api } = useSession();
    const [operation, setOperation] = useState(CATALOGUE[0]?.operation ?? '');
    const module = CATALOGUE.find((m) => m.operation === operation);
    const [fields, setFields] = useState<TaskFormFields>({
        input: JSON.stringify(CATALOGUE[0]?.example ?? {}),
        budgetTon: '1',
        redundancy: '2',
        minTrust: '0',
        deadlineMinutes: '60',
    });
    const [touched, setTouched] = useState(false);
    const [sending, setSending] = useState(false);
    const [problem, setProblem] = useState<string>();
    const checked = useMemo(() => (module ? checkTaskForm(fields, module, Math.floor(Date.now() / 1000)) : undefined), [fields, module]);
    const problems = touched && checked && !checked.ok ? checked.problems : {};

    function set(field: keyof TaskFormFields, value: string): void {
        setFields((all) => ({ ...all, [field]: value }));
    }

    function pickModule(next: string): void {
        setOperation(next);
        set('input', JSON.stringify(CATALOGUE.find((m) => m.operation === next)?.example ?? {}));
    }

    async function create(event: FormEvent): Promise<void> {
        event.preventDefault();
        setTouched(true);
        setProblem(undefined);
        if (!module) return;
        // Checked again with the clock now: the deadline counts from the moment of sending.
        const now = checkTaskForm(fields, module, Math.floor(Date.now() / 1000));
        if (!now.ok) return;
        setSending(true);
        try {
            await api<StoredModule>('POST', '/api/v1/modules', { wasm_base64: await moduleBase64(module) });
            onCreated(await api<CreatedTask>('POST', '/api/v1/tasks', now.request));
            setTouched(false);
        } catch (err) {
            setProblem(err instanceof ApiError ? `the service refused the task (${err.code}): ${err.message}` : `the task could not be created: ${(err as Error).message}`);
        } finally {
            setSending(false);
        }
    }

    if (CATALOGUE.length === 0) return <Problem>This build has no modules to order work from.</Problem>;
    return (
        <form className="card" onSubmit={(e) => void create(e)} data-testid="create-task-form" noValidate>
            <div className="grid">
                <div>
                    <label htmlFor="task-module">Module</label>
                    <select id="task-module" data-testid="task-module" value={operation} onChange={(e) => pickModule(e.target.value)}>
                        {CATALOGUE.map((m) => (
                            <option key={m.operation} value={m.operation}>
                                {m.operation}
                            </option>
                        ))}
                    </select>
                    {module && (
                        <div className="hint">
                            {module.describes} · <span className="mono">{module.sha256.slice(0, 12)}…</span>
                        </div>
                    )}
                </div>
                <div>
                    <label htmlFor="task-input">Input (JSON)</label>
                    <textarea id="task-input" data-testid="task-input" value={fields.input} onChange={(e) => set('input', e.target.value)} spellCheck={false} />
                    <FieldProblem text={problems.input} testId="task-input-problem" />
                </div>
                <div>
                    <label htmlFor="task-budget">Budget (TON)</label>
                    <input id="task-budget" data-testid="task-budget" inputMode="decimal" value={fields.budgetTon} onChange={(e) => set('budgetTon', e.target.value)} />
                    <div className="hint">Covers every result the task may take; what is not paid out comes back when the escrow closes.</div>
                    <FieldProblem text={problems.budgetTon} testId="task-budget-problem" />
                </div>
                <div>
                    <label htmlFor="task-redundancy">Results wanted (slots)</label>
                    <input id="task-redundancy" data-testid="task-redundancy" inputMode="numeric" value={fields.redundancy} onChange={(e) => set('redundancy', e.target.value)} />
                    <div className="hint">A minimum: the service never uses fewer than 2.</div>
                    <FieldProblem text={problems.redundancy} testId="task-redundancy-problem" />
                </div>
                <div>
                    <label htmlFor="task-min-trust">Minimum trust score</label>
                    <input id="task-min-trust" data-testid="task-min-trust" inputMode="decimal" value={fields.minTrust} onChange={(e) => set('minTrust', e.target.value)} />
                    <div className="hint">0 … 1; empty takes the service default (new devices score about 0.13).</div>
                    <FieldProblem text={problems.minTrust} testId="task-min-trust-problem" />
                </div>
                <div>
                    <label htmlFor="task-deadline">Deadline (minutes from now)</label>
                    <input id="task-deadline" data-testid="task-deadline" inputMode="numeric" value={fields.deadlineMinutes} onChange={(e) => set('deadlineMinutes', e.target.value)} />
                    <FieldProblem text={problems.deadlineMinutes} testId="task-deadline-problem" />
                </div>
            </div>
            <p>
                <button type="submit" className="primary" data-testid="create-task" disabled={sending}>
                    {sending ? 'Creating…' : 'Create task'}
                </button>
            </p>
            <Problem testId="create-task-problem">{problem}</Problem>
        </form>
    );
}

function FieldProblem({ text, testId }: { text?: string; testId: string }) {
    return text ? (
        <div className="field-problem" role="alert" data-testid={testId}>
            {text}
        </div>
    ) : null;
}

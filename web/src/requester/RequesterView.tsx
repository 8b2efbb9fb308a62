// Requester: order work. Create a task, fund its escrow from the wallet, follow it to its result, and close the
// escrow after the deadline to recover what was not paid out.
import { useEffect, useState } from 'react';
import type { CreatedTask, TaskList, TaskView, TonConnectTransaction } from '../../../protocol';
import { useSession } from '../session/SessionContext';
import { Empty, Loading, Problem } from '../ui/Notice';
import { CreateTaskForm } from './CreateTaskForm';
import { TaskCard } from './TaskCard';

export function RequesterView() {
    const { api } = useSession();
    const [tasks, setTasks] = useState<TaskView[]>();
    const [problem, setProblem] = useState<string>();
    // The funding transaction comes only with the create answer: kept for this page's life.
    const [fundings, setFundings] = useState<Record<string, TonConnectTransaction>>({});

    useEffect(() => {
        api<TaskList>('GET', '/api/v1/tasks').then(
            (list) => setTasks(list.tasks),
            (err: Error) => setProblem(`your tasks could not be loaded: ${err.message}`),
        );
    }, [api]);

    function created(task: CreatedTask): void {
        const { funding_transaction, ...view } = task;
        setFundings((all) => ({ ...all, [task.task_id]: funding_transaction }));
        setTasks((all) => [view, ...(all ?? [])]);
    }

    return (
        <section className="view" data-testid="requester-view">
            <h2>Requester</h2>
            <p className="muted">
                Pay for computation: the budget sits in an escrow contract of its own, which pays each worker whose result the
                majority agrees on and gives the rest back to you.
            </p>
            <h3>New task</h3>
            <CreateTaskForm onCreated={created} />
            <h3>Your tasks</h3>
            <Problem testId="requester-problem">{problem}</Problem>
            {tasks === undefined && !problem && <Loading what="your tasks" testId="requester-loading" />}
            {tasks?.length === 0 && <Empty testId="requester-empty">No tasks yet: create one above.</Empty>}
            {tasks && tasks.length > 0 && (
                <ul className="list" data-testid="requester-tasks">
                    {tasks.map((t) => (
                        <TaskCard key={t.task_id} initial={t} funding={fundings[t.task_id]} />
                    ))}
                </ul>
            )}
        </section>
    );
}

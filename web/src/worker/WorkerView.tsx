export function WorkerView() {
    return <section className="view" data-testid="worker-view"><p className="muted">Coming in the next commit.</p></section>;
}

export function OperatorView() {
    return <section className="view" data-testid="operator-view"><p className="muted">Coming in the next commit.</p></section>;
}

export function PayoutsView() {
    return <section className="view" data-testid="payouts-view"><p className="muted">Coming in the next commit.</p></section>;
}

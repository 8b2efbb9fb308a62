export function RequesterView() {
    return <section className="view" data-testid="requester-view"><p className="muted">Coming in the next commit.</p></section>;
}

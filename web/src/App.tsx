// The whole app: TonConnect, the session, and one view per tab. The wallet modal uses the manifest this service
// serves, and lists any wallet a test injected (connect/testWallets.ts).
import { lazy, Suspense, useMemo } from 'react';
import { THEME, TonConnectUIProvider } from '@tonconnect/ui-react';
import { ConnectView } from './connect/ConnectView';
import { injectedTestWallets } from './connect/testWallets';
import { useTonProofLogin } from './connect/useTonProofLogin';
import { SessionProvider, useSession } from './session/SessionContext';
import { AddressText } from './ui/Address';
import { Loading, LoginFirst } from './ui/Notice';
import { useRoute, ViewName, VIEWS } from './ui/useRoute';

// The views behind the login load on first use: the Connect page does not wait for them.
const OperatorView = lazy(() => import('./operator/OperatorView').then((m) => ({ default: m.OperatorView })));
const PayoutsView = lazy(() => import('./payouts/PayoutsView').then((m) => ({ default: m.PayoutsView })));
const RequesterView = lazy(() => import('./requester/RequesterView').then((m) => ({ default: m.RequesterView })));
const WorkerView = lazy(() => import('./worker/WorkerView').then((m) => ({ default: m.WorkerView })));

const TITLES: Record<ViewName, string> = {
    connect: 'Connect',
    worker: 'Worker',
    payouts: 'Payouts',
    requester: 'Requester',
    operator: 'Operator',
};

export function App() {
    const wallets = useMemo(injectedTestWallets, []);
    return (
        <TonConnectUIProvider
            manifestUrl={`${location.origin}/tonconnect-manifest.json`}
            walletsListConfiguration={{ includeWallets: wallets }}
            analytics={{ mode: 'off' }}
            uiPreferences={{ theme: THEME.LIGHT }}
        >
            <SessionProvider>
                <Shell />
            </SessionProvider>
        </TonConnectUIProvider>
    );
}

function Shell() {
    useTonProofLogin();
    const [view, navigate] = useRoute();
    const { state, grant } = useSession();
    const loggedIn = state === 'logged-in';
    const toConnect = () => navigate('connect');

    return (
        <div className="app">
            <header className="top">
                <h1>GSTD Escrow</h1>
                {grant && <AddressText address={grant.address} kind="wallet" testId="header-address" />}
            </header>
            <nav className="tabs" aria-label="Views">
                {VIEWS.map((name) => (
                    <button
                        type="button"
                        key={name}
                        className={name === view ? 'tab active' : 'tab'}
                        aria-current={name === view ? 'page' : undefined}
                        data-testid={`tab-${name}`}
                        onClick={() => navigate(name)}
                    >
                        {TITLES[name]}
                    </button>
                ))}
            </nav>
            <main>
                <Suspense fallback={<Loading what="the view" />}>
                    {view === 'connect' && <ConnectView />}
                    {view !== 'connect' && !loggedIn && <LoginFirst onConnect={toConnect} />}
                    {view === 'operator' && loggedIn && <OperatorView />}
                    {view === 'worker' && loggedIn && <WorkerView />}
                    {view === 'payouts' && loggedIn && <PayoutsView />}
                    {view === 'requester' && loggedIn && <RequesterView />}
                </Suspense>
            </main>
        </div>
    );
}
